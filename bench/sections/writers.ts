// 8. Writers: 32 clients logging progress on 32 deliverables of one project through the app, with
// the sealer in the background and DynamoDB's transaction conflicts simulated, against the same
// writes by hand (one PutItem each, no audit, no counters), same run; then the sealing lag, and
// the counters checked against a recount.
import { cpus } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { writeSyntheticProject } from '../../dev/synthetic-project';
import type { Deliverable } from '../../shared/domain/deliverable';
import { recount } from '../../shared/domain/progress';
import { inProcessSealing } from '../../shared/jobs/sealing';
import { createStore, type Store } from '../../shared/store';
import { createDocumentClient } from '../../shared/store/client';
import { chainHeadKey } from '../../shared/store/keys';
import { SEAL_BATCH } from '../../shared/store/sealer';
import { personItem } from '../../shared/store/people';
import { installConflictHarness } from '../../test/support/conflicts';
import { rawAppendLogEntry, rawLogProgress } from '../data/raw-routes';
import { createBenchApp } from '../lib/bench-app';
import { coreShare, countOf, joined, statusText, writeFor, type Window } from '../lib/concurrent';
import type { SectionRunner } from '../lib/context';
import { progress } from '../lib/progress';
import { figure } from '../lib/results';
import { median, percentile } from '../lib/stats';

export const WRITERS = 32;
/** The throughput the app must keep against the writes by hand (the issue's). */
export const GOAL_RATIO = 0.7;
/**
 * The harness holds a write transaction's items for as long as its call is in flight, plus this.
 * None: the figure compares throughputs, and an added hold would slow the app's transactions only
 * (a PutItem never holds), which DynamoDB does not do. Overlaps are still refused as on AWS.
 */
export const HOLD_MILLIS = 0;
const CONSORTIUM = 'writers';
const PERSON = 'bench-writers';

/** The synthetic project's deliverables cycle through five statuses; index 1 mod 5 is in progress. */
const inProgress = (count: number) => Array.from({ length: count }, (_, index) => `d${String(5 * index + 1).padStart(6, '0')}`);

async function allDeliverables(store: Store, projectId: string): Promise<Deliverable[]> {
  const items: Deliverable[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.deliverables.list(CONSORTIUM, projectId, { limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** What sealing left behind, against a recount of the deliverables: a list of what differs (empty when all is right). */
async function recountProblems(store: Store, projectId: string, lastPercent: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  const deliverables = await allDeliverables(store, projectId);
  const project = await store.projects.get(CONSORTIUM, projectId);
  if (!isDeepStrictEqual(project.counters, recount(deliverables))) {
    problems.push(`project counters ${JSON.stringify(project.counters)}, recount ${JSON.stringify(recount(deliverables))}`);
  }
  for (const phaseId of new Set(deliverables.map((d) => d.phaseId))) {
    const phase = await store.projects.getPhase(CONSORTIUM, projectId, phaseId);
    const counted = recount(deliverables.filter((d) => d.phaseId === phaseId));
    if (!isDeepStrictEqual(phase.counters, counted)) problems.push(`${phaseId} counters ${JSON.stringify(phase.counters)}, recount ${JSON.stringify(counted)}`);
  }
  for (const deliverable of deliverables) {
    const expected = lastPercent.get(deliverable.id);
    if (expected !== undefined && deliverable.reportedPercent !== expected) problems.push(`${deliverable.id} reports ${deliverable.reportedPercent} %, its last entry ${expected} %`);
  }
  return problems;
}

let attempts = 0;

export const writersSection: SectionRunner = async (context) => {
  const seconds = context.quick ? 1 : 20;
  // A project of its own per attempt (the bench may measure a section again), on a client of its own
  // that carries the conflict harness and whose store's writes schedule the sealer.
  const projectId = `p-${++attempts}`;
  const client = createDocumentClient({ region: 'eu-south-1', endpoint: context.endpoint });
  const store = createStore(client, context.store.db.tableName);
  progress(`  writing project ${CONSORTIUM}/${projectId}`);
  await writeSyntheticProject(store, { consortiumId: CONSORTIUM, projectId, deliverables: 5 * WRITERS, logsPerDeliverable: 0, members: WRITERS, concurrency: 2 });
  const at = '2026-01-15T10:00:00.000Z';
  await store.db.putAll([personItem({ id: PERSON, consortiumId: CONSORTIUM, email: 'writers@example.org', name: 'Writers coordinator', language: 'en', role: 'coordinator', version: 1, createdAt: at, updatedAt: at })]);
  const deliverables = inProgress(WRITERS);
  const bench = await createBenchApp(store, PERSON);
  const sealing = inProcessSealing(store.db, { mode: 'background' });
  const harness = installConflictHarness(client, { holdMillis: HOLD_MILLIS });
  const chain = { consortiumId: CONSORTIUM, projectId };
  const raw = { client, tableName: store.db.tableName };
  const percentOf = (round: number) => (round % 100) + 1;
  const lastPercent = new Map<string, number>();
  const ids = (writer: number) => ({ consortiumId: CONSORTIUM, projectId, deliverableId: deliverables[writer]! });

  const appWrite = async (writer: number, round: number) => {
    const response = await bench.app.request(`/api/v1/consortia/${CONSORTIUM}/projects/${projectId}/deliverables/${deliverables[writer]}/log`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bench.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: `writer ${writer}, round ${round}`, percent: percentOf(round) }),
    });
    const text = await response.text();
    // A 409 or 503 is what the goal counts; anything else is a fault of the run, not a figure.
    if (![200, 409, 503].includes(response.status)) throw new Error(`writer ${writer}: the app answered ${response.status}: ${text.slice(0, 300)}`);
    if (response.status === 200) lastPercent.set(deliverables[writer]!, percentOf(round));
    return response.status;
  };
  const rawWrite = async (writer: number, round: number) => {
    await rawAppendLogEntry(raw, ids(writer), { personId: PERSON, note: `writer ${writer}, round ${round}`, percent: percentOf(round) });
    return 200;
  };
  /** What the app sends for one entry, by hand: the read and the transaction of the entry and its event. */
  const appCallsWrite = async (writer: number) => {
    await rawLogProgress(raw, ids(writer), PERSON);
    return 200;
  };

  try {
    // Warm-up (caches, connections, compiled code in this process and in DynamoDB Local's), sealed before the clock starts.
    const warmup = context.quick ? 0.2 : 3;
    await writeFor(WRITERS, warmup, rawWrite, 'warming up by hand');
    await writeFor(WRITERS, warmup, appWrite, 'warming up through the app');
    await sealing.flush();
    const sealedBefore = sealing.figures.lagMillis.length;
    const headBefore = Number((await store.db.get(chainHeadKey(chain)))?.seq ?? 0);
    harness.reset();

    const byHandBefore = await writeFor(WRITERS, seconds / 2, rawWrite, 'by hand (first half)');
    const conflictsByHand = harness.conflicts;
    harness.reset();
    const app = await writeFor(WRITERS, seconds, appWrite, 'through the app');
    const transactionsWhileWriting = harness.transactions;
    const flushStarted = performance.now();
    progress(`  sealing what is left of ${app.ok.toLocaleString('en')} writes`);
    await sealing.flush();
    const flushSeconds = (performance.now() - flushStarted) / 1000;
    const lag = sealing.figures.lagMillis.slice(sealedBefore);
    const conflicts = harness.conflicts;
    // The sealer's transactions went through the same client: all of them but the app's (one per accepted write).
    const transactions = harness.transactions;
    const sealerTransactions = transactions - app.ok;
    // The sealer seals one chain a batch at a time: while it is behind, each round (head, pending events, deliverables, transaction) follows the last.
    const sealingRoundMs = (1000 * (app.seconds + flushSeconds)) / Math.max(1, sealerTransactions);

    // Every accepted write is in the chain once, and the counters and percents are a recount's.
    progress('  checking the chain, the counters and the percents');
    const headAfter = Number((await store.db.get(chainHeadKey(chain)))?.seq ?? 0);
    const problems = await recountProblems(store, projectId, lastPercent);
    if (headAfter - headBefore !== app.ok) problems.push(`the chain grew by ${headAfter - headBefore} entries for ${app.ok} accepted writes`);
    if (sealing.figures.failures > 0) problems.push(`${sealing.figures.failures} sealing runs failed`);
    const verification = await store.audit.verify(chain);
    if (!verification.valid || verification.unsealed !== 0) problems.push(`the chain does not verify: ${JSON.stringify(verification)}`);
    if (problems.length > 0) throw new Error(`Writers: after sealing, the project is not what its writes make it:\n  ${problems.join('\n  ')}`);

    harness.reset();
    const byHand = joined(byHandBefore, await writeFor(WRITERS, seconds / 2, rawWrite, 'by hand (second half)'));
    const conflictsRaw = conflictsByHand + harness.conflicts;
    // Last, and not a baseline: the app's own calls by hand, without the app and without the sealer
    // (their events are left pending), to tell DynamoDB Local's share of the difference from the app's.
    const appCalls = await writeFor(WRITERS, seconds / 2, appCallsWrite, "the app's calls by hand");

    const rate = (window: Window) => window.ok / window.seconds;
    const ratio = rate(app) / rate(byHand);
    const sealingRate = lag.length / (app.seconds + flushSeconds);
    const latency = (window: Window) => ({ medianMs: median(window.latencyMs), p95Ms: percentile(window.latencyMs, 0.95) });
    const [appLatency, rawLatency, callsLatency] = [latency(app), latency(byHand), latency(appCalls)];
    const side = (window: Window) => ({
      writes: window.latencyMs.length, ok: window.ok, seconds: window.seconds, ...latency(window),
      cpuShareOfOneCore: coreShare(window), cpuMsPerWrite: window.cpuMs / window.latencyMs.length, loadAtStart: window.loadAtStart, loadAtEnd: window.loadAtEnd,
    });
    const details = {
      writers: WRITERS, seconds, holdMillis: HOLD_MILLIS,
      app: { ...side(app), status409: countOf(app, 409), status503: countOf(app, 503), transactions, transactionsWhileWriting, sealerTransactions, conflictsRaised: conflicts },
      byHand: { ...side(byHand), conflictsRaised: conflictsRaw },
    };
    const lagDetails = { sealed: lag.length, flushSeconds, p99Ms: percentile(lag, 0.99), maxMs: Math.max(...lag) };
    const perSealerTransaction = lag.length / Math.max(1, sealerTransactions);
    const share = (window: Window) => `${(100 * coreShare(window)).toFixed(0)} %`;
    return {
      id: 'writers',
      title: `8. Writers (${WRITERS} clients logging progress on ${WRITERS} deliverables of one project, conflicts simulated: app vs writes by hand)`,
      figures: [
        figure('writers.throughput', `${WRITERS} writers through the app`, 'writes/s', rate(app), { label: 'one PutItem per write by hand', value: rate(byHand) }, {
          goal: { text: `at least ${GOAL_RATIO}x the writes by hand (here ${ratio.toFixed(2)}x; 409s ${countOf(app, 409)}, 503s ${countOf(app, 503)})`, met: ratio >= GOAL_RATIO },
          details,
        }),
        figure('writers.lag.p50', 'sealing lag: p50', 'ms', percentile(lag, 0.5), { label: "a write's own median", value: appLatency.medianMs }, { details: lagDetails }),
        figure('writers.lag.p95', 'sealing lag: p95', 'ms', percentile(lag, 0.95), { label: "a write's own p95", value: appLatency.p95Ms }, { details: lagDetails }),
        figure('writers.sealing', 'events sealed', 'events/s', sealingRate, { label: 'writes through the app', value: rate(app) }, {
          details: { sealed: lag.length, seconds: app.seconds + flushSeconds, flushSeconds, sealerTransactions, eventsPerSealerTransaction: perSealerTransaction, sealingRoundMs },
        }),
        figure('writers.appCalls', "the app's calls by hand (GetItem, transaction of entry and event)", 'writes/s', rate(appCalls), { label: 'one PutItem per write by hand', value: rate(byHand) }, {
          details: side(appCalls),
        }),
      ],
      notes: [
        `${WRITERS} clients in this process, each writing progress entries to a deliverable of its own (in progress) of one project, one write after another: through the app for ${seconds} s (app.request: token, caches, validation, policy; the entry and its audit event in one transaction), the sealer running in the background in this process (inProcessSealing, as the table's stream runs it on AWS); and the same entries by hand for ${seconds / 2} s before and ${seconds / 2} s after (bench/data/raw-routes.ts rawAppendLogEntry: one PutItem each, keys from shared/store/keys.ts, no read, no event, no counters, no app), so that a drift of the machine falls on both sides alike. ${warmup} s each way of warm-up before.`,
        `Both sides send through a DocumentClient carrying the conflict harness (test/support/conflicts.ts), which refuses a transaction or write that touches an item a write transaction in flight holds, as DynamoDB does and DynamoDB Local does not; hold ${HOLD_MILLIS} ms beyond the call itself. Raised: ${conflicts} of ${transactions} transactions of the app and the sealer (${sealerTransactions} of them the sealer's, ${transactionsWhileWriting} of all sent while the writers ran), ${conflictsRaw} by hand.`,
        `Through the app: ${app.latencyMs.length.toLocaleString('en')} writes answered ${statusText(app)} in ${app.seconds.toFixed(1)} s (median ${appLatency.medianMs.toFixed(1)} ms, p95 ${appLatency.p95Ms.toFixed(1)} ms); by hand: ${byHand.ok.toLocaleString('en')} in ${byHand.seconds.toFixed(1)} s (median ${rawLatency.medianMs.toFixed(1)} ms, p95 ${rawLatency.p95Ms.toFixed(1)} ms); the app's calls by hand: ${appCalls.ok.toLocaleString('en')} in ${appCalls.seconds.toFixed(1)} s (median ${callsLatency.medianMs.toFixed(1)} ms).`,
        `This process used ${share(app)} of one core while the app wrote (sealer included; ${(app.cpuMs / app.latencyMs.length).toFixed(2)} ms of CPU per write), ${share(byHand)} by hand, ${share(appCalls)} for the app's calls by hand: this process is not what limits the writes; DynamoDB Local (a Java process) and the machine's other work share the same cores.`,
        `Sealing lag: from a write's instant to its sealing, by the sealer's clock, for the ${lag.length.toLocaleString('en')} events of the timed writes; ${flushSeconds.toFixed(1)} s of sealing were left when the writers stopped (events sealed per second: the events over the writers' time and that). p99 ${lagDetails.p99Ms.toFixed(0)} ms, longest ${lagDetails.maxMs.toFixed(0)} ms. ${sealerTransactions} sealing transactions, ${perSealerTransaction.toFixed(1)} events each (at most ${SEAL_BATCH}), one every ${sealingRoundMs.toFixed(0)} ms: the sealer of a chain seals a batch after the last, so its rate is a batch over the time of one round of DynamoDB calls (the head, the pending events, the deliverables, the transaction), which here are DynamoDB Local's.`,
        'Checked after sealing (the section fails otherwise): the chain grew by one entry per accepted write and verifies; the project\'s and each phase\'s counters equal a recount of the deliverables; each deliverable reports its last entry\'s percent.',
        `The machine's 1-minute load average on its ${cpus().length} cores: ${app.loadAtStart} → ${app.loadAtEnd} through the app, ${byHand.loadAtStart} → ${byHand.loadAtEnd} by hand (first half's start, second half's end). The writers and DynamoDB Local fill both cores by themselves, so the load is high in every attempt and the section is not measured again for it.`,
      ],
    };
  } finally {
    harness.uninstall();
    sealing.stop();
    client.destroy();
  }
};
