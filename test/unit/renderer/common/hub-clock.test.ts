import { describe, expect, it } from 'vitest';
import { HubClock, type ClockTimers } from '../../../../renderer/common/hub-clock';
import { decodeClientFrame, decodeHubFrame, encodePong } from '../../../../shared/protocol/binary';
import { PROFILES, SimWorld } from '../../../support/link-sim';

/** The page's timers on the simulated local clock. */
function simTimers(world: SimWorld): ClockTimers {
  return {
    setTimeout: (fn, ms) => {
      const h = { cancelled: false };
      world.afterLocal(ms, () => h.cancelled || fn());
      return h;
    },
    clearTimeout: (h) => {
      (h as { cancelled: boolean }).cancelled = true;
    },
  };
}

describe('HubClock (browser wiring of ClockSync)', () => {
  it('pings over the sink, feeds pongs back, and converges on a Wi-Fi-like link', () => {
    const world = new SimWorld({ profile: PROFILES.wifi, seed: 21, localOffsetMs: -1700 });
    const local = () => world.localAt();
    let clock: HubClock | null = null;
    let sent = 0;
    const sink = {
      send(data: Uint8Array): boolean {
        const ping = decodeClientFrame(data);
        if (!ping || !('t0' in ping)) throw new Error('expected a ping');
        sent++;
        // The hub's side, as main/hub/hub.ts answers: t1 on receipt, t2 on send.
        world.transmit('up', () => {
          const t1 = world.hubAt();
          const pong = decodeHubFrame(encodePong(ping.t0, t1, t1));
          world.transmit('down', () => {
            if (pong && 't1' in pong) clock!.onPong(pong);
          });
        });
        return true;
      },
    };
    clock = new HubClock(sink, local, {}, simTimers(world));
    clock.seed(world.hubAt());
    clock.start();
    world.runUntil(1500);
    expect(clock.stats().converged).toBe(true);
    expect(Math.abs(clock.now() - world.hubAt())).toBeLessThanOrEqual(clock.stats().errorMs);
    world.runUntil(20_000);
    const s = clock.stats();
    expect(Math.abs(clock.now() - world.hubAt())).toBeLessThan(0.5);
    expect(s.errorMs).toBeLessThanOrEqual(1);
    expect(s.offsetMs).toBeCloseTo(1700, 0);
    // A frame reads the local clock once and asks for hub time at that reading.
    const at = world.localAt();
    const now = clock.now();
    expect(clock.nowAt(at)).toBe(now);
    expect(clock.nowAt(at + 1000) - now).toBeCloseTo(1000, 1);
    clock.stop();
    const before = sent;
    world.runUntil(25_000);
    expect(sent).toBe(before);
  });

  it('does not count pings that could not be sent towards the burst', () => {
    const world = new SimWorld({ profile: PROFILES.lan, seed: 1 });
    let attempts = 0;
    const clock = new HubClock(
      { send: () => (attempts++, false) },
      () => world.localAt(),
      {},
      simTimers(world),
    );
    clock.start();
    world.runUntil(1000);
    // Retried at the fast pace the whole time (5 ms), never slowed down.
    expect(attempts).toBeGreaterThanOrEqual(190);
    expect(clock.stats().samples).toBe(0);
    expect(clock.stats().errorMs).toBe(Infinity);
    clock.stop();
  });
});
