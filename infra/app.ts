// The CDK app's entry: the only place that reads environment or context; stacks get typed props.
import { App } from 'aws-cdk-lib';
import { join } from 'node:path';
import { z } from 'zod';
import { addRete } from './rete';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const ADDRESS = /[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+/.source;
const email = z.string().regex(new RegExp(`^${ADDRESS}$`), 'an email address');

const AppSettings = z.object({
  /** Set by the CDK CLI from the credentials in use; absent offline, which keeps synth env-agnostic. */
  CDK_DEFAULT_ACCOUNT: optional(z.string().regex(/^\d{12}$/)),
  /**
   * `-c region=...`; Milan unless said otherwise. Not CDK_DEFAULT_REGION: the CLI fills that with
   * us-east-1 when no region is configured, and Rete's data belongs in the EU by default.
   */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-south-1').default('eu-south-1'),
  /** `cdk synth -c stage=prod`; part of every stack name, so stages deploy side by side. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lowercase letters, digits and hyphens').default('dev'),
  /** `-c mailFrom="Rete <rete@example.org>"`: the sender of every mail. */
  mailFrom: optional(z.string().regex(new RegExp(`^${ADDRESS}$|^[^<>]*<${ADDRESS}>$`), 'an address, or a name and <address>')),
  /** `-c mailIdentity=example.org`: a domain or address to verify in SES, or the ARN of a verified identity. */
  mailIdentity: optional(z.string().regex(/^arn:aws[\w-]*:ses:|^[^@\s]+@[^@\s]+$|^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain, an address or an SES identity ARN')),
  /** `-c alarmEmail=ops@example.org`: subscribed to the alarms topic. */
  alarmEmail: optional(email),
  /** `-c signInDomainPrefix=...`: the Cognito hosted sign-in's prefix. */
  signInDomainPrefix: optional(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens')),
});

const app = new App();
const context = (key: string) => app.node.tryGetContext(key);
const parsed = AppSettings.safeParse({
  CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT,
  region: context('region'),
  stage: context('stage'),
  mailFrom: context('mailFrom'),
  mailIdentity: context('mailIdentity'),
  alarmEmail: context('alarmEmail'),
  signInDomainPrefix: context('signInDomainPrefix'),
});
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Invalid CDK settings: ${problems}`);
}
const { CDK_DEFAULT_ACCOUNT: account, ...settings } = parsed.data;

addRete(app, { ...settings, account, buildDir: join(import.meta.dirname, '..', 'dist') });
