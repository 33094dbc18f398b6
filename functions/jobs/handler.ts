// Lambda entry of the scheduled jobs: EventBridge Scheduler sends {"job":"weekly-digest"},
// {"job":"reporting-schedules"} or {"job":"seal-sweep"}, and the job runs for every consortium. A consortium that failed
// fails the invocation (so the scheduler retries and the error alarm sees it); the jobs do each
// period's work once, so a retry redoes only what is missing.
import { systemClock } from '../../shared/api/system';
import { loadJobsConfig } from '../../shared/jobs/config';
import { JobEvent, runForEveryConsortium, type JobReport } from '../../shared/jobs/scheduled';
import { sqsExportQueue } from '../../shared/jobs/sqs-export-queue';
import { sesMailer } from '../../shared/mail/ses-mailer';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';

const config = loadJobsConfig(process.env);
const deps = {
  store: createStore(createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint }), config.tableName),
  clock: systemClock,
  mailer: sesMailer({ from: config.mailFrom, configurationSet: config.mailConfigurationSet, client: { region: config.region } }),
  exportQueue: sqsExportQueue({ queueUrl: config.exportQueueUrl, client: { region: config.region } }),
  origin: config.dashboardOrigin,
};

export async function handler(event: unknown): Promise<JobReport> {
  const parsed = JobEvent.safeParse(event);
  if (!parsed.success) throw new Error(`Unknown job event ${JSON.stringify(event)}: expected {"job":"weekly-digest"}, {"job":"reporting-schedules"} or {"job":"seal-sweep"}`);
  const report = await runForEveryConsortium(deps, parsed.data.job);
  console.log(JSON.stringify({ level: report.failed.length > 0 ? 'error' : 'info', message: 'Job run', ...report }));
  if (report.failed.length > 0) {
    throw new Error(`${report.job} failed for ${report.failed.map((failure) => failure.consortiumId).join(', ')}`);
  }
  return report;
}
