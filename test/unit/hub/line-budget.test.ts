import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LineBudget } from '../../../main/hub/line-budget';
import { CLOSE_LOG_LINES, CLOSE_LOG_PERIOD_MS } from '../../../main/hub/session-io';
import { CloseCode } from '../../../shared/protocol/codes';
import { connectMemoryClient } from '../../support/memory-hub-socket';
import { createMemoryHub } from '../../support/memory-hub';

describe('log line budget', () => {
  it('writes at most max lines a period and tells the next line how many it left out', () => {
    const lines = new LineBudget(3, 1000);
    expect([0, 1, 2, 3, 4].map((t) => lines.take(t))).toEqual([0, 0, 0, null, null]);
    expect(lines.take(1000)).toBe(2);
    expect(lines.take(1001)).toBe(0);
  });

  it('a crowd of strangers closed at once makes a bounded number of "closing client" lines', () => {
    const logged: { msg: string; linesSuppressed?: number }[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const { hub, clock } = createMemoryHub({ log });
    const crowd = 4 * CLOSE_LOG_LINES;
    for (let i = 0; i < crowd; i++) {
      const c = connectMemoryClient(hub, { role: 'phone' }, `10.2.${i >> 8}.${i & 255}`);
      c.conn.receive('{"type":"nonsense"}', false); // well-formed JSON, unknown type: closed
      expect(c.socket.closeCode).toBe(CloseCode.BAD_MESSAGE);
    }
    const closing = () => logged.filter((l) => l.msg === 'closing client');
    expect(closing()).toHaveLength(CLOSE_LOG_LINES);
    clock.advance(CLOSE_LOG_PERIOD_MS);
    const late = connectMemoryClient(hub, { role: 'phone' }, '10.3.0.1');
    late.conn.receive('{"type":"nonsense"}', false);
    expect(closing()).toHaveLength(CLOSE_LOG_LINES + 1);
    expect(closing().at(-1)?.linesSuppressed).toBe(crowd - CLOSE_LOG_LINES);
  });
});
