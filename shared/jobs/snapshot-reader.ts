// Reads a project's state once into snapshot records: the header, the phases, then every
// deliverable with its whole log, page by page, so that memory does not grow with the project.
import { calendarDateIn, type Clock } from '../domain/clock';
import type { Deliverable } from '../domain/deliverable';
import type { LogEntry } from '../domain/deliverable';
import type { Export } from '../domain/export';
import { progressOf } from '../domain/progress';
import { NotFoundError } from '../domain/errors';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSession, type SnapshotRecord } from '../reports/snapshot';
import type { Store } from '../store';
import { budgetRepository } from '../store/budget';
import { cofinancingRepository } from '../store/cofinancing';
import { costRepository } from '../store/costs';
import { indicatorRepository } from '../store/indicators';
import { offersIn } from '../store/offers';
import type { Page } from '../store/pagination';
import { paymentRepository } from '../store/payments';
import { projectSummaries } from '../store/summaries';
import { trainingRepository } from '../store/training';

/** Deliverable logs read at once: enough to hide latency, few enough to stay under throttling. */
const LOG_READS_IN_PARALLEL = 8;
const PAGE = 100;

async function wholeLog(store: Store, deliverable: Deliverable): Promise<LogEntry[]> {
  const { consortiumId, projectId, id } = deliverable;
  const entries: LogEntry[] = [];
  for await (const entry of pages((page) => store.deliverables.log(consortiumId, projectId, id, { ...page, newestFirst: false }))) {
    entries.push(entry);
  }
  return entries;
}

async function mapLimited<T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await map(items[index]!);
      }
    }),
  );
  return results;
}

export async function* readSnapshot(
  store: Store,
  request: Export,
  clock: Clock,
  onDeliverables?: (count: number) => void,
): AsyncGenerator<SnapshotRecord> {
  const { consortiumId, projectId } = request;
  const consortium = await store.consortia.get(consortiumId);
  if (!consortium) throw new NotFoundError(`No consortium ${consortiumId}`);
  const collection = await store.projects.collection(consortiumId, projectId);
  const { project, phases } = collection;
  const funder = await store.funders.get(consortiumId, project.entity.funderId);
  const partners = await Promise.all(
    project.entity.partners.map(async (partner) => {
      const member = await store.members.get(consortiumId, partner.memberId);
      return { id: member.id, name: member.name, orgId: member.orgId, sector: member.sector, city: member.city, role: partner.role, budgetShareCents: partner.budgetShareCents };
    }),
  );
  const now = clock.now();
  const today = calendarDateIn(now, consortium.timeZone);
  yield {
    kind: 'header',
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    exportId: request.id,
    generatedAt: now.toISOString(),
    asOf: today,
    language: request.language,
    ...(request.period ? { period: request.period } : {}),
    consortium: { id: consortium.id, name: consortium.name, orgId: consortium.orgId, timeZone: consortium.timeZone, language: consortium.language },
    funder: { id: funder.id, name: funder.name, orgId: funder.orgId, programme: funder.programme },
    project: { ...project.entity, progress: progressOf(project.counters) },
    partners,
  };
  for (const phase of phases) yield { kind: 'phase', phase: { ...phase.entity, progress: progressOf(phase.counters) } };

  let count = 0;
  for (const phase of phases) {
    let cursor: string | undefined;
    do {
      const page = await store.deliverables.list(consortiumId, projectId, { phaseId: phase.entity.id, limit: PAGE, cursor });
      const logs = await mapLimited(page.items, LOG_READS_IN_PARALLEL, (deliverable) => wholeLog(store, deliverable));
      for (const [index, deliverable] of page.items.entries()) {
        yield { kind: 'deliverable', deliverable, history: logs[index]! };
      }
      count += page.items.length;
      onDeliverables?.(count);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const counts: Record<string, number> = { phase: phases.length, deliverable: count };
  for await (const record of projectRecords(store, request, collection, today)) {
    counts[record.kind] = (counts[record.kind] ?? 0) + 1;
    yield record;
  }
  yield { kind: 'footer', counts };
}

/** Every record of the project's other data, each list read a page at a time. */
async function* pages<T>(read: (page: { limit: number; cursor?: string }) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await read({ limit: PAGE, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** After the deliverables: summaries, training, offers, indicators and the accounts. */
async function* projectRecords(
  store: Store,
  request: Export,
  collection: Awaited<ReturnType<Store['projects']['collection']>>,
  today: string,
): AsyncGenerator<SnapshotRecord> {
  const { consortiumId, projectId } = request;
  const { db } = store;
  const indicators = indicatorRepository(db);
  const members = await indicators.members(consortiumId);
  const { indicators: indicatorSummaryWithItems, ...summaries } = projectSummaries(collection, members, today);
  const { items: indicatorItems, ...indicatorSummary } = indicatorSummaryWithItems;
  yield { kind: 'summary', ...summaries, indicators: indicatorSummary };

  const training = trainingRepository(db);
  for await (const path of pages((page) => training.list(consortiumId, { ...page, projectId }))) {
    const sessions = [];
    for await (const session of pages((page) => training.listSessions(consortiumId, path.id, page))) sessions.push(snapshotSession(session));
    yield { kind: 'training', path, sessions };
  }
  for (const offer of offersIn(collection.others)) yield { kind: 'offer', offer };
  for (const indicator of indicatorItems) yield { kind: 'indicator', indicator };

  for (const line of await budgetRepository(db).all(consortiumId, projectId)) yield { kind: 'budgetLine', line };
  const costs = costRepository(db);
  for await (const cost of pages((page) => costs.list(consortiumId, projectId, page))) yield { kind: 'cost', cost };
  const cofinancing = cofinancingRepository(db);
  for await (const contribution of pages((page) => cofinancing.list(consortiumId, projectId, page))) {
    yield { kind: 'contribution', contribution };
  }
  const payments = paymentRepository(db);
  for (const instalment of await payments.instalments(consortiumId, projectId)) yield { kind: 'instalment', instalment };
  for await (const receipt of pages((page) => payments.receipts({ consortiumId, projectId }, page))) yield { kind: 'receipt', receipt };
}
