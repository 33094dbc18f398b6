// `npm run bench [-- --quick] [-- --out file] [-- --only bundle,dashboard]`: generates a
// consortium at scale in a fresh, in-memory DynamoDB Local, measures each section against its
// baseline, prints the table and writes the results file (bench/results.json for a full run,
// test-results/bench-quick.json for a quick one, unless --out says otherwise). With --only, the sections named replace theirs in the results file, each keeping
// the date it was measured at.
import '../dev/quiet-sdk-warning';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../dev/dynamodb-local';
import { createStore } from '../shared/store';
import { createDocumentClient } from '../shared/store/client';
import { ensureTable } from '../shared/store/ensure-table';
import { BENCH_PERSON, FULL_PLAN, QUICK_PLAN, writeDataset } from './data/dataset';
import { createBenchApp } from './lib/bench-app';
import { installCallCounter } from './lib/call-counter';
import type { BenchContext, SectionRunner } from './lib/context';
import { measureUnderLoad } from './lib/load';
import { say } from './lib/progress';
import { updateReadme } from './lib/readme';
import { formatTable, machine, resultsPath, writeResults, type Results, type Section } from './lib/results';
import { bundleSection } from './sections/bundle';
import { callsSection } from './sections/calls';
import { coldStartSection } from './sections/cold-start';
import { dashboardSection } from './sections/dashboard';
import { exportsSection } from './sections/exports';
import { overheadSection } from './sections/overhead';
import { scalingSection } from './sections/scaling';
import { writersSection } from './sections/writers';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: options } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, only: { type: 'string' } },
});
const quick = options.quick ?? false;
const out = resolve(resultsPath(root, { quick, out: options.out }));


/** Run in this order (the bundle section builds what the cold-start one starts); printed in the issue's. */
const SECTIONS: [string, string, SectionRunner][] = [
  ['bundle', '2. bundle', bundleSection],
  ['coldStart', '1. cold start', coldStartSection],
  ['overhead', '3. request overhead', overheadSection],
  ['calls', '4. DynamoDB calls per route', callsSection],
  ['scaling', '5. scaling', scalingSection],
  ['exports', '6. exports', exportsSection],
  ['dashboard', '7. dashboard', dashboardSection],
  ['writers', '8. writers', writersSection],
];
/** Sections that bring their own data (or need none): a run of only these skips the data set. */
const WITHOUT_DATA = new Set(['bundle', 'dashboard', 'writers']);
const only = options.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !SECTIONS.some(([known]) => known === id)) ?? [];
if (unknown.length > 0) throw new Error(`--only: no section ${unknown.join(', ')} (sections: ${SECTIONS.map(([id]) => id).join(', ')})`);
const selected = SECTIONS.filter(([id]) => !only || only.includes(id));

const started = performance.now();
say(`Rete benchmark${quick ? ' (quick: small sizes, figures not meaningful)' : ''}, Node ${process.version}, ${machine().cores} cores`);
const dynamo = await startDynamoDbLocal();
const workDir = await mkdtemp(join(tmpdir(), 'rete-bench-'));
try {
  const client = createDocumentClient({ region: 'eu-south-1', endpoint: dynamo.endpoint });
  const calls = installCallCounter(client);
  const tableName = 'rete-bench';
  await ensureTable(client, tableName);
  const store = createStore(client, tableName);
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const needsData = selected.some(([id]) => !WITHOUT_DATA.has(id));
  say(`DynamoDB Local (in memory) on ${dynamo.endpoint}${needsData ? '; writing the data set' : ''}`);
  const dataset = needsData ? await writeDataset(store, plan) : { plan, items: 0, seconds: 0 };
  if (needsData) say(`data set: ${dataset.items.toLocaleString('en')} items in ${dataset.seconds.toFixed(0)} s`);
  const app = await createBenchApp(store, BENCH_PERSON);
  const context: BenchContext = { quick, root, workDir, endpoint: dynamo.endpoint, client, store, calls, dataset, app };

  const sections: Section[] = [];
  for (const [id, name, run] of selected) {
    say(`\n${name}`);
    const sectionStarted = performance.now();
    // The load is recorded with the section; a timed one measured under a high load runs again.
    const section = await measureUnderLoad(id, machine().cores, () => run(context), { say, repeat: !quick });
    const seconds = Number(((performance.now() - sectionStarted) / 1000).toFixed(1));
    sections.push({ ...section, measuredAt: new Date().toISOString(), seconds });
    say(`${name}: ${seconds.toFixed(0)} s`);
  }
  if (calls.scans > 0) throw new Error(`A Scan was sent during the run (${calls.scans}): no request path may scan`);

  // A partial run keeps the other sections of the results file as they were measured.
  const earlier = only && existsSync(out) ? (JSON.parse(await readFile(out, 'utf8')) as Results) : undefined;
  const kept = earlier?.sections.filter((section) => !sections.some((s) => s.id === section.id)) ?? [];
  const results: Results = {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    machine: machine(),
    data: needsData || !earlier ? { items: dataset.items, seconds: Number(dataset.seconds.toFixed(1)), plan } : earlier.data,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    ...(only ? { partial: { sections: only, earlierDate: earlier?.date } } : {}),
    sections: [...kept, ...sections].sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true })),
  };
  process.stdout.write(`${formatTable(results)}\n\n`);
  await writeResults(out, results);
  // A full run into bench/results.json is the latest one: its figures go into the README too.
  const defaultOut = join(root, 'bench', 'results.json');
  if (!quick && out === defaultOut) await updateReadme(join(root, 'bench', 'README.md'), results);
  say(`results written to ${out} (${results.seconds} s in all)`);
  client.destroy();
} finally {
  await dynamo.stop();
  await rm(workDir, { recursive: true, force: true });
}
