// The CDK app's entry: the only place that reads environment or context; stacks get typed props.
import { App, Tags } from 'aws-cdk-lib';
import { z } from 'zod';
import { DataStack } from './data-stack';

const AppSettings = z.object({
  /** Set by the CDK CLI from the credentials in use; absent offline, which keeps synth env-agnostic. */
  CDK_DEFAULT_ACCOUNT: z.string().regex(/^\d{12}$/).optional(),
  /**
   * `-c region=...`; Milan unless said otherwise. Not CDK_DEFAULT_REGION: the CLI fills that with
   * us-east-1 when no region is configured, and Rete's data belongs in the EU by default.
   */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-south-1').default('eu-south-1'),
  /** `cdk synth -c stage=prod`; part of every stack name, so stages deploy side by side. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lowercase letters, digits and hyphens').default('dev'),
});

const app = new App();
const parsed = AppSettings.safeParse({
  CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT || undefined,
  region: app.node.tryGetContext('region'),
  stage: app.node.tryGetContext('stage'),
});
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Invalid CDK settings: ${problems}`);
}
const { CDK_DEFAULT_ACCOUNT: account, region, stage } = parsed.data;

Tags.of(app).add('app', 'rete');
Tags.of(app).add('stage', stage);

new DataStack(app, `rete-${stage}-data`, {
  env: { account, region },
  description: `Rete (${stage}): the DynamoDB table`,
});
