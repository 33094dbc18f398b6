// The environment of the jobs' Lambda functions (export worker, scheduled jobs), and the pieces
// every function's configuration shares. Parsed once at cold start; a bad value fails fast.
import { z } from 'zod';

/** What every function reads: the table, and where DynamoDB is. */
export const TableEnvironment = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().min(1).default('eu-south-1'),
  /** Only for DynamoDB Local; absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

/** The private bucket of export files and evidence. */
export const FilesEnvironment = z.object({ FILES_BUCKET: z.string().min(3) });

/** Where export requests go: the queue that feeds the export worker. */
export const QueueEnvironment = z.object({ EXPORT_QUEUE_URL: z.url() });

/** How mails go out: the SES sender identity and configuration set, and the dashboard their links open. */
export const MailEnvironment = z.object({
  MAIL_FROM: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$|<[^@\s]+@[^@\s]+\.[^@\s]+>$/, 'must be an address, or a name and <address>'),
  /** The SES configuration set that counts bounces and complaints; absent locally and in tests of the bundles. */
  MAIL_CONFIGURATION_SET: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be an SES configuration set name').optional(),
  DASHBOARD_ORIGIN: z
    .url()
    .transform((value) => new URL(value))
    .refine((url) => ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash, {
      message: 'must be an origin such as https://d111111abcdef8.cloudfront.net',
    })
    .transform((url) => url.origin),
});

/** Parses `env` against `schema`, or throws one error naming every bad variable. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export interface TableConfig {
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
}

export interface MailConfig {
  /** The SES identity mails are sent from. */
  mailFrom: string;
  /** The SES configuration set every mail is sent with. */
  mailConfigurationSet?: string;
  /** Makes the links in mails absolute. */
  dashboardOrigin: string;
}

export const tableConfig = (env: z.output<typeof TableEnvironment>): TableConfig => ({
  tableName: env.TABLE_NAME,
  region: env.AWS_REGION,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
});

export const mailConfig = (env: z.output<typeof MailEnvironment>): MailConfig => ({
  mailFrom: env.MAIL_FROM,
  mailConfigurationSet: env.MAIL_CONFIGURATION_SET,
  dashboardOrigin: env.DASHBOARD_ORIGIN,
});

/** Lambda's own name for the function, which the worker's metrics carry as their dimension. */
const FunctionEnvironment = z.object({ AWS_LAMBDA_FUNCTION_NAME: z.string().min(1).default('export-worker') });

export type WorkerConfig = TableConfig & { filesBucket: string; functionName: string; userPoolId?: string };

/** The user pool an erasure removes sign-in identities from (absent with another identity provider). */
const IdentityEnvironment = z.object({ USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a Cognito user pool id').optional() });

/** The export worker (exports and privacy requests): reads and writes the table, writes the bucket. */
export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = parseEnvironment(TableEnvironment.extend(FilesEnvironment.shape).extend(FunctionEnvironment.shape).extend(IdentityEnvironment.shape), env);
  return { ...tableConfig(parsed), filesBucket: parsed.FILES_BUCKET, functionName: parsed.AWS_LAMBDA_FUNCTION_NAME, userPoolId: parsed.USER_POOL_ID };
}

export type JobsConfig = TableConfig & MailConfig & { exportQueueUrl: string };

/** The scheduled jobs: read and write the table, enqueue exports, send mail. */
export function loadJobsConfig(env: Record<string, string | undefined>): JobsConfig {
  const parsed = parseEnvironment(TableEnvironment.extend(QueueEnvironment.shape).extend(MailEnvironment.shape), env);
  return { ...tableConfig(parsed), ...mailConfig(parsed), exportQueueUrl: parsed.EXPORT_QUEUE_URL };
}

export type SealerConfig = TableConfig & { functionName: string };

/** The sealer: reads and writes the table only. */
export function loadSealerConfig(env: Record<string, string | undefined>): SealerConfig {
  const parsed = parseEnvironment(TableEnvironment.extend({ AWS_LAMBDA_FUNCTION_NAME: z.string().min(1).default('sealer') }), env);
  return { ...tableConfig(parsed), functionName: parsed.AWS_LAMBDA_FUNCTION_NAME };
}
