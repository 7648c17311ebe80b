/**
 * Which name each flag carries on the wall. Screens only ever receive `phone.wallName`; the
 * name the phone typed stays on the hub (and in the console). The operator's mode decides:
 * `off` — no names; `filtered` — every name through the profanity filter (names-filter.ts);
 * `approval` — a name shows (filtered too) only once the operator approved it in the console's
 * queue. The queue is bounded: past QUEUE_CAPACITY names wait outside it (counted, not lost) and
 * move in, longest on the wall first, as the operator decides.
 */
import type { PendingName } from '../../shared/protocol/hub-messages';
import type { NamesMode } from '../../shared/scene/settings';
import { maskName } from './names-filter';
import type { Phone } from './phones';

export type NameVerdict = 'pending' | 'approved' | 'rejected';

/** Names the console lists for approval at most. */
export const QUEUE_CAPACITY = 50;

export interface NamesQueueState {
  pending: PendingName[];
  /** Named phones waiting for a place in the queue. */
  overflow: number;
}

export interface WallNamesDeps {
  mode(): NamesMode;
  phones(): Iterable<Phone>;
  capacity?: number;
}

export class WallNames {
  /** Phone id → its entry; insertion order is arrival order. */
  private readonly queue = new Map<number, PendingName>();
  private readonly capacity: number;
  /** Each phone's masked name, so a mode change over 2,000 names filters none of them again. */
  private readonly masked = new WeakMap<Phone, { name: string; shown: string }>();

  constructor(private readonly deps: WallNamesDeps) {
    this.capacity = deps.capacity ?? QUEUE_CAPACITY;
  }

  /** The phone asked for a new name: filtered again, and in approval mode asked again. */
  rename(phone: Phone, name: string): void {
    if (name === phone.name) return;
    phone.name = name;
    phone.nameVerdict = 'pending';
    this.queue.delete(phone.id);
  }

  /**
   * Sets what screens draw for `phone`, before it goes out in a roster; in approval mode a
   * pending name joins the queue if there is room. Cheap: the filter caches its answers.
   */
  refresh(phone: Phone): void {
    const mode = this.deps.mode();
    if (mode === 'approval' && this.needsVerdict(phone)) this.enqueue(phone);
    phone.wallName = this.wallNameOf(phone, mode);
  }

  /** The phone left the wall for good. */
  left(phoneId: number): void {
    if (this.queue.delete(phoneId)) this.fill();
  }

  /** The mode changed: the phones whose wall name changed (to send in one roster). */
  modeChanged(): Phone[] {
    const mode = this.deps.mode();
    if (mode !== 'approval') this.queue.clear();
    const changed: Phone[] = [];
    for (const p of this.deps.phones()) {
      const before = p.wallName;
      this.refresh(p);
      if (p.wallName !== before) changed.push(p);
    }
    return changed;
  }

  /** The operator's verdict. The phone, to send in a roster, or a sentence saying why not. */
  decide(phone: Phone | undefined, approve: boolean): Phone | string {
    if (!phone) return 'that phone has left the wall';
    if (phone.name === '') return `phone #${phone.id} has no name`;
    phone.nameVerdict = approve ? 'approved' : 'rejected';
    this.queue.delete(phone.id);
    this.fill();
    this.refresh(phone);
    return phone;
  }

  state(): NamesQueueState {
    if (this.deps.mode() !== 'approval') return { pending: [], overflow: 0 };
    let waiting = 0;
    for (const p of this.deps.phones()) if (this.needsVerdict(p)) waiting++;
    return { pending: [...this.queue.values()], overflow: waiting - this.queue.size };
  }

  private needsVerdict(p: Phone): boolean {
    return p.name !== '' && p.nameVerdict === 'pending';
  }

  private wallNameOf(p: Phone, mode: NamesMode): string {
    if (mode === 'off' || p.name === '') return '';
    if (mode === 'approval' && p.nameVerdict !== 'approved') return '';
    return this.shown(p);
  }

  /** `p.name` as the wall may show it (the filter's mask), computed once per name. */
  private shown(p: Phone): string {
    const known = this.masked.get(p);
    if (known?.name === p.name) return known.shown;
    const shown = maskName(p.name);
    this.masked.set(p, { name: p.name, shown });
    return shown;
  }

  private enqueue(p: Phone): void {
    const entry = this.queue.get(p.id);
    if (entry) {
      entry.flag = p.flag;
      return;
    }
    if (this.queue.size >= this.capacity) return;
    this.queue.set(p.id, { phoneId: p.id, flag: p.flag, name: p.name, shown: this.shown(p) });
  }

  /** Room in the queue: let in the waiting names, longest on the wall first. */
  private fill(): void {
    if (this.deps.mode() !== 'approval') return;
    for (const p of this.deps.phones()) {
      if (this.queue.size >= this.capacity) return;
      if (this.needsVerdict(p)) this.enqueue(p);
    }
  }
}
