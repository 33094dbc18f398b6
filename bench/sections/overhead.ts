// 3. Request overhead: the main read routes and one write through the app in this process
// (app.request), against the raw DocumentClient calls each route makes, alternating, same run:
// wall time, and the CPU time of this process (the app's and the SDK's work, not DynamoDB Local's).
import { cpus, loadavg } from 'node:os';
import { BENCH_PERSON, BIG_PROJECT } from '../data/dataset';
import { rawDeliverablePage, rawLogProgress, rawMemberDeliverables, rawOverview, rawProjectPage } from '../data/raw-routes';
import { describeCalls } from '../lib/call-counter';
import type { BenchContext, SectionRunner } from '../lib/context';
import { counter } from '../lib/progress';
import { figure, type Figure } from '../lib/results';
import { alternate, mean, median, percentile } from '../lib/stats';

export interface Measured {
  id: string;
  label: string;
  /** The most CPU time per request the app may spend beyond the baseline's, in ms (median over the rounds). */
  cpuGoalMs: number;
  app: () => Promise<unknown>;
  raw: () => Promise<unknown>;
}

/** The measured routes, each with its baseline; bench/profile.ts profiles them too. */
export function overheadRoutes({ app, client, store, dataset }: BenchContext): Measured[] {
  const raw = { client, tableName: store.db.tableName };
  const cid = dataset.plan.consortium.id;
  const project = `/consortia/${cid}/projects/${BIG_PROJECT}`;
  // Synthetic deliverables whose index is 1 mod 5 are in progress: the app writes one, the baseline another.
  const appDeliverable = 'd000001';
  const rawDeliverable = 'd000006';
  let percent = 0;
  return [
    { id: 'overview', label: 'overview (big project)', cpuGoalMs: 2, app: () => app.send('GET', `${project}/overview`), raw: () => rawOverview(raw, cid, BIG_PROJECT) },
    {
      id: 'memberDeliverables', label: 'member deliverables, page of 25', cpuGoalMs: 2,
      app: () => app.send('GET', `/consortia/${cid}/members/m001/deliverables?limit=25`), raw: () => rawMemberDeliverables(raw, cid, 'm001', 25),
    },
    {
      id: 'deliverablePage', label: 'deliverable list, page of 25', cpuGoalMs: 2,
      app: () => app.send('GET', `${project}/deliverables?limit=25`), raw: () => rawDeliverablePage(raw, cid, BIG_PROJECT, 25),
    },
    {
      id: 'deliverablePage100', label: 'deliverable list, page of 100', cpuGoalMs: 2,
      app: () => app.send('GET', `${project}/deliverables?limit=100`), raw: () => rawDeliverablePage(raw, cid, BIG_PROJECT, 100),
    },
    {
      id: 'projects', label: `projects list (${dataset.plan.consortium.otherProjects.count + 1} projects)`, cpuGoalMs: 2,
      app: () => app.send('GET', `/consortia/${cid}/projects?limit=25`), raw: () => rawProjectPage(raw, cid, 25),
    },
    {
      id: 'logProgress', label: 'progress log entry (write)', cpuGoalMs: 3,
      app: () => app.send('POST', `${project}/deliverables/${appDeliverable}/log`, { note: 'Benchmark progress', percent: ++percent % 100 }),
      raw: () => rawLogProgress(raw, { consortiumId: cid, projectId: BIG_PROJECT, deliverableId: rawDeliverable }, BENCH_PERSON),
    },
  ];
}

const loads = () => loadavg().map((load) => load.toFixed(2)).join(', ');

export const overheadSection: SectionRunner = async (context) => {
  const rounds = context.quick ? 15 : 200;
  const loadAtStart = loads();
  const figures: Figure[] = [];
  const notes = [
    `Each route ${rounds} times through the app in this process (app.request: routing, token check, membership and consortium caches, zod validation, policy, JSON) and ${rounds} times as raw DocumentClient calls (bench/data/raw-routes.ts), alternating, after 5 warm-up rounds, against DynamoDB Local on this machine.`,
    'DynamoDB Local answers in milliseconds, far slower than the app\'s own work, so the difference of medians is small against the noise: read it with the p95 beside it.',
    'CPU: process.cpuUsage() (user + system) around each request, app and baseline alike, median over the rounds; the figure is the app\'s median beyond the baseline\'s. DynamoDB Local runs in a Java process of its own, so this is the work of the app and the SDK in Node (garbage collection included, wherever it falls), not the database\'s, and time spent waiting for a core on a loaded machine is not in it, as it is in wall time. The baseline of the progress entry computes the audit record and its hash as the app does, so that work is not in the difference.',
  ];
  for (const route of overheadRoutes(context)) {
    const times = await alternate(rounds, route.app, route.raw, { onRound: counter(`  ${route.label}`, rounds) });
    const [appCalls, rawCalls] = [await context.calls.during(route.app), await context.calls.during(route.raw)];
    const app = { median: median(times.subject.ms), p95: percentile(times.subject.ms, 0.95) };
    const raw = { median: median(times.baseline.ms), p95: percentile(times.baseline.ms, 0.95) };
    const overhead = app.median - raw.median;
    const details = {
      rounds, differenceMedianMs: overhead, differenceP95Ms: app.p95 - raw.p95,
      appCalls: describeCalls(appCalls.calls), rawCalls: describeCalls(rawCalls.calls),
    };
    const appCpu = { median: median(times.subject.cpuMs), p95: percentile(times.subject.cpuMs, 0.95) };
    const rawCpu = { median: median(times.baseline.cpuMs), p95: percentile(times.baseline.cpuMs, 0.95) };
    const cpuBeyond = appCpu.median - rawCpu.median;
    // Rounds alternate, so each app request has a baseline request beside it: the median of those differences too.
    const pairedCpu = median(times.subject.cpuMs.map((cpu, round) => cpu - times.baseline.cpuMs[round]!));
    figures.push(
      figure(`overhead.${route.id}.median`, `${route.label}: median`, 'ms', app.median, { label: 'raw calls median', value: raw.median }, {
        goal: { text: `overhead under 2 ms (here ${overhead.toFixed(2)} ms)`, met: overhead < 2 }, details,
      }),
      figure(`overhead.${route.id}.p95`, `${route.label}: p95`, 'ms', app.p95, { label: 'raw calls p95', value: raw.p95 }, { details: { differenceMs: app.p95 - raw.p95 } }),
      figure(`overhead.${route.id}.cpu`, `${route.label}: CPU beyond the raw calls`, 'ms', cpuBeyond, { label: 'raw calls CPU median', value: rawCpu.median }, {
        goal: { text: `at most ${route.cpuGoalMs} ms of CPU beyond the baseline (app ${appCpu.median.toFixed(2)} ms)`, met: cpuBeyond <= route.cpuGoalMs },
        details: {
          rounds, appCpuMedianMs: appCpu.median, appCpuP95Ms: appCpu.p95, rawCpuMedianMs: rawCpu.median, rawCpuP95Ms: rawCpu.p95,
          differenceP95Ms: appCpu.p95 - rawCpu.p95, medianOfRoundDifferencesMs: pairedCpu,
          // What a bill adds up: the slow rounds (garbage collection, a loaded core) weigh in the mean, not in the median.
          appCpuMeanMs: mean(times.subject.cpuMs), rawCpuMeanMs: mean(times.baseline.cpuMs),
        },
      }),
    );
    notes.push(`${route.label}: the app made ${describeCalls(appCalls.calls)}; the baseline ${describeCalls(rawCalls.calls)} (the app's extra GetItems, if any, are its membership and consortium caches expiring).`);
  }
  notes.push(`The machine's load average (1, 5, 15 minutes) on its ${cpus().length} cores: ${loadAtStart} at the section's start, ${loads()} at its end.`);
  return { id: 'overhead', title: '3. Request overhead (app in-process vs raw DocumentClient calls: wall time and CPU time)', figures, notes };
};
