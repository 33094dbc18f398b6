// `npm run jobs`: runs the jobs once for the demo consortium, against the DynamoDB Local of a
// running `npm start` (or one started on .data/ for the run): the weekly digest (mails go to a
// console outbox) and the reporting schedules.
// Running it again in the same week sends nothing: each job does its period's work once.
import './quiet-sdk-warning';
import { join } from 'node:path';
import { systemClock } from '../shared/api/system';
import { createDiskFileStore } from '../shared/files/disk-store';
import { runWeeklyDigest } from '../shared/jobs/digest';
import { inProcessExportQueue } from '../shared/jobs/export-queue';
import { runReportingSchedules } from '../shared/jobs/schedules';
import { outboxMailer } from '../shared/mail/mailer';
import { createDocumentClient } from '../shared/store/client';
import { ensureTable } from '../shared/store/ensure-table';
import { createStore } from '../shared/store';
import { DEMO_CONSORTIUM_ID } from './demo/demo-data';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { LOCAL_TABLE, dataDir } from './paths';
import { runningEndpoint } from './processes';

const log = (message: string) => console.log(`[rete jobs] ${message}`);

let started: RunningDynamoDb | undefined;
let endpoint = await runningEndpoint(dataDir);
if (!endpoint) {
  started = await startDynamoDbLocal({ dataPath: join(dataDir, 'dynamodb') });
  endpoint = started.endpoint;
}

try {
  const client = createDocumentClient({ region: 'eu-south-1', endpoint });
  await ensureTable(client, LOCAL_TABLE);
  const store = createStore(client, LOCAL_TABLE);
  const mailer = outboxMailer({ onSend: (mail) => log(`Mail to ${mail.to} (${mail.language}): ${mail.subject}`) });
  const port = Number(process.env.PORT ?? 3000);
  const sent = await runWeeklyDigest({ store, mailer, clock: systemClock, origin: `http://localhost:${port}` }, DEMO_CONSORTIUM_ID);
  log(sent.length > 0 ? `Weekly digest: ${sent.length} sent` : 'Weekly digest: nothing to send (sent already this week, or nothing due)');
  // Scheduled exports are built here, into the same files folder as `npm start`'s.
  const files = await createDiskFileStore({ root: join(dataDir, 'files'), baseUrl: `http://localhost:${port}`, clock: systemClock });
  const exportQueue = inProcessExportQueue({ store, files, clock: systemClock });
  const asked = await runReportingSchedules({ store, clock: systemClock, exportQueue }, DEMO_CONSORTIUM_ID);
  await exportQueue.idle();
  log(asked.length > 0 ? `Reporting schedules: ${asked.length} exports made` : 'Reporting schedules: nothing due');
  client.destroy();
} finally {
  await started?.stop();
}
