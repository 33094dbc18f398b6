// Lambda entry of the API: wires configuration and clients once per cold start, then serves the app.
// Exports go to the worker's queue and mails out through SES; the S3, SQS, SES and Cognito clients
// load on first use, so that requests which need none of them do not pay for them at cold start.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app';
import { loadConfig } from '../../shared/api/config';
import { newId, systemClock } from '../../shared/api/system';
import { cognitoDirectory, localDirectory } from '../../shared/auth/identities';
import { cognitoVerifier, jwksVerifier } from '../../shared/auth/verifier';
import { createS3FileStore } from '../../shared/files/s3-store';
import { writeMetric } from '../../shared/jobs/export-metrics';
import { sqsExportQueue } from '../../shared/jobs/sqs-export-queue';
import { sesMailer } from '../../shared/mail/ses-mailer';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';

const config = loadConfig(process.env);
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
const { auth, region } = config;

export const app = createApp({
  store: createStore(client, config.tableName),
  clock: systemClock,
  newId,
  verifier: auth.kind === 'cognito' ? cognitoVerifier(auth) : jwksVerifier(auth),
  identities:
    auth.kind === 'cognito' ? cognitoDirectory({ userPoolId: auth.userPoolId, region }) : localDirectory(() => crypto.randomUUID()),
  files: createS3FileStore({ client: { region }, bucket: config.filesBucket }),
  exportQueue: sqsExportQueue({ queueUrl: config.exportQueueUrl, client: { region } }),
  mailer: sesMailer({ from: config.mailFrom, configurationSet: config.mailConfigurationSet, client: { region } }),
  dashboardOrigin: config.dashboardOrigin,
  originSecrets: config.originSecrets,
  requestLog: { write: (line) => writeMetric(`${line}\n`), namespace: config.metricsNamespace },
});
export const handler = handle(app);
