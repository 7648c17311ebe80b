/** Bans, the flag blocklist, idle places and fair admission through a whole (in-memory) hub. */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodeMove } from '../../../shared/protocol/binary';
import type { HubMessage } from '../../../shared/protocol/hub-messages';
import { connectMemoryClient, type MemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';
import { POSITIONS_PER_ROUND } from '../../../main/hub/phone-admission';

const welcomeOf = (c: MemoryClient) => {
  const w = c.socket.json().find((m) => m.type === 'welcome');
  if (w?.type !== 'welcome') throw new Error('no welcome');
  return w;
};
const errorOf = (c: MemoryClient) =>
  c.socket.json().find((m): m is Extract<HubMessage, { type: 'error' }> => m.type === 'error');
const lastWait = (c: MemoryClient) =>
  c.socket
    .json()
    .filter((m) => m.type === 'wait')
    .map((m) => (m.type === 'wait' ? m.position : -1))
    .at(-1);

describe('bans on the hub', () => {
  it('a banned phone is closed with BANNED (told when it ends) and its token is refused at hello', () => {
    const { hub, clock } = createMemoryHub();
    const phone = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.1');
    const { clientId, resume } = welcomeOf(phone);
    expect(hub.admission.ban(clientId, 10, false)).toMatch(/banned for 10 min/);
    expect(phone.socket.closeCode).toBe(CloseCode.BANNED);
    expect(errorOf(phone)?.endsInMs).toBe(10 * 60_000);
    expect(hub.phones.get(clientId)).toBeUndefined();

    const again = connectMemoryClient(hub, { role: 'phone', resume }, '10.0.0.77');
    expect(again.socket.closeCode).toBe(CloseCode.BANNED);
    expect(again.socket.json().some((m) => m.type === 'welcome')).toBe(false);
    // a token ban leaves the address alone
    const neighbour = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.1');
    expect(neighbour.socket.closeCode).toBeNull();
    // and ends on time
    clock.advance(10 * 60_000);
    const later = connectMemoryClient(hub, { role: 'phone', resume }, '10.0.0.1');
    expect(later.socket.closeCode).toBeNull();
  });

  it('an address ban closes every phone from there and refuses new tokens, not operators', () => {
    const { hub } = createMemoryHub();
    const a = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.5');
    const b = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.5');
    const other = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.6');
    hub.admission.ban(welcomeOf(a).clientId, null, true);
    expect(a.socket.closeCode).toBe(CloseCode.BANNED);
    expect(b.socket.closeCode).toBe(CloseCode.BANNED);
    expect(errorOf(b)?.endsInMs).toBeUndefined(); // rest of the show
    expect(other.socket.closeCode).toBeNull();
    expect(connectMemoryClient(hub, { role: 'phone' }, '10.0.0.5').socket.closeCode).toBe(
      CloseCode.BANNED,
    );
    const op = connectMemoryClient(hub, { role: 'operator', key: MEMORY_HUB_KEY }, '10.0.0.5');
    expect(op.socket.closeCode).toBeNull();
  });
});

describe('flag blocklist on the hub', () => {
  it('phones showing a blocked flag switch to eo; new phones and profile changes get eo', () => {
    const { hub } = createMemoryHub();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const ru = connectMemoryClient(hub, { role: 'phone', phone: { flag: 'ru' } });
    const id = welcomeOf(ru).clientId;
    expect(hub.admission.setBlockedFlags(['ru'])).toBe(1);
    expect(hub.phones.get(id)?.flag).toBe('eo');
    hub.tick(); // roster changes go out with the next tick (roster-batch.ts)
    const roster = screen.socket
      .json()
      .filter((m) => m.type === 'roster')
      .at(-1);
    expect(roster?.type === 'roster' && roster.upsert[0]).toMatchObject({ id, flag: 'eo' });

    expect(ru.socket.json().at(-1)).toEqual({ type: 'flag', flag: 'eo' }); // its page switches too
    const late = connectMemoryClient(hub, { role: 'phone', phone: { flag: 'ru' } });
    expect(welcomeOf(late).flag).toBe('eo');
    const fr = connectMemoryClient(hub, { role: 'phone', phone: { flag: 'fr' } });
    fr.send({ type: 'profile', flag: 'ru' });
    expect(hub.phones.get(welcomeOf(fr).clientId)?.flag).toBe('eo');
    expect(fr.socket.json().at(-1)).toEqual({ type: 'flag', flag: 'eo' });
  });
});

describe('idle places', () => {
  it('a phone that holds a place without a move is closed with IDLE; a mover is not', () => {
    const { hub, clock } = createMemoryHub({ settings: { idlePlaceMs: 60_000 } });
    hub.start();
    const idle = connectMemoryClient(hub, { role: 'phone' });
    const mover = connectMemoryClient(hub, { role: 'phone' });
    for (let i = 1; i <= 14; i++) {
      clock.advance(5000);
      mover.send(encodeMove(i, 0.5, i / 20));
    }
    expect(idle.socket.closeCode).toBe(CloseCode.IDLE);
    expect(hub.phones.get(welcomeOf(idle).clientId)).toBeUndefined(); // the place is free
    expect(mover.socket.closeCode).toBeNull();
    // it may rejoin with its resume token
    const back = connectMemoryClient(hub, { role: 'phone', resume: welcomeOf(idle).resume });
    expect(back.socket.closeCode).toBeNull();
    expect(welcomeOf(back).clientId).toBeGreaterThan(0);
    hub.stop();
  });

  it('0 turns it off', () => {
    const { hub, clock } = createMemoryHub({ settings: { idlePlaceMs: 0 } });
    hub.start();
    const idle = connectMemoryClient(hub, { role: 'phone' });
    clock.advance(600_000);
    expect(idle.socket.closeCode).toBeNull();
    hub.stop();
  });

  it('a freed idle place goes to a waiting phone', () => {
    const { hub, clock } = createMemoryHub({ settings: { idlePlaceMs: 30_000, maxPhones: 1 } });
    hub.start();
    connectMemoryClient(hub, { role: 'phone' }, '10.0.0.1');
    const waiter = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.2');
    expect(welcomeOf(waiter).clientId).toBe(0);
    clock.advance(31_000);
    const welcomes = waiter.socket.json().filter((m) => m.type === 'welcome');
    expect(welcomes.at(-1)?.type === 'welcome' && welcomes.at(-1)).toMatchObject({ role: 'phone' });
    expect(welcomes.some((m) => m.type === 'welcome' && m.clientId > 0)).toBe(true);
    hub.stop();
  });
});

describe('fair admission', () => {
  it('places freed go round-robin by address, and waiting phones hear their new position', () => {
    const { hub, clock } = createMemoryHub({ settings: { maxPhones: 1, idlePlaceMs: 0 } });
    hub.start();
    const holder = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.1');
    const flood = Array.from({ length: 20 }, () =>
      connectMemoryClient(hub, { role: 'phone' }, '10.6.6.6'),
    );
    const honest = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.2');
    expect(lastWait(honest)).toBe(21);
    clock.advance(1100);
    expect(lastWait(honest)).toBe(2); // fair order: one flood socket, then this address
    hub.kickPhone(welcomeOf(holder).clientId); // A flood socket gets the place...
    expect(flood[0]!.socket.json().some((m) => m.type === 'welcome' && m.clientId > 0)).toBe(true);
    clock.advance(1100);
    expect(lastWait(honest)).toBe(1);
    const floodPhone = flood[0]!.socket.json().find((m) => m.type === 'welcome' && m.clientId > 0);
    hub.kickPhone(floodPhone?.type === 'welcome' ? floodPhone.clientId : -1);
    // ...and the next one goes to the other address, not to the flood's 19 older sockets
    expect(honest.socket.json().some((m) => m.type === 'welcome' && m.clientId > 0)).toBe(true);
    hub.stop();
  });

  it('a huge queue is told its new positions over several rounds, the front first', () => {
    const { hub, clock } = createMemoryHub({
      settings: { maxPhones: 0, idlePlaceMs: 0 },
      limits: { maxPerAddress: 10_000 },
    });
    hub.start();
    const n = POSITIONS_PER_ROUND + 100;
    // One address, within its connect budget (50 new sockets a second): 1 s between batches.
    const flood = Array.from({ length: n }, (_, i) => {
      if (i > 0 && i % 50 === 0) clock.advance(1000);
      return connectMemoryClient(hub, { role: 'phone' }, '10.6.6.6');
    });
    const late = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.2');
    for (const c of [...flood, late]) c.socket.clear();
    clock.advance(20); // the first tick's round
    const told = () => [...flood, late].filter((c) => lastWait(c) !== undefined).length;
    // `late` moves up to 2, so every flood socket after the first moves down by one.
    expect(told()).toBe(POSITIONS_PER_ROUND);
    expect(lastWait(late)).toBe(2);
    expect(lastWait(flood[n - 1]!)).toBeUndefined(); // the back of the line waits a round
    clock.advance(1000);
    expect(told()).toBe(n); // flood[0] keeps position 1 and hears nothing new
    expect(lastWait(flood[n - 1]!)).toBe(n + 1);
    hub.stop();
  });
});
