// The API function's configuration, parsed once at start from the environment; a bad value fails fast.
import type { Jwks } from 'aws-jwt-verify/jwk';
import { z } from 'zod';
import {
  FilesEnvironment,
  MailEnvironment,
  QueueEnvironment,
  TableEnvironment,
  mailConfig,
  parseEnvironment,
  tableConfig,
  type MailConfig,
  type TableConfig,
} from '../jobs/config';

/** Long enough not to be guessed; visible ASCII without commas, which separate the values. */
const OriginSecret = z.string().regex(/^[\x21-\x2b\x2d-\x7e]{32,}$/, 'each value must be at least 32 visible characters, without spaces or commas');

const ApiEnvironment = TableEnvironment.extend({
  ...FilesEnvironment.shape,
  ...QueueEnvironment.shape,
  ...MailEnvironment.shape,
  /** The app client whose access tokens are accepted. */
  AUTH_CLIENT_ID: z.string().min(1),
  /** Production: the Cognito user pool that issues the tokens. */
  COGNITO_USER_POOL_ID: z.string().regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/).optional(),
  /** Otherwise (tests of the deployed bundle): an issuer and its JWKS, given inline. */
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_JWKS: z.string().min(1).optional(),
  /**
   * On AWS: the values CloudFront's origin header may carry, comma-separated, the one CloudFront sends
   * first (two while one replaces the other). Unset (locally, in tests): requests are not checked.
   */
  ORIGIN_SECRETS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(OriginSecret))
    .optional(),
  /** The CloudWatch namespace of the per-route metrics in the request log (the api stack sets `Rete/<stage>`). */
  METRICS_NAMESPACE: z.string().regex(/^[\w./#:-]{1,255}$/, 'a CloudWatch namespace such as Rete/prod').default('Rete'),
}).refine((env) => Boolean(env.COGNITO_USER_POOL_ID) !== Boolean(env.AUTH_ISSUER && env.AUTH_JWKS), {
  message: 'set either COGNITO_USER_POOL_ID, or AUTH_ISSUER and AUTH_JWKS',
  path: ['COGNITO_USER_POOL_ID'],
});

export type Auth =
  | { kind: 'cognito'; userPoolId: string; clientId: string }
  | { kind: 'jwks'; issuer: string; jwks: Jwks; clientId: string };

export type Config = TableConfig &
  MailConfig & {
    filesBucket: string;
    /** The queue that feeds the export worker. */
    exportQueueUrl: string;
    auth: Auth;
    /** The origin header's accepted values; empty when the API is not behind CloudFront. */
    originSecrets: string[];
    metricsNamespace: string;
  };

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = parseEnvironment(ApiEnvironment, env);
  const { AUTH_CLIENT_ID, COGNITO_USER_POOL_ID, AUTH_ISSUER, AUTH_JWKS } = parsed;
  let auth: Auth;
  if (COGNITO_USER_POOL_ID) {
    auth = { kind: 'cognito', userPoolId: COGNITO_USER_POOL_ID, clientId: AUTH_CLIENT_ID };
  } else {
    let jwks: Jwks;
    try {
      jwks = JSON.parse(AUTH_JWKS!);
    } catch {
      throw new Error('Invalid configuration: AUTH_JWKS is not JSON');
    }
    auth = { kind: 'jwks', issuer: AUTH_ISSUER!, jwks, clientId: AUTH_CLIENT_ID };
  }
  return {
    ...tableConfig(parsed),
    ...mailConfig(parsed),
    filesBucket: parsed.FILES_BUCKET,
    exportQueueUrl: parsed.EXPORT_QUEUE_URL,
    auth,
    originSecrets: parsed.ORIGIN_SECRETS ?? [],
    metricsNamespace: parsed.METRICS_NAMESPACE,
  };
}
