/**
 * Phones on the wall, by id and by resume token. A phone outlives its socket: when the socket
 * drops it dozes for the grace period, and a hello with its resume token brings it back.
 */
import { JOIN_POSITION } from '../../shared/geometry/slice';
import type { PhoneInfo } from '../../shared/protocol/hub-messages';
import type { TokenBucket } from './limits';
import type { NameVerdict } from './names';
import { DEFAULT_ASPECT, freeSpot, type SpawnOptions } from './spawn';

export interface Phone {
  readonly id: number;
  readonly token: string;
  flag: string;
  /** The name as the phone typed it (sanitized): persisted, shown to the operator. */
  name: string;
  /** The name screens draw ('' for none): set by WallNames from the mode, filter and verdict. */
  wallName: string;
  /** The operator's verdict on `name` (approval mode); a new name is pending again. */
  nameVerdict: NameVerdict;
  x: number;
  y: number;
  /** Last MOVE seq accepted, echoed in ACK. */
  seq: number;
  /** Position changed since the last tick. */
  moved: boolean;
  /** Position changed since the last ACK. */
  unacked: boolean;
  /** Hub time of the last ACK sent (ACKs are rate-limited to phoneAckHz). */
  lastAckAt: number;
  /** Hub time of the last accepted move. */
  movedAt: number;
  dozing: boolean;
  /** Hub time when the phone started dozing. */
  dozingSince: number;
  /** Its ripple budget (limits.phoneRipplesPerSecond): kept on the phone across reconnects. */
  bucket: TokenBucket;
}

export class PhoneRegistry {
  private readonly byId = new Map<number, Phone>();
  private readonly byToken = new Map<string, Phone>();
  private nextId = 1;
  /** Flag size and wall shape for placing newcomers (the hub points this at its settings). */
  spawnOptions: () => SpawnOptions = () => ({ flagSize: 0.08, aspect: DEFAULT_ASPECT });

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<Phone> {
    return this.byId.values();
  }

  get(id: number): Phone | undefined {
    return this.byId.get(id);
  }

  byResume(token: string | undefined): Phone | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  add(token: string, flag: string, name: string, bucket: TokenBucket): Phone {
    const id = this.nextId;
    this.nextId = this.nextId >= 0xfffffffe ? 1 : this.nextId + 1;
    const at = freeSpot(this.byId.values(), this.spawnOptions());
    return this.insert(newPhone({ id, token, flag, name }, bucket, false, 0, at));
  }

  /**
   * Puts back a phone known before a hub restart: same id and token, dozing until it resumes, at
   * the join position (positions are not saved).
   */
  restore(
    saved: { id: number; token: string; flag: string; name: string },
    bucket: TokenBucket,
    dozingSince: number,
  ): Phone | undefined {
    if (this.byId.has(saved.id) || this.byToken.has(saved.token)) return undefined;
    this.reserveIdsBelow(saved.id + 1);
    return this.insert(newPhone(saved, bucket, true, dozingSince, JOIN_POSITION));
  }

  private insert(phone: Phone): Phone {
    this.byId.set(phone.id, phone);
    this.byToken.set(phone.token, phone);
    return phone;
  }

  /** The next id to hand out (persisted, so ids are never reused across a restart). */
  get nextFreeId(): number {
    return this.nextId;
  }

  remove(phone: Phone): void {
    this.byId.delete(phone.id);
    this.byToken.delete(phone.token);
  }

  /** Restores ids past those already used (after a restart), so old and new never collide. */
  reserveIdsBelow(id: number): void {
    if (id > this.nextId) this.nextId = id;
  }
}

export const phoneInfo = (p: Phone): PhoneInfo => ({
  id: p.id,
  flag: p.flag,
  name: p.wallName,
  x: p.x,
  y: p.y,
  dozing: p.dozing,
});

/** A phone record at `at`, nothing sent or acknowledged yet, its name not drawn until vetted. */
function newPhone(
  identity: { id: number; token: string; flag: string; name: string },
  bucket: TokenBucket,
  dozing: boolean,
  dozingSince: number,
  at: { x: number; y: number },
): Phone {
  return {
    ...identity,
    wallName: '',
    nameVerdict: 'pending',
    x: at.x,
    y: at.y,
    seq: 0,
    moved: false,
    unacked: false,
    lastAckAt: 0,
    movedAt: 0,
    dozing,
    dozingSince,
    bucket,
  };
}
