/**
 * Every RATE_LIMITED close tells the client how long it is refused (`retryInMs` on the error
 * before the close), so it can wait that long instead of retrying into the cooldown.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodePing } from '../../../shared/protocol/binary';
import type { ErrorMsg } from '../../../shared/protocol/hub-messages';
import { CONNECT_CHURN } from '../../../main/hub/budgets';
import type { HubLimits } from '../../../main/hub/limits';
import {
  connectMemoryClient,
  MemoryHubSocket,
  type MemoryClient,
} from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

function rig(limits: Partial<HubLimits> = {}) {
  const r = createMemoryHub({ limits });
  r.hub.start();
  return r;
}

const errorOf = (socket: MemoryHubSocket): ErrorMsg | undefined =>
  socket.json().find((m): m is ErrorMsg => m.type === 'error');

function flood(phone: MemoryClient): void {
  for (let i = 0; phone.socket.closeCode === null && i < 10_000; i++) phone.send(encodePing(i));
}

describe('RATE_LIMITED says when to come back', () => {
  it('a flooding phone hears the whole cooldown; a hello during it hears what is left', () => {
    const { hub, clock } = rig({ rateLimitCooldownMs: 10_000 });
    const phone = connectMemoryClient(hub, { role: 'phone' }, '10.3.3.3');
    const welcome = phone.socket.json().find((m) => m.type === 'welcome');
    const resume = welcome?.type === 'welcome' ? welcome.resume : undefined;
    flood(phone);
    expect(phone.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(errorOf(phone.socket)).toMatchObject({
      code: CloseCode.RATE_LIMITED,
      retryInMs: 10_000,
    });

    clock.advance(4000);
    const again = connectMemoryClient(hub, { role: 'phone', resume }, '10.3.3.3');
    expect(again.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(errorOf(again.socket)?.retryInMs).toBe(6000);
    // The token is refused from another address too, for as long.
    const moved = connectMemoryClient(hub, { role: 'phone', resume }, '10.4.4.4');
    expect(errorOf(moved.socket)?.retryInMs).toBe(6000);

    // Waiting exactly what it was told is enough: the same token comes back.
    clock.advance(6000);
    const back = connectMemoryClient(hub, { role: 'phone', resume }, '10.3.3.3');
    expect(back.socket.closeCode).toBeNull();
    expect(back.socket.json().some((m) => m.type === 'welcome')).toBe(true);
    hub.stop();
  });

  it('a screen closed for a flood gets no cooldown, so no retryInMs', () => {
    const { hub } = rig();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.7.7.7');
    flood(screen);
    expect(screen.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(errorOf(screen.socket)?.retryInMs).toBeUndefined();
    hub.stop();
  });

  it('a socket refused for connect churn hears when the address may open one again', () => {
    const { hub, clock } = rig();
    for (let i = 0; i < CONNECT_CHURN.burst; i++)
      hub.accept(new MemoryHubSocket(), { address: '10.5.5.5' });
    const refused = new MemoryHubSocket();
    hub.accept(refused, { address: '10.5.5.5' });
    expect(refused.closeCode).toBe(CloseCode.RATE_LIMITED);
    const wait = errorOf(refused)?.retryInMs ?? 0;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(Math.ceil(1000 / CONNECT_CHURN.rate));
    clock.advance(wait);
    const later = new MemoryHubSocket();
    hub.accept(later, { address: '10.5.5.5' });
    expect(later.closeCode).toBeNull();
    hub.stop();
  });

  it('a screen refused after wrong wall keys hears the key cooldown', () => {
    const { hub, clock } = rig();
    for (let i = 0; i < 5; i++)
      connectMemoryClient(hub, { role: 'operator', key: `guess-${i}` }, '10.0.0.7');
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.0.0.7');
    expect(screen.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    const wait = errorOf(screen.socket)?.retryInMs ?? 0;
    expect(wait).toBeGreaterThan(0);
    clock.advance(wait);
    const later = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.0.0.7');
    expect(later.socket.closeCode).toBeNull();
    hub.stop();
  });
});
