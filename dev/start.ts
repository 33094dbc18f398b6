// `npm start`: the whole suite on this machine. DynamoDB Local with data under .data/, the demo
// seeded on first run, the API and the dashboard on one port; Ctrl-C stops everything.
import './quiet-sdk-warning';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../shared/api/app';
import { newId, systemClock } from '../shared/api/system';
import { createDocumentClient } from '../shared/store/client';
import { ensureTable } from '../shared/store/ensure-table';
import { createDiskFileStore } from '../shared/files/disk-store';
import { inProcessExportQueue } from '../shared/jobs/export-queue';
import { runForEveryConsortium, type JobReport } from '../shared/jobs/scheduled';
import { outboxMailer } from '../shared/mail/mailer';
import { inProcessSealing } from '../shared/jobs/sealing';
import { createStore } from '../shared/store';
import { localDirectory } from '../shared/auth/identities';
import { jwksVerifier } from '../shared/auth/verifier';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID } from './demo/demo-data';
import { seedDemo } from './demo/seed';
import { runMigrations } from './migrations';
import { createDevIssuer } from './dev-issuer';
import { devRoutes } from './dev-routes';
import { fileRoutes } from './file-routes';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { LOCAL_TABLE, dataDir } from './paths';
import { buildWeb, describeWebBuild, webOut } from '../web/build';
import { forgetProcess, rememberProcess, stopLeftover } from './processes';

const port = Number(process.env.PORT ?? 3000);
const tableName = LOCAL_TABLE;
const log = (message: string) => console.log(`[rete] ${message}`);

let dynamo: RunningDynamoDb | undefined;
let server: ReturnType<typeof serve> | undefined;
let jobs: ReturnType<typeof setInterval> | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('Stopping…');
    clearInterval(jobs);
    server?.close();
    await dynamo?.stop();
    await forgetProcess(dataDir);
  }
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  await stopLeftover(dataDir, log);

  log('Starting DynamoDB Local…');
  dynamo = await startDynamoDbLocal({
    dataPath: join(dataDir, 'dynamodb'),
    detached: true,
    onSpawn: (spawned) => rememberProcess(dataDir, spawned),
  });
  log(`DynamoDB Local on ${dynamo.endpoint}, data in ${join(dataDir, 'dynamodb')}`);
  // If the emulator dies on its own, the suite cannot work: say so and stop.
  dynamo.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`[rete] DynamoDB Local exited unexpectedly (code ${code})`);
    void stop(1);
  });

  const client = createDocumentClient({ region: 'eu-south-1', endpoint: dynamo.endpoint });
  if (await ensureTable(client, tableName)) log(`Created table ${tableName}`);
  const store = createStore(client, tableName);
  // Audit events are sealed in process, before each write answers (on AWS the table's stream runs
  // the sealer); the sweep below catches anything a crash left pending.
  inProcessSealing(store.db, { mode: 'inline' });
  // Data written by an older version is brought to today's format first (a no-op once done).
  const migrated = await runMigrations(store, log).catch((error: Error) => {
    console.error(`[rete] Migration stopped (the suite starts anyway; \`npm run migrate\` resumes it): ${error.message}`);
    return 0;
  });
  if (migrated > 0) log(`Migrated ${migrated} audit chains`);
  const seeded = await seedDemo(store, systemClock, log);
  log(seeded === 'seeded' ? 'Seeded the demo consortium' : 'Demo data present: reusing it');

  // Tokens are signed here and checked by the same verifier library as on AWS, primed with our keys.
  const issuer = await createDevIssuer(`http://localhost:${port}/api/dev`);
  // Files (exports, evidence) on disk beside the table's data, with links the app signs and serves.
  const files = await createDiskFileStore({ root: join(dataDir, 'files'), baseUrl: `http://localhost:${port}`, clock: systemClock });
  // Mails stay in an outbox here; each one is told on the console.
  const mailer = outboxMailer({ onSend: (mail) => log(`Mail to ${mail.to} (${mail.language}): ${mail.subject}`) });
  const identities = localDirectory(() => randomUUID());
  const exportQueue = inProcessExportQueue({ store, files, clock: systemClock, identities, mailer });
  const app = createApp({
    store,
    clock: systemClock,
    newId,
    verifier: jwksVerifier(issuer),
    identities,
    files,
    exportQueue,
    mailer,
  });
  // The jobs run once a minute, for every consortium as on AWS; each does its period's work once,
  // so the later runs find nothing to do.
  const jobDeps = { store, clock: systemClock, mailer, exportQueue, origin: `http://localhost:${port}` };
  const tell = (what: string) => (report: JobReport) => {
    if (report.done > 0) log(`${what}: ${report.done}`);
    for (const { consortiumId, error } of report.failed) console.error(`[rete] ${report.job} failed for ${consortiumId}: ${error}`);
  };
  const runJobs = () =>
    Promise.all([
      runForEveryConsortium(jobDeps, 'weekly-digest').then(tell('Weekly digest, notifications sent')),
      runForEveryConsortium(jobDeps, 'reporting-schedules').then(tell('Reporting schedules, exports asked for')),
      runForEveryConsortium(jobDeps, 'seal-sweep').then(tell('Audit events sealed by the sweep')),
    ]).catch((error: Error) => console.error(`[rete] Jobs failed: ${error.message}`));
  jobs = setInterval(runJobs, 60_000);
  void runJobs();
  app.route('/api/dev', devRoutes(issuer, store, DEMO_CONSORTIUM_ID));
  app.route('/api/files', fileRoutes(files));
  // The dashboard and the share page, built now and served on the same origin as the API; the app
  // gives them the same security headers (content security policy included) as CloudFront does.
  for (const line of describeWebBuild(await buildWeb())) log(line);
  app.get('/config.json', (c) => c.json({ auth: { kind: 'local' } }));
  app.get('/share', serveStatic({ path: join(webOut, 'share.html') }));
  app.use('/*', serveStatic({ root: relative(process.cwd(), webOut) }));
  // Any other page address is the dashboard's own (e.g. a notification's link): index.html.
  const dashboard = serveStatic({ path: join(webOut, 'index.html') });
  const spaFallback: MiddlewareHandler = (c, next) => (c.req.path.startsWith('/api/') ? next() : dashboard(c, next));
  app.get('*', spaFallback);
  server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
    const base = `http://localhost:${info.port}`;
    log('Rete is running. Ctrl-C stops it (and DynamoDB Local).');
    log(`  Dashboard: ${base}/  (sign in as one of the demo people)`);
    log(`  API:       ${base}/api/v1/consortia/pantacon`);
    log(`  Overview:  ${base}/api/v1/consortia/pantacon/projects/cultnetwork/overview`);
    log(`  OpenAPI:   ${base}/api/openapi.json`);
    log('Every /api/v1 request needs a token. The demo people are listed at');
    log(`  ${base}/api/dev/users  and a token for one of them comes from, for example:`);
    log(`  curl -s -X POST ${base}/api/dev/login -H 'content-type: application/json' -d '{"user":"${COORDINATOR_PERSON_ID}"}'`);
  });
  server.on('error', (error) => {
    console.error(`[rete] Cannot serve on port ${port}: ${error.message} (set PORT to another port)`);
    void stop(1);
  });
}

main().catch((error: Error) => {
  // Known start-up problems (no Java, a busy emulator) carry a message meant for people.
  console.error(`[rete] Start failed: ${error.message}`);
  void stop(1);
});
