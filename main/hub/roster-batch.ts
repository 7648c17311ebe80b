/**
 * Roster changes (joins, profile edits, dozing, leaving) collected between ticks and sent as one
 * `roster` message per tick: a crowd editing names or churning costs screens at most tickHz
 * messages a second, each bounded by the phones that changed (at most one entry per phone).
 */
import type { RosterMsg } from '../../shared/protocol/hub-messages';
import type { Phone } from './phones';

export class RosterBatch {
  private readonly upsert = new Map<number, Phone>();
  private readonly remove = new Set<number>();

  add(upsert: readonly Phone[], remove: readonly number[]): void {
    for (const p of upsert) this.upsert.set(p.id, p);
    for (const id of remove) {
      this.upsert.delete(id);
      this.remove.add(id);
    }
  }

  /** The batched message (phones as they are now), or null when nothing changed. */
  take(): RosterMsg | null {
    if (this.upsert.size === 0 && this.remove.size === 0) return null;
    const msg: RosterMsg = {
      type: 'roster',
      upsert: [...this.upsert.values()].map(({ id, flag, name, dozing }) => ({
        id,
        flag,
        name,
        dozing,
      })),
      remove: [...this.remove],
    };
    this.upsert.clear();
    this.remove.clear();
    return msg;
  }
}
