// 3. Request overhead: the main read routes and one write through the app in this process
// (app.request), against the raw DocumentClient calls each route makes, alternating, same run.
import { BENCH_PERSON, BIG_PROJECT } from '../data/dataset';
import { rawDeliverablePage, rawLogProgress, rawMemberDeliverables, rawOverview } from '../data/raw-routes';
import { describeCalls } from '../lib/call-counter';
import type { BenchContext, SectionRunner } from '../lib/context';
import { counter } from '../lib/progress';
import { figure, type Figure } from '../lib/results';
import { alternate, median, percentile } from '../lib/stats';

interface Measured {
  id: string;
  label: string;
  app: () => Promise<unknown>;
  raw: () => Promise<unknown>;
}

function routes({ app, client, store, dataset }: BenchContext): Measured[] {
  const raw = { client, tableName: store.db.tableName };
  const cid = dataset.plan.consortium.id;
  const project = `/consortia/${cid}/projects/${BIG_PROJECT}`;
  // Synthetic deliverables whose index is 1 mod 5 are in progress: the app writes one, the baseline another.
  const appDeliverable = 'd000001';
  const rawDeliverable = 'd000006';
  let percent = 0;
  return [
    { id: 'overview', label: 'overview (big project)', app: () => app.request('GET', `${project}/overview`), raw: () => rawOverview(raw, cid, BIG_PROJECT) },
    {
      id: 'memberDeliverables', label: 'member deliverables, page of 25',
      app: () => app.request('GET', `/consortia/${cid}/members/m001/deliverables?limit=25`), raw: () => rawMemberDeliverables(raw, cid, 'm001', 25),
    },
    {
      id: 'deliverablePage', label: 'deliverable list, page of 25',
      app: () => app.request('GET', `${project}/deliverables?limit=25`), raw: () => rawDeliverablePage(raw, cid, BIG_PROJECT, 25),
    },
    {
      id: 'logProgress', label: 'progress log entry (write)',
      app: () => app.request('POST', `${project}/deliverables/${appDeliverable}/log`, { note: 'Benchmark progress', percent: ++percent % 100 }),
      raw: () => rawLogProgress(raw, { consortiumId: cid, projectId: BIG_PROJECT, deliverableId: rawDeliverable }, BENCH_PERSON),
    },
  ];
}

export const overheadSection: SectionRunner = async (context) => {
  const rounds = context.quick ? 15 : 200;
  const figures: Figure[] = [];
  const notes = [
    `Each route ${rounds} times through the app in this process (app.request: routing, token check, membership and consortium caches, zod validation, policy, JSON) and ${rounds} times as raw DocumentClient calls (bench/data/raw-routes.ts), alternating, after 5 warm-up rounds, against DynamoDB Local on this machine.`,
    'DynamoDB Local answers in milliseconds, far slower than the app\'s own work, so the difference of medians is small against the noise: read it with the p95 beside it.',
  ];
  for (const route of routes(context)) {
    const times = await alternate(rounds, route.app, route.raw, { onRound: counter(`  ${route.label}`, rounds) });
    const [appCalls, rawCalls] = [await context.calls.during(route.app), await context.calls.during(route.raw)];
    const app = { median: median(times.subject), p95: percentile(times.subject, 0.95) };
    const raw = { median: median(times.baseline), p95: percentile(times.baseline, 0.95) };
    const overhead = app.median - raw.median;
    const details = {
      rounds, differenceMedianMs: overhead, differenceP95Ms: app.p95 - raw.p95,
      appCalls: describeCalls(appCalls.calls), rawCalls: describeCalls(rawCalls.calls),
    };
    figures.push(
      figure(`overhead.${route.id}.median`, `${route.label}: median`, 'ms', app.median, { label: 'raw calls median', value: raw.median }, {
        goal: { text: `overhead under 2 ms (here ${overhead.toFixed(2)} ms)`, met: overhead < 2 }, details,
      }),
      figure(`overhead.${route.id}.p95`, `${route.label}: p95`, 'ms', app.p95, { label: 'raw calls p95', value: raw.p95 }, { details: { differenceMs: app.p95 - raw.p95 } }),
    );
    notes.push(`${route.label}: the app made ${describeCalls(appCalls.calls)}; the baseline ${describeCalls(rawCalls.calls)} (the app's extra GetItems, if any, are its membership and consortium caches expiring).`);
  }
  return { id: 'overhead', title: '3. Request overhead (app in-process vs raw DocumentClient calls)', figures, notes };
};
