// Lambda entry of the API: wires configuration and clients once per cold start, then serves the app.
import { S3Client } from '@aws-sdk/client-s3';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app';
import { loadConfig } from '../../shared/api/config';
import { newId, systemClock } from '../../shared/api/system';
import { cognitoDirectory, localDirectory } from '../../shared/auth/identities';
import { cognitoVerifier, jwksVerifier } from '../../shared/auth/verifier';
import { createS3FileStore } from '../../shared/files/s3-store';
import { inProcessExportQueue } from '../../shared/jobs/export-queue';
import { outboxMailer } from '../../shared/mail/mailer';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';

const config = loadConfig(process.env);
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
const { auth } = config;

const store = createStore(client, config.tableName);
const files = createS3FileStore({ client: new S3Client({ region: config.region }), bucket: config.filesBucket });

export const app = createApp({
  store,
  clock: systemClock,
  newId,
  verifier: auth.kind === 'cognito' ? cognitoVerifier(auth) : jwksVerifier(auth),
  identities:
    auth.kind === 'cognito'
      ? cognitoDirectory({ userPoolId: auth.userPoolId, region: config.region })
      : localDirectory(() => crypto.randomUUID()),
  files,
  // Until the jobs stack feeds a worker from a queue, exports run in this process after the answer.
  exportQueue: inProcessExportQueue({ store, files, clock: systemClock }),
  // Until the infra issue wires SES, mails stay in this process's outbox (notifications are still stored).
  mailer: outboxMailer(),
});
export const handler = handle(app);
