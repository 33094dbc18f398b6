// 1. Cold start: fresh Node processes import the API function's bundle and answer one
// authenticated request through the Lambda adapter, against fresh processes of the baseline
// bundle (DocumentClient + the same Query by hand), alternating, medians of the answer times.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_PERSON } from '../data/dataset';
import { httpApiEvent } from '../../test/support/lambda-events';
import type { SectionRunner } from '../lib/context';
import { counter } from '../lib/progress';
import { figure } from '../lib/results';
import { median, percentile } from '../lib/stats';
import { baselineBundle } from './bundle';

const run = promisify(execFile);

interface ChildTimes {
  status: number;
  importStarted: number;
  imported: number;
  answered: number;
  /** The process's CPU time (user + system) to the answer, ms. */
  cpu: number;
  body: string;
}

export const coldStartSection: SectionRunner = async ({ root, workDir, quick, endpoint, store, dataset, app }) => {
  const rounds = quick ? 3 : 21;
  // The bundle section builds both bundles; it runs first when the cold-start section needs them.
  const apiBundle = join(root, 'dist', 'api', 'index.mjs');
  const consortiumId = dataset.plan.consortium.id;
  const path = `/api/v1/consortia/${consortiumId}/members/m001/deliverables`;
  const eventFile = join(workDir, 'cold-start-event.json');
  await writeFile(eventFile, JSON.stringify(httpApiEvent('GET', path, undefined, await app.issuer.sign(BENCH_PERSON, { expiresInSeconds: 3600 }))));
  // What the deployed function reads, with the verifier primed with the issuer's keys (AUTH_JWKS)
  // as the local runtime does, instead of Cognito's (which it would fetch over https).
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-south-1',
    TABLE_NAME: store.db.tableName,
    DYNAMODB_ENDPOINT: endpoint,
    FILES_BUCKET: 'rete-bench-files',
    AUTH_CLIENT_ID: app.issuer.clientId,
    AUTH_ISSUER: app.issuer.issuer,
    AUTH_JWKS: JSON.stringify(app.issuer.jwks),
    // Read by later versions of the function's configuration; unused by this one GET.
    EXPORT_QUEUE_URL: 'http://127.0.0.1:9/rete-bench-exports',
    MAIL_FROM: 'rete@example.org',
    DASHBOARD_ORIGIN: 'http://localhost:3000',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  const child = async (bundle: string): Promise<ChildTimes & { wallMs: number }> => {
    const started = performance.now();
    const { stdout } = await run(process.execPath, [join(root, 'bench', 'children', 'cold-start.mjs'), bundle, eventFile], { env, timeout: 60_000 });
    const times = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildTimes;
    if (times.status !== 200) throw new Error(`cold start of ${bundle} answered ${times.status}: ${times.body}`);
    return { ...times, wallMs: performance.now() - started };
  };

  const api: Awaited<ReturnType<typeof child>>[] = [];
  const base: Awaited<ReturnType<typeof child>>[] = [];
  const report = counter('  cold starts (API and baseline)', rounds, 1);
  for (let round = 0; round < rounds; round++) {
    // Alternating order, so that neither side always follows the other's disk cache.
    if (round % 2 === 0) api.push(await child(apiBundle)), base.push(await child(baselineBundle(workDir)));
    else base.push(await child(baselineBundle(workDir))), api.push(await child(apiBundle));
    report(round + 1);
  }
  const answered = (runs: typeof api) => runs.map((r) => r.answered);
  const detailsOf = (runs: typeof api) => ({
    runs: runs.length,
    p95Ms: percentile(answered(runs), 0.95),
    importMedianMs: median(runs.map((r) => r.imported - r.importStarted)),
    nodeStartMedianMs: median(runs.map((r) => r.importStarted)),
    processWallMedianMs: median(runs.map((r) => r.wallMs)),
  });
  const baseline = { label: `baseline process, median of ${rounds}`, value: median(answered(base)) };
  return {
    id: 'coldStart',
    title: '1. Cold start (ms from process start to the answer)',
    figures: [
      figure('coldStart.api', `API: GET members/{id}/deliverables, median of ${rounds}`, 'ms', median(answered(api)), baseline, {
        goal: { text: 'ratio at most 1.25', met: median(answered(api)) <= 1.25 * baseline.value },
        details: { api: detailsOf(api), baseline: detailsOf(base) },
      }),
      figure('coldStart.api.import', 'API: importing the bundle (part of the above)', 'ms', median(api.map((r) => r.imported - r.importStarted)), {
        label: 'baseline import', value: median(base.map((r) => r.imported - r.importStarted)),
      }),
      // What a loaded machine stretches least: the time waiting for a core is not in it.
      figure('coldStart.api.cpu', 'API: CPU time of the process to the answer', 'ms', median(api.map((r) => r.cpu)), {
        label: 'baseline process CPU', value: median(base.map((r) => r.cpu)),
      }),
    ],
    notes: [
      `Each run is a fresh \`node\` process (bench/children/cold-start.mjs, no loader) that imports dist/api/index.mjs and answers one API Gateway v2 event through hono/aws-lambda; the time is performance.now() at the answer, i.e. from the process's start, Node's own start-up included on both sides.`,
      'The token is checked for real: the verifier is primed with the local issuer\'s JWKS (AUTH_ISSUER/AUTH_JWKS), as the local runtime does; on AWS it would fetch Cognito\'s JWKS once per cold start, which is not measured here.',
      'The API request makes GetItem×2 (membership, consortium) and Query×1; the baseline makes the same Query by hand.',
      "The API's routes load by import() on the first request under their paths: the measured request loads the members' route group and the groups' app (with zod-to-openapi) after the import, so its time holds them; the bundle section's \"a member's deliverables\" figure is what it has loaded by then.",
      'CPU time: process.cpuUsage() (user + system, every thread of the process: compiling, garbage collection, the SDK) at the answer, median; a loaded machine stretches it far less than the times from the start, which include waiting for a core.',
    ],
  };
};
