import { describe, expect, it } from 'vitest';
import { QUEUE_CAPACITY } from '../../../main/hub/names';
import type { Hub } from '../../../main/hub/hub';
import type { HubMessage, RosterMsg, SnapshotMsg } from '../../../shared/protocol/hub-messages';
import type { NamesMode } from '../../../shared/scene/settings';
import { connectMemoryClient, type MemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const rosters = (c: MemoryClient): RosterMsg[] =>
  c.socket.json().filter((m): m is RosterMsg => m.type === 'roster');
/** The name the screen was last told for phone `id`, once `hub`'s next tick sent its roster. */
const shownOn = (hub: Hub, screen: MemoryClient, id: number): string | undefined => {
  hub.tick(); // roster changes go out with the next tick (roster-batch.ts)
  let name: string | undefined;
  for (const m of screen.socket.json() as HubMessage[]) {
    if (m.type === 'snapshot') name = (m as SnapshotMsg).phones.find((p) => p.id === id)?.name;
    if (m.type === 'roster') name = m.upsert.find((p) => p.id === id)?.name ?? name;
  }
  return name;
};
const phone = (hub: Hub, name: string, n = 0): { client: MemoryClient; id: number } => {
  const client = connectMemoryClient(
    hub,
    { role: 'phone', phone: { name } },
    `10.1.${n >> 8}.${n & 255}`,
  );
  const w = client.socket.json().find((m) => m.type === 'welcome');
  return { client, id: w?.type === 'welcome' ? w.clientId : 0 };
};
const setup = (names: NamesMode) => {
  const { hub } = createMemoryHub({ settings: { names } });
  const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
  return { hub, screen };
};

describe('names on the wall: the hub decides what screens receive', () => {
  it('filtered (default): screens get the masked name, never the typed one; the phone keeps its own', () => {
    const { hub, screen } = setup('filtered');
    const rude = phone(hub, 'Fuck Ada');
    const nice = phone(hub, 'Ada Lovelace', 1);
    expect(shownOn(hub, screen, rude.id)).toBe('F*** Ada');
    expect(shownOn(hub, screen, nice.id)).toBe('Ada Lovelace');
    expect(JSON.stringify(screen.socket.sent)).not.toContain('Fuck');
    const w = rude.client.socket.json().find((m) => m.type === 'welcome');
    expect(w?.type === 'welcome' && w.name).toBe('Fuck Ada');
    // A profile change is filtered the same way, and a later screen's snapshot agrees.
    rude.client.send({ type: 'profile', name: 'merde alors' });
    expect(shownOn(hub, screen, rude.id)).toBe('m**** alors');
    const late = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.9.9.9');
    expect(shownOn(hub, late, rude.id)).toBe('m**** alors');
  });

  it('off: no names at all; switching modes live re-sends only the names that changed', () => {
    const { hub, screen } = setup('off');
    const a = phone(hub, 'Ada');
    phone(hub, '', 1);
    expect(shownOn(hub, screen, a.id)).toBe('');
    screen.socket.clear();
    hub.updateSettings({ names: 'filtered' });
    hub.tick();
    const r = rosters(screen);
    expect(r).toHaveLength(1);
    expect(r[0]!.upsert.map((p) => [p.id, p.name])).toEqual([[a.id, 'Ada']]);
    hub.updateSettings({ names: 'off' });
    expect(shownOn(hub, screen, a.id)).toBe('');
  });

  it('approval: a name shows only once approved; rejected means no name; a new name asks again', () => {
    const { hub, screen } = setup('approval');
    const a = phone(hub, 'Ada');
    const b = phone(hub, 'Fuck', 1);
    expect(shownOn(hub, screen, a.id)).toBe('');
    expect(hub.names.state().pending.map((p) => [p.phoneId, p.name, p.shown])).toEqual([
      [a.id, 'Ada', 'Ada'],
      [b.id, 'Fuck', 'F***'],
    ]);
    expect(hub.decideName(a.id, true)).toBe(true);
    expect(shownOn(hub, screen, a.id)).toBe('Ada');
    // Approved names are still filtered: approval is on top of the filter, not instead of it.
    expect(hub.decideName(b.id, true)).toBe(true);
    expect(shownOn(hub, screen, b.id)).toBe('F***');
    a.client.send({ type: 'profile', name: 'Ada L.' });
    expect(shownOn(hub, screen, a.id)).toBe('');
    expect(hub.names.state().pending.map((p) => p.name)).toEqual(['Ada L.']);
    expect(hub.decideName(a.id, false)).toBe(true);
    expect(shownOn(hub, screen, a.id)).toBe('');
    expect(hub.names.state().pending).toEqual([]);
    // Same name again: still rejected, not queued again.
    a.client.send({ type: 'profile', name: 'Ada L.' });
    expect(hub.names.state().pending).toEqual([]);
    expect(hub.decideName(9999, true)).toMatch(/left the wall/);
  });

  it('the approval queue is bounded; names beyond it wait outside and move in as the operator decides', () => {
    const { hub } = setup('approval');
    const ids: number[] = [];
    for (let i = 0; i < QUEUE_CAPACITY + 30; i++) ids.push(phone(hub, `Guest ${i}`, i).id);
    let st = hub.names.state();
    expect(st.pending).toHaveLength(QUEUE_CAPACITY);
    expect(st.overflow).toBe(30);
    expect(st.pending[0]!.phoneId).toBe(ids[0]);
    hub.decideName(ids[0]!, true);
    hub.decideName(ids[1]!, false);
    st = hub.names.state();
    expect(st.pending).toHaveLength(QUEUE_CAPACITY);
    expect(st.overflow).toBe(28);
    expect(st.pending.at(-1)!.phoneId).toBe(ids[QUEUE_CAPACITY + 1]);
    // A phone that leaves for good frees its place too.
    hub.kickPhone(ids[2]!);
    expect(hub.names.state().overflow).toBe(27);
    // Leaving approval mode empties the queue; names show filtered.
    hub.updateSettings({ names: 'filtered' });
    expect(hub.names.state()).toEqual({ pending: [], overflow: 0 });
  });
});
