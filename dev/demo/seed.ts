// Writes the demo consortium into an empty table once; a seed interrupted midway is redone on the next start.
import { calendarDateIn, type Clock } from '../../shared/domain/clock';
import type { Deliverable } from '../../shared/domain/deliverable';
import { recount } from '../../shared/domain/progress';
import type { Store } from '../../shared/store';
import { consortiumItem } from '../../shared/store/consortia';
import type { Item } from '../../shared/store/db';
import { deliverableItem, logEntryItem } from '../../shared/store/deliverables';
import { funderRepository, memberRepository } from '../../shared/store/directory';
import { logEntryKey } from '../../shared/store/keys';
import { personItem } from '../../shared/store/people';
import { phaseItem, projectItem } from '../../shared/store/projects';
import { demoMoneyItems } from './demo-money';
import { demoPeople } from './demo-people';
import { buildDemoExtras, demoExtrasItems } from './demo-training';
import { DEMO_CONSORTIUM_ID, DEMO_TIME_ZONE, buildDemo, type Demo } from './demo-data';

/** Every item of the demo but the consortium, with counters recounted from the deliverables. */
export function demoItems(store: Store, demo: Demo): Item[] {
  const members = memberRepository(store.db);
  const funders = funderRepository(store.db);
  const deliverablesOf = (test: (deliverable: Deliverable) => boolean) => demo.deliverables.filter(test);
  const deliverableById = new Map(demo.deliverables.map((deliverable) => [deliverable.id, deliverable]));
  return [
    ...demo.members.map((member) => members.itemOf(member)),
    ...demoPeople(demo, demo.consortium.createdAt).map(personItem),
    ...demo.funders.map((funder) => funders.itemOf(funder)),
    ...demo.projects.map((project) => projectItem(project, recount(deliverablesOf((d) => d.projectId === project.id)))),
    ...demo.phases.map((phase) =>
      phaseItem(phase, recount(deliverablesOf((d) => d.projectId === phase.projectId && d.phaseId === phase.id))),
    ),
    ...demo.deliverables.map((deliverable) => deliverableItem(deliverable)),
    ...demo.logEntries.map((entry) => {
      const deliverable = deliverableById.get(entry.deliverableId);
      if (!deliverable) throw new Error(`Demo log entry ${entry.id} names no deliverable`);
      return logEntryItem(deliverable, entry);
    }),
    // Training paths, commercial offers and indicators
    ...demoExtrasItems(buildDemoExtras(demo)),
    // Budgets, costs, co-financing and payments
    ...demoMoneyItems(demo),
  ];
}

/**
 * A log entry's key holds its instant, and the demo's instants move with the day it is built: a
 * seed interrupted yesterday left entries that today's puts would not overwrite. Deletes them.
 */
async function removeStaleLogEntries(store: Store, demo: Demo): Promise<number> {
  const wanted = new Set(demo.logEntries.map((entry) => `${entry.deliverableId}#${entry.at}#${entry.id}`));
  let removed = 0;
  for (const deliverable of demo.deliverables) {
    const { consortiumId, projectId, id } = deliverable;
    let cursor: string | undefined;
    do {
      const page = await store.deliverables.log(consortiumId, projectId, id, { limit: 100, cursor, newestFirst: false });
      for (const entry of page.items) {
        if (wanted.has(`${id}#${entry.at}#${entry.id}`)) continue;
        await store.db.delete(logEntryKey(consortiumId, projectId, id, entry.at, entry.id));
        removed++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return removed;
}

export async function seedDemo(
  store: Store,
  clock: Clock,
  onProgress?: (message: string) => void,
): Promise<'seeded' | 'present'> {
  // The consortium item is written last, so its presence means the whole demo is there.
  const present = await store.consortia.get(DEMO_CONSORTIUM_ID);
  if (present) {
    // Written again so that a demo seeded before the registry of consortia existed is listed in it.
    await store.consortia.put(present);
    return 'present';
  }

  const now = clock.now();
  const demo = buildDemo(calendarDateIn(now, DEMO_TIME_ZONE), now.toISOString());
  const items = demoItems(store, demo);
  onProgress?.(`seeding the demo consortium ${demo.consortium.name}: ${items.length + 1} items`);

  const removed = await removeStaleLogEntries(store, demo);
  if (removed > 0) onProgress?.(`removed ${removed} log entries left by an interrupted seed`);

  // Plain puts with stable ids: redoing them after an interruption is harmless.
  await store.db.putAll(items);
  await store.db.putAll([consortiumItem(demo.consortium)]);
  onProgress?.(`seeded ${items.length + 1} items`);
  return 'seeded';
}
