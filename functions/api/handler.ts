// Lambda entry of the API: wires configuration and clients once per cold start, then serves the app.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app';
import { loadConfig } from '../../shared/api/config';
import { newId, systemClock } from '../../shared/api/system';
import { cognitoDirectory, localDirectory } from '../../shared/auth/identities';
import { cognitoVerifier, jwksVerifier } from '../../shared/auth/verifier';
import { createDocumentClient } from '../../shared/store/client';
import { createStore } from '../../shared/store';

const config = loadConfig(process.env);
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
const { auth } = config;

export const app = createApp({
  store: createStore(client, config.tableName),
  clock: systemClock,
  newId,
  verifier: auth.kind === 'cognito' ? cognitoVerifier(auth) : jwksVerifier(auth),
  identities:
    auth.kind === 'cognito'
      ? cognitoDirectory({ userPoolId: auth.userPoolId, region: config.region })
      : localDirectory(() => crypto.randomUUID()),
});
export const handler = handle(app);
