/** One connection's state on the hub: its socket, role once known, and what it owns. */
import type { Role } from '../../shared/protocol/codes';
import type { HelloMsg, StatsMsg } from '../../shared/protocol/messages';
import type { Slice } from '../../shared/geometry/slice';
import type { SessionBudget } from './budgets';
import type { Phone } from './phones';
import type { ConnectionInfo, HubSocket } from './socket';

export interface ScreenInfo {
  name: string;
  slice: Slice | null;
  stats: StatsMsg | null;
  /** Hub time of the last message from this screen. */
  lastSeen: number;
  /** Ticks not sent because the socket was backed up. */
  skippedTicks: number;
  bytesOut: number;
  /** Skipped at least one tick since its last frame: the next one is a catch-up. */
  behind: boolean;
  /** Hub time of the last frame sent to it. */
  lastTickAt: number;
}

export class Session {
  role: Role | null = null;
  phone: Phone | null = null;
  screen: ScreenInfo | null = null;
  helloTimer: unknown = null;
  closed = false;
  /** Phones over capacity wait here until a place frees up. */
  waiting = false;
  /** The hello a waiting phone sent (its flag and name), used when it is admitted. */
  waitingHello: HelloMsg | null = null;
  /** Hub time since when its socket has been over the soft cap; null while it keeps up. */
  backedUpSince: number | null = null;
  /** What it may still send (budgets.ts); set by Hub.accept before its first message. */
  budget!: SessionBudget;

  constructor(
    readonly socket: HubSocket,
    readonly info: ConnectionInfo,
    readonly connectedAt: number,
  ) {}
}
