// Lambda entry of the export worker: each SQS message names one export to build, or one privacy
// request (a person's data, an erasure) to run. Only the
// messages that failed return to the queue (ReportBatchItemFailures); the others are done, and an
// export that failed for good is signalled as a metric (ExportsFailed) for the alarm.
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { systemClock } from '../../shared/api/system';
import { createS3FileStore } from '../../shared/files/s3-store';
import { loadWorkerConfig } from '../../shared/jobs/config';
import { exportFailedMetric, writeMetric } from '../../shared/jobs/export-metrics';
import { handleExportMessage } from '../../shared/jobs/export-worker';
import { runPrivacyRequest } from '../../shared/jobs/privacy-job';
import { decodeJobMessage } from '../../shared/jobs/sqs-export-queue';
import { cognitoDirectory } from '../../shared/auth/identities';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';

const config = loadWorkerConfig(process.env);
const store = createStore(createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint }), config.tableName);
const files = createS3FileStore({ client: new S3Client({ region: config.region }), bucket: config.filesBucket });
const identities = config.userPoolId ? cognitoDirectory({ userPoolId: config.userPoolId, region: config.region }) : undefined;

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = decodeJobMessage(record.body);
      if (message.kind === 'privacy') {
        const request = await runPrivacyRequest({ store, files, clock: systemClock, identities }, message.ref);
        console.log(JSON.stringify({ level: 'info', message: 'Privacy request handled', messageId: record.messageId, requestId: request.id, status: request.status }));
        continue;
      }
      const ref = message.ref;
      const outcome = await handleExportMessage({ store, files, clock: systemClock }, ref);
      console.log(JSON.stringify({ level: 'info', message: 'Export message handled', messageId: record.messageId, outcome, ...ref }));
      if (outcome === 'failed') writeMetric(exportFailedMetric(config.functionName, ref, systemClock.now()));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'Export message failed', messageId: record.messageId, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
