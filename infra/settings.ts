// The CDK app's settings, validated once: each stage's settings live in cdk.json (context `stages`,
// e.g. `"stages": { "prod": { "mailFrom": … } }`), so no deploy can forget them; a `-c name=value`
// overrides one for a single run. A stage other than development without its mail, alarm and origin
// settings fails here, naming each missing one. Pure: the app entry reads context and env and passes them in.
import { z } from 'zod';
import { senderOf } from './sender';

/** The stage `npm run synth` and `npm start`'s users get: offline, no settings needed. */
export const DEVELOPMENT_STAGE = 'dev';

/** What every other stage must name, with what each is, for the message that asks for them. */
export const REQUIRED_STAGE_SETTINGS = {
  mailFrom: 'the sender of every mail, e.g. "Rete <rete@example.org>"',
  mailIdentity: 'the SES identity that sends as mailFrom: its domain or address, or the ARN of a verified identity',
  alarmEmail: 'who receives the alarms',
  originSecretsParameter:
    'the SSM parameter (type String, created before the first deploy) holding the secret CloudFront sends to the API, e.g. /rete/prod/origin-secrets (docs/deploy.md, "Origin check and its rotation")',
} as const;

/** Requests per second (steady, and in a burst) before API Gateway answers 429: every route, and each public route on its own. */
export const THROTTLE_DEFAULTS = { apiRateLimit: 50, apiBurstLimit: 100, publicRouteRateLimit: 5, publicRouteBurstLimit: 10 } as const;

const ADDRESS = /[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+/.source;
const DOMAIN = /[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}/.source;
const emptyIsUnset = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyIsUnset, schema.optional());
const email = z.string().regex(new RegExp(`^${ADDRESS}$`), 'an email address');
/** `-c` hands every value over as a string. */
const flag = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
/** `-c` hands numbers over as strings too. */
const number = <T extends z.ZodNumber>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), schema);
const count = number(z.number().int('a whole number, 1 or more').min(1, 'a whole number, 1 or more'));
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value), z.array(item));

/** What a stage's block in cdk.json may hold; a misspelt name is refused, not ignored. */
const StageSettings = z.strictObject({
  /** Milan unless said otherwise. Not CDK_DEFAULT_REGION: the CLI fills that with us-east-1 when none is configured. */
  region: optional(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-south-1')),
  mailFrom: optional(z.string().regex(new RegExp(`^${ADDRESS}$|^[^<>]*<${ADDRESS}>$`), 'an address, or a name and <address>')),
  mailIdentity: optional(
    z.string().regex(new RegExp(`^arn:aws[\\w-]*:ses:[a-z0-9-]+:\\d{12}:identity/.+$|^${ADDRESS}$|^${DOMAIN}$`, 'i'), 'a domain, an address or an SES identity ARN'),
  ),
  alarmEmail: optional(email),
  /** The Cognito hosted sign-in's prefix. */
  signInDomainPrefix: optional(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens')),
  /** Cognito's invitations through the SES identity: turn on once the identity is verified (a second deploy). */
  cognitoMailThroughSes: optional(flag),
  /** SES sandbox only: the verified identities (addresses or domains) mail may go to while testing. */
  sandboxRecipients: optional(list(z.string().regex(new RegExp(`^${ADDRESS}$|^${DOMAIN}$`, 'i'), 'verified addresses or domains'))),
  /**
   * The edge: a WAF web ACL of scope CLOUDFRONT (us-east-1) to attach, such as the one a CloudFront
   * flat-rate plan comes with; and a custom domain, its names with an ACM certificate in us-east-1 that
   * covers them (both or neither). Unset: no web ACL, and the distribution's *.cloudfront.net name.
   */
  webAclArn: optional(z.string().regex(/^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/, 'the ARN of a WAF web ACL of scope CLOUDFRONT, in us-east-1')),
  domainNames: optional(list(z.string().regex(new RegExp(`^${DOMAIN}$`, 'i'), 'domain names such as rete.example.org'))),
  certificateArn: optional(z.string().regex(/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'the ARN of an ACM certificate in us-east-1')),
  /**
   * The SSM parameter whose value, resolved by CloudFormation at each deploy, holds the origin secrets:
   * comma-separated, the first is what CloudFront sends, all are accepted by the API. Unset (development
   * only): no origin check.
   */
  originSecretsParameter: optional(z.string().regex(/^\/[A-Za-z0-9_.\-/]{1,1010}$/, 'an SSM parameter name such as /rete/prod/origin-secrets')),
  /** The stage's throttle, which every route shares unless it has its own. */
  apiRateLimit: optional(count),
  apiBurstLimit: optional(count),
  /** The open routes' own throttle (each of them: opening a share link, the OpenAPI document), lower than the stage's. */
  publicRouteRateLimit: optional(count),
  publicRouteBurstLimit: optional(count),
  /** How long AWS Backup keeps each weekly recovery point of the table and the files bucket. */
  backupRetentionDays: optional(number(z.number().int('whole days').min(7, 'at least 7 days').max(36500, 'at most 100 years'))),
  /** The monthly AWS Budgets cost alarm, in USD; 0 for none (a second stage in an account that has one). */
  monthlyBudgetUsd: optional(number(z.number().min(0, 'an amount in USD, 0 for no budget').max(1_000_000, 'an amount in USD'))),
});
type StageSettings = z.infer<typeof StageSettings>;

export interface AppSettings extends StageSettings {
  stage: string;
  region: string;
  /** From the credentials the CLI uses; absent offline, which keeps the synth environment-agnostic. */
  account?: string;
  cognitoMailThroughSes: boolean;
  sandboxRecipients: string[];
  apiRateLimit: number;
  apiBurstLimit: number;
  publicRouteRateLimit: number;
  publicRouteBurstLimit: number;
  backupRetentionDays: number;
  monthlyBudgetUsd: number;
}

/** The settings a stage may leave out, each with its default. */
export type DefaultedSettings = Pick<
  AppSettings,
  'region' | 'cognitoMailThroughSes' | 'sandboxRecipients' | keyof typeof THROTTLE_DEFAULTS | 'backupRetentionDays' | 'monthlyBudgetUsd'
>;

const SETTING_DEFAULTS: DefaultedSettings = {
  region: 'eu-south-1',
  cognitoMailThroughSes: false,
  sandboxRecipients: [],
  ...THROTTLE_DEFAULTS,
  /** Grant records are kept for years after a project ends: ten years of weekly recovery points. */
  backupRetentionDays: 3650,
  /** A few times what a consortium's installation costs a month (docs/deploy.md, Monthly cost): a runaway cost shows within days. */
  monthlyBudgetUsd: 20,
};

/** What the app entry read: context by name, and the environment. */
export interface SettingsSource {
  context: (key: string) => unknown;
  env: Record<string, string | undefined>;
}

const Stage = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lowercase letters, digits and hyphens');
const Account = optional(z.string().regex(/^\d{12}$/, 'a 12-digit account id'));

class SettingsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid CDK settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** `stages.prod.mailFrom: an address, …`: each problem under the name it has in cdk.json. */
const issuesOf = (error: z.ZodError, base: string) =>
  error.issues.map((issue) => `${[base, ...issue.path.map(String)].filter(Boolean).join('.')}: ${issue.message}`);

/** The settings of the stage asked for (`-c stage=…`, development by default); throws naming every problem. */
export function loadSettings({ context, env }: SettingsSource): AppSettings {
  const stage = Stage.safeParse(emptyIsUnset(context('stage')) ?? DEVELOPMENT_STAGE);
  const account = Account.safeParse(env.CDK_DEFAULT_ACCOUNT);
  const stages = context('stages') ?? {};
  const saved = stage.success && typeof stages === 'object' ? (stages as Record<string, unknown>)[stage.data] ?? {} : {};
  const block = `stages.${stage.success ? stage.data : DEVELOPMENT_STAGE}`;
  const overrides = Object.fromEntries(
    Object.keys(StageSettings.shape)
      .map((key) => [key, context(key)] as const)
      .filter(([, value]) => value !== undefined),
  );
  const merged = StageSettings.safeParse(typeof saved === 'object' ? { ...saved, ...overrides } : saved);

  const problems = [
    ...(stage.success ? [] : issuesOf(stage.error, 'stage')),
    ...(account.success ? [] : issuesOf(account.error, 'CDK_DEFAULT_ACCOUNT')),
    ...(merged.success ? [] : issuesOf(merged.error, block)),
  ];
  if (!stage.success || !account.success || !merged.success) throw new SettingsError(problems);

  const settings = merged.data;
  if (stage.data !== DEVELOPMENT_STAGE) {
    const missing = Object.entries(REQUIRED_STAGE_SETTINGS).filter(([name]) => !settings[name as keyof StageSettings]);
    if (missing.length > 0) {
      throw new SettingsError([
        `stage ${stage.data} needs ${missing.map(([name]) => name).join(', ')} in cdk.json under context.stages.${stage.data} ` +
          `(${missing.map(([name, what]) => `${name}: ${what}`).join('; ')})`,
      ]);
    }
  }
  if (settings.mailFrom && settings.mailIdentity && !settings.mailIdentity.startsWith('arn:')) {
    const sender = senderOf(settings.mailFrom).address.toLowerCase();
    const identity = settings.mailIdentity.toLowerCase();
    if (identity !== sender && identity !== sender.split('@')[1]) {
      throw new SettingsError([`${block}.mailIdentity: ${settings.mailIdentity} cannot send as ${sender}; give its address or its domain`]);
    }
  }
  if (Boolean(settings.domainNames?.length) !== Boolean(settings.certificateArn)) {
    throw new SettingsError([`${block}.${settings.certificateArn ? 'domainNames' : 'certificateArn'}: a custom domain needs both domainNames and certificateArn`]);
  }
  if (settings.cognitoMailThroughSes && !settings.mailFrom) {
    throw new SettingsError([`${block}.cognitoMailThroughSes: Cognito needs mailFrom to send through SES`]);
  }
  const resolved = { ...settings, stage: stage.data, account: account.data, ...withDefaults(settings) };
  const unlimited = (['Rate', 'Burst'] as const).filter((kind) => resolved[`publicRoute${kind}Limit`] >= resolved[`api${kind}Limit`]);
  if (unlimited.length > 0) {
    throw new SettingsError(
      unlimited.map((kind) => `${block}.publicRoute${kind}Limit: ${resolved[`publicRoute${kind}Limit`]} must be lower than api${kind}Limit (${resolved[`api${kind}Limit`]})`),
    );
  }
  return resolved;
}

/** Each defaulted setting: the stage's own, or its default. */
export function withDefaults(settings: Partial<DefaultedSettings>): DefaultedSettings {
  const chosen = Object.fromEntries(Object.entries(settings).filter(([name, value]) => name in SETTING_DEFAULTS && value !== undefined));
  return { ...SETTING_DEFAULTS, ...chosen };
}
