/** The console's command follow-up: acked, then confirmed by every connected screen, or named. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandChannel, type Activity } from '../../../renderer/operator/commands';
import type { OperatorScreen, OperatorStateMsg } from '../../../shared/protocol/hub-messages';

const screen = (name: string, appliedRev: number, sentRev = 5): OperatorScreen => ({
  name,
  number: 1,
  color: '#fff',
  status: 'ok',
  detail: '',
  address: '127.0.0.1',
  version: '',
  slice: null,
  placed: false,
  fps: 60,
  clockErrorMs: 1,
  rttMs: 1,
  lastSeenAgoMs: 0,
  appliedRev,
  sentRev,
});
const state = (screens: OperatorScreen[]) => ({ screens }) as OperatorStateMsg;

let now = 0;
let sent: string[];
let changes: Activity[];
let channel: CommandChannel;
beforeEach(() => {
  vi.useFakeTimers();
  now = 0;
  sent = [];
  changes = [];
  channel = new CommandChannel(
    (t) => (sent.push(t), true),
    (a) => changes.push({ ...a }),
    () => now,
  );
});
afterEach(() => vi.useRealTimers());

describe('CommandChannel', () => {
  it('waits for every connected screen to confirm, then reports the time', () => {
    const a = channel.run('Blackout', { cmd: 'blackout', on: true });
    expect(JSON.parse(sent[0]!)).toEqual({
      type: 'operator',
      seq: 1,
      command: { cmd: 'blackout', on: true },
    });
    channel.onAck({ type: 'operator-ack', seq: 1, ok: true, message: 'wall blacked out', rev: 5 });
    expect(a.state).toBe('waiting');
    now = 40;
    channel.onState(state([screen('L', 5), screen('R', 4), screen('gone', 0, 0)]));
    expect(a.state).toBe('waiting');
    now = 60;
    channel.onState(state([screen('L', 5), screen('R', 5), screen('gone', 0, 0)]));
    expect(a.state).toBe('ok');
    expect(a.text).toBe('applied on 2/2 screens · 60 ms');
  });

  it('names the screens that did not confirm in time', () => {
    const a = channel.run('Message', { cmd: 'message', text: 'hi' });
    channel.onAck({ type: 'operator-ack', seq: 1, ok: true, message: 'message shown', rev: 3 });
    channel.onState(state([screen('L', 3), screen('R', 2)]));
    now = 2500;
    vi.advanceTimersByTime(300);
    expect(a.state).toBe('warn');
    expect(a.text).toMatch(/1\/2 screens; not confirmed by R/);
  });

  it('reports a refusal, a missing answer and a dropped connection as failures', () => {
    const kick = channel.run('Kick', { cmd: 'kick', phoneId: 9 });
    channel.onAck({
      type: 'operator-ack',
      seq: 1,
      ok: false,
      message: 'no phone #9 on the wall',
      rev: 1,
    });
    expect(kick).toMatchObject({ state: 'failed', text: 'no phone #9 on the wall' });
    const reload = channel.run('Reload', { cmd: 'reload' });
    now = 6000;
    vi.advanceTimersByTime(300);
    expect(reload).toMatchObject({ state: 'failed', text: 'no answer from the hub' });
    const pause = channel.run('Pause', { cmd: 'pause', on: true });
    channel.onDisconnect();
    expect(pause.state).toBe('failed');
  });

  it('fails at once when the console is offline', () => {
    const offline = new CommandChannel(
      () => false,
      () => {},
      () => 0,
    );
    expect(offline.run('Identify', { cmd: 'identify' }).text).toMatch(/not connected/);
  });
});
