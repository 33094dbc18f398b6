// The DynamoDB DocumentClient, built once per process and passed to the store. Its retries and
// timeouts are chosen here, on purpose (docs/reliability.md explains the figures).
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  region: string;
  /** DynamoDB Local's URL; absent on AWS. */
  endpoint?: string;
  /** SDK attempts per call, first one included. */
  maxAttempts?: number;
  /** Longest wait for one attempt's answer before it fails with a TimeoutError (and is retried). */
  requestTimeoutMillis?: number;
}

/**
 * Three attempts in the SDK's `standard` mode: exponential backoff with full jitter (base 100 ms),
 * a retry quota that stops retry storms when most calls fail, throttling and 5xx and timeouts
 * retried, conditional-check failures never. A request still failing after three attempts becomes a
 * 503 with Retry-After (store/faults.ts): the client retries, not a Lambda billed for waiting.
 */
export const RETRY_SETTINGS = {
  maxAttempts: 3,
  retryMode: 'standard',
  /** DynamoDB in the same region connects in milliseconds; a second means the network is gone. */
  connectionTimeoutMillis: 1_000,
  /** Single-item calls take milliseconds; 3 s leaves three attempts inside API Gateway's 29 s. */
  requestTimeoutMillis: 3_000,
  /** DynamoDB Local on a laptop shared with a browser and a build is slower and spikier. */
  localRequestTimeoutMillis: 10_000,
} as const;

/** The SDK's own configuration from the options: pure, so that a test reads the settings. */
export function clientConfig(options: ClientOptions): DynamoDBClientConfig {
  const requestTimeout =
    options.requestTimeoutMillis ?? (options.endpoint ? RETRY_SETTINGS.localRequestTimeoutMillis : RETRY_SETTINGS.requestTimeoutMillis);
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? RETRY_SETTINGS.maxAttempts,
    retryMode: RETRY_SETTINGS.retryMode,
    requestHandler: {
      connectionTimeout: RETRY_SETTINGS.connectionTimeoutMillis,
      requestTimeout,
      // Without it a late answer only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep the SDK from looking for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  };
}

export function createDocumentClient(options: ClientOptions): DynamoDBDocumentClient {
  return documentClientOf(new DynamoDBClient(clientConfig(options)));
}

/** The DocumentClient the store uses, over a client made elsewhere (the command-line tools' tables). */
export function documentClientOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
