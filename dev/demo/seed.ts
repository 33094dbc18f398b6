// Writes the demo consortium into an empty table once; a seed interrupted midway is redone on the next start.
import { calendarDateIn, type Clock } from '../../shared/domain/clock';
import type { Deliverable } from '../../shared/domain/deliverable';
import { recount } from '../../shared/domain/progress';
import type { Store } from '../../shared/store';
import { diffFields, type AuditRecord } from '../../shared/domain/audit';
import { sweepConsortium } from '../../shared/jobs/sealing';
import { eventItems } from '../../shared/store/audit';
import { consortiumItem } from '../../shared/store/consortia';
import type { Item } from '../../shared/store/db';
import { deliverableItem, logEntryItem } from '../../shared/store/deliverables';
import { funderRepository, memberRepository } from '../../shared/store/directory';
import { logEntryKey, type AuditChain } from '../../shared/store/keys';
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

/** The audit entity each seeded item kind is recorded as (summary items are not entities). */
const HISTORY_ENTITY: Record<string, string> = {
  Member: 'member', Membership: 'person', Funder: 'funder', Project: 'project', Phase: 'phase', Deliverable: 'deliverable',
  LogEntry: 'deliverable', TrainingPath: 'training_path', TrainingSession: 'training_session', Attendance: 'attendance',
  Offer: 'offer', Indicator: 'indicator', BudgetLine: 'budget_line', Cost: 'cost', Contribution: 'contribution',
  Instalment: 'instalment', PaymentRequest: 'payment_request', Receipt: 'receipt',
};

/**
 * The demo's history as audit events, one per seeded entity (its creation; a log entry is logged
 * on its deliverable), in the project's chain or the consortium's. Their ids are stable, so that a
 * seed redone after an interruption puts the same events again; the sealer links them in time order.
 */
export function demoHistory(demo: Demo, items: Item[]): { chain: AuditChain; record: AuditRecord; eventId: string }[] {
  const projectOf = new Map(demo.deliverables.map((deliverable) => [deliverable.id, deliverable.projectId]));
  return items.flatMap((item) => {
    const entity = HISTORY_ENTITY[String(item.itemType)];
    if (!entity) return [];
    const { itemType, PK: _pk, SK: _sk, GSI1PK: _1, GSI1SK: _2, GSI2PK: _3, GSI2SK: _4, GSI3PK: _5, GSI3SK: _6, ...fields } = item;
    const logged = itemType === 'LogEntry';
    const projectId = itemType === 'Project' ? String(item.id) : logged ? projectOf.get(String(item.deliverableId)) : (item.projectId as string | undefined);
    const chain = { consortiumId: demo.consortium.id, ...(itemType === 'TrainingPath' || !projectId ? {} : { projectId }) };
    const at = String(item.createdAt ?? item.at);
    const entityId = logged ? String(item.deliverableId) : itemType === 'Attendance' ? `${String(item.sessionId)}:${String(item.memberId)}` : String(item.id);
    const actor = String(item.by ?? item.recordedBy ?? item.reportedBy ?? 'demo-seed');
    const action = logged ? `log_${String(item.type)}` : itemType === 'Attendance' ? 'attend' : 'create';
    const record = { at, actor, entity, entityId, action, changes: diffFields(undefined, fields) };
    return [{ chain, record, eventId: `${at}#seed#${String(itemType)}#${logged ? String(item.id) : entityId}` }];
  });
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
  const history = demoHistory(demo, items);
  await store.db.putAll(history.flatMap(({ chain, record, eventId }) => eventItems(chain, record, eventId).items));
  await store.db.putAll([consortiumItem(demo.consortium)]);
  // The history is sealed like any write's events (the next start's sweep ends an interrupted one).
  const sealed = await sweepConsortium(store.db, demo.consortium.id);
  onProgress?.(`seeded ${items.length + 1} items, and ${sealed.sealed} events of their history in the audit chains`);
  return 'seeded';
}
