// `npx tsx bench/profile.ts [--route overview] [--rounds 300] [--out folder]`: profiles the CPU of
// one route of the request-overhead section, through the app and as its raw calls, on the bench's
// big project (10 000 deliverables), and prints where the time goes by package and by function.
import '../dev/quiet-sdk-warning';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../dev/dynamodb-local';
import { createStore } from '../shared/store';
import { createDocumentClient } from '../shared/store/client';
import { ensureTable } from '../shared/store/ensure-table';
import { BENCH_PERSON, FULL_PLAN, writeDataset, type DatasetPlan } from './data/dataset';
import { createBenchApp } from './lib/bench-app';
import { installCallCounter } from './lib/call-counter';
import { summarise, type CpuProfile } from './lib/cpu-profile';
import { say } from './lib/progress';
import { overheadRoutes } from './sections/overhead';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: options } = parseArgs({
  options: { route: { type: 'string', default: 'overview' }, rounds: { type: 'string', default: '300' }, out: { type: 'string' } },
});
const rounds = Number(options.rounds);
/** The bench's consortium with its big project only: what the request-overhead section reads. */
const plan: DatasetPlan = { ...FULL_PLAN, consortium: { ...FULL_PLAN.consortium, otherProjects: { count: 0, deliverables: 0, logs: 0 } }, scaleSizes: [], exportSizes: [] };

const dynamo = await startDynamoDbLocal();
const workDir = await mkdtemp(join(tmpdir(), 'rete-profile-'));
const session = new Session();
try {
  const client = createDocumentClient({ region: 'eu-south-1', endpoint: dynamo.endpoint });
  const calls = installCallCounter(client);
  await ensureTable(client, 'rete-bench');
  const store = createStore(client, 'rete-bench');
  say('writing the big project');
  const dataset = await writeDataset(store, plan);
  const app = await createBenchApp(store, BENCH_PERSON);
  const route = overheadRoutes({ quick: false, root, workDir, endpoint: dynamo.endpoint, client, store, calls, dataset, app }).find((r) => r.id === options.route);
  if (!route) throw new Error(`--route: no route ${options.route}`);
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const out = options.out ?? workDir;
  for (const [side, task] of [['app', route.app], ['raw', route.raw]] as const) {
    for (let warm = 0; warm < 20; warm++) await task();
    await session.post('Profiler.start');
    const cpu = process.cpuUsage();
    for (let round = 0; round < rounds; round++) await task();
    const { user, system } = process.cpuUsage(cpu);
    const { profile } = await session.post('Profiler.stop');
    if (options.out) await writeFile(join(out, `${route.id}-${side}.cpuprofile`), JSON.stringify(profile));
    process.stdout.write(`\n${route.label}, ${side === 'app' ? 'through the app' : 'raw calls'}: ${summarise(profile as CpuProfile, rounds, (user + system) / 1000)}\n`);
  }
  client.destroy();
} finally {
  session.disconnect();
  await dynamo.stop();
  await rm(workDir, { recursive: true, force: true });
}
