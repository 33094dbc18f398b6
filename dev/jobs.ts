// `npm run jobs`: runs the scheduled jobs once for every consortium in the table, against the
// DynamoDB Local of a running `npm start` (or one started on .data/ for the run): the weekly digest
// (mails go to a console outbox), the reporting schedules (exports built here, on disk) and the
// sweep that seals pending audit events.
// Running it again in the same week sends nothing: each job does its period's work once.
import './quiet-sdk-warning';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '../shared/api/system';
import { createDiskFileStore } from '../shared/files/disk-store';
import { inProcessExportQueue } from '../shared/jobs/export-queue';
import { runForEveryConsortium, type JobReport } from '../shared/jobs/scheduled';
import { outboxMailer } from '../shared/mail/mailer';
import { createDocumentClient } from '../shared/store/client';
import { ensureTable } from '../shared/store/ensure-table';
import { createStore } from '../shared/store';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { LOCAL_TABLE, dataDir } from './paths';
import { runningEndpoint } from './processes';

const log = (message: string) => console.log(`[rete jobs] ${message}`);
const tell = (report: JobReport, done: string, nothing: string) => {
  log(`${report.job} over ${report.consortia} consortia: ${report.done > 0 ? `${report.done} ${done}` : nothing}`);
  for (const { consortiumId, error } of report.failed) console.error(`[rete jobs] ${report.job} failed for ${consortiumId}: ${error}`);
  if (report.failed.length > 0) process.exitCode = 1;
};

let started: RunningDynamoDb | undefined;
let endpoint = await runningEndpoint(dataDir);
if (!endpoint) {
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  started = await startDynamoDbLocal({ dataPath: join(dataDir, 'dynamodb') });
  endpoint = started.endpoint;
}

try {
  const client = createDocumentClient({ region: 'eu-south-1', endpoint });
  await ensureTable(client, LOCAL_TABLE);
  const store = createStore(client, LOCAL_TABLE);
  const port = Number(process.env.PORT ?? 3000);
  const mailer = outboxMailer({ onSend: (mail) => log(`Mail to ${mail.to} (${mail.language}): ${mail.subject}`) });
  // Scheduled exports are built here, into the same files folder as `npm start`'s.
  const files = await createDiskFileStore({ root: join(dataDir, 'files'), baseUrl: `http://localhost:${port}`, clock: systemClock });
  const exportQueue = inProcessExportQueue({ store, files, clock: systemClock });
  const deps = { store, clock: systemClock, mailer, exportQueue, origin: `http://localhost:${port}` };
  tell(await runForEveryConsortium(deps, 'weekly-digest'), 'notifications sent', 'nothing to send (sent already this week, or nothing due)');
  tell(await runForEveryConsortium(deps, 'reporting-schedules'), 'exports made', 'nothing due');
  await exportQueue.idle();
  // Last: the jobs' own writes are among the audit events it seals.
  tell(await runForEveryConsortium(deps, 'seal-sweep'), 'audit events sealed', 'none pending');
  client.destroy();
} finally {
  await started?.stop();
}
