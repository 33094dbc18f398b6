// What a write moves besides its own items: counters and summaries shared by many writers (a
// project's progress, its money totals). The write carries them in its audit event, and the sealer
// applies them, so that no request's transaction holds an item other writers need.
import type { Key } from './keys';

/** Numbers to ADD to an item; `create` makes a missing summary item (else a missing item is skipped). */
export interface CounterProjection {
  key: Key;
  add: Record<string, number>;
  create?: { itemType: string; fields?: Record<string, unknown> };
}

/** A progress entry appended to a deliverable's log: its percent and status follow it when sealed. */
export interface ProgressProjection {
  consortiumId: string;
  projectId: string;
  deliverableId: string;
  at: string;
  percent: number;
}

export type Projection = { counters: CounterProjection } | { progress: ProgressProjection };

/** A counter projection, or none when every number is zero. */
export function countersMoved(key: Key, add: Record<string, number>, create?: CounterProjection['create']): Projection[] {
  const moved = Object.fromEntries(Object.entries(add).filter(([, value]) => value !== 0));
  return Object.keys(moved).length > 0 ? [{ counters: { key, add: moved, ...(create ? { create } : {}) } }] : [];
}

const keyId = (key: Key) => `${key.PK}\u0000${key.SK}`;

/** Counter projections merged per item (one transaction may write an item once), in first-seen order. */
export function mergeCounters(projections: Iterable<CounterProjection>): CounterProjection[] {
  const merged = new Map<string, CounterProjection>();
  for (const projection of projections) {
    const id = keyId(projection.key);
    const current = merged.get(id);
    if (!current) {
      merged.set(id, { ...projection, add: { ...projection.add } });
      continue;
    }
    for (const [attribute, value] of Object.entries(projection.add)) current.add[attribute] = (current.add[attribute] ?? 0) + value;
    current.create ??= projection.create;
  }
  return [...merged.values()]
    .map((projection) => ({ ...projection, add: Object.fromEntries(Object.entries(projection.add).filter(([, value]) => value !== 0)) }))
    .filter((projection) => Object.keys(projection.add).length > 0 || projection.create);
}
