// The CDK app's settings: each stage's kept in cdk.json (context `stages`), `-c` over them for one run,
// and a stage other than development refused without its mail, alarm and origin settings, naming each one.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSettings, THROTTLE_DEFAULTS } from '../../infra/settings';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The settings as the app entry loads them from this context (cdk.json's and `-c`'s, merged by the CLI). */
const load = (context: Record<string, unknown>, env: Record<string, string> = {}) =>
  loadSettings({ context: (key) => context[key], env });
const failure = (context: Record<string, unknown>) => {
  try {
    load(context);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
};

const PROD = {
  mailFrom: 'Rete <rete@example.org>',
  mailIdentity: 'example.org',
  alarmEmail: 'ops@example.org',
  originSecretsParameter: '/rete/prod/origin-secrets',
};

describe('CDK app settings', () => {
  it('need nothing for the development stage, as `npm run synth` runs offline', () => {
    expect(load({})).toEqual({
      stage: 'dev', region: 'eu-south-1', account: undefined, cognitoMailThroughSes: false, sandboxRecipients: [], ...THROTTLE_DEFAULTS,
      backupRetentionDays: 3650, monthlyBudgetUsd: 20,
    });
  });

  it('keep backups and budget a cost as the stage says, numbers read from a -c string too', () => {
    expect(load({ stage: 'prod', stages: { prod: { ...PROD, backupRetentionDays: 5475, monthlyBudgetUsd: 80 } } })).toMatchObject({ backupRetentionDays: 5475, monthlyBudgetUsd: 80 });
    expect(load({ backupRetentionDays: '400', monthlyBudgetUsd: '0' })).toMatchObject({ backupRetentionDays: 400, monthlyBudgetUsd: 0 });
  });

  it('refuse a retention that is not whole days, or a budget below zero', () => {
    expect(failure({ backupRetentionDays: 1.5 })).toContain('stages.dev.backupRetentionDays: whole days');
    expect(failure({ backupRetentionDays: 'ten years' })).toContain('stages.dev.backupRetentionDays:');
    expect(failure({ monthlyBudgetUsd: -5 })).toContain('stages.dev.monthlyBudgetUsd: an amount in USD, 0 for no budget');
  });

  it('refuse another stage without its settings, naming each missing one and where it goes', () => {
    const message = failure({ stage: 'prod' });
    expect(message).toContain('stage prod needs mailFrom, mailIdentity, alarmEmail, originSecretsParameter in cdk.json under context.stages.prod');
  });

  it('refuse another stage without the SSM parameter of its origin secrets, saying what it holds', () => {
    const { originSecretsParameter: _left, ...rest } = PROD;
    const message = failure({ stage: 'prod', stages: { prod: rest } });
    expect(message).toContain('stage prod needs originSecretsParameter in cdk.json');
    expect(message).toContain('originSecretsParameter: the SSM parameter (type String, created before the first deploy)');
    expect(failure({ stage: 'prod', stages: { prod: { ...PROD, originSecretsParameter: 'origin secrets' } } })).toContain(
      'stages.prod.originSecretsParameter: an SSM parameter name',
    );
  });

  it('throttle every route at 50 requests a second (bursts of 100) and each public route at 5 (10) unless told otherwise', () => {
    expect(THROTTLE_DEFAULTS).toEqual({ apiRateLimit: 50, apiBurstLimit: 100, publicRouteRateLimit: 5, publicRouteBurstLimit: 10 });
    expect(load({ stage: 'prod', stages: { prod: PROD } })).toMatchObject(THROTTLE_DEFAULTS);
    const given = load({ stage: 'prod', stages: { prod: { ...PROD, apiRateLimit: 200, publicRouteRateLimit: 20 } }, publicRouteBurstLimit: '40' });
    expect(given).toMatchObject({ apiRateLimit: 200, apiBurstLimit: 100, publicRouteRateLimit: 20, publicRouteBurstLimit: 40 });
  });

  it('refuse a public route throttle that is not lower than the one every route shares, or not a whole number', () => {
    const message = failure({ stage: 'prod', stages: { prod: { ...PROD, publicRouteRateLimit: 50, publicRouteBurstLimit: 500 } } });
    expect(message).toContain('stages.prod.publicRouteRateLimit: 50 must be lower than apiRateLimit (50)');
    expect(message).toContain('stages.prod.publicRouteBurstLimit: 500 must be lower than apiBurstLimit (100)');
    expect(failure({ apiRateLimit: '1.5' })).toContain('stages.dev.apiRateLimit:');
    expect(failure({ publicRouteBurstLimit: 0 })).toContain('stages.dev.publicRouteBurstLimit: a whole number, 1 or more');
  });

  it('name only the settings a stage lacks', () => {
    const message = failure({ stage: 'prod', stages: { prod: { mailFrom: PROD.mailFrom } } });
    expect(message).toContain('needs mailIdentity, alarmEmail');
    expect(message).not.toContain('needs mailFrom');
  });

  it("take a stage's settings from cdk.json, each deploy the same", () => {
    const settings = load({ stage: 'prod', stages: { prod: { ...PROD, region: 'eu-west-1', cognitoMailThroughSes: true, sandboxRecipients: ['tester@example.net'] } } });
    expect(settings).toMatchObject({ stage: 'prod', region: 'eu-west-1', ...PROD, cognitoMailThroughSes: true, sandboxRecipients: ['tester@example.net'] });
  });

  it('let a -c value override one setting for one run, read from its string', () => {
    const settings = load({ stage: 'prod', stages: { prod: PROD }, cognitoMailThroughSes: 'true', sandboxRecipients: 'a@example.net, example.com', alarmEmail: 'night@example.org' });
    expect(settings).toMatchObject({ cognitoMailThroughSes: true, sandboxRecipients: ['a@example.net', 'example.com'], alarmEmail: 'night@example.org', mailFrom: PROD.mailFrom });
  });

  it("refuse a misspelt setting in a stage's block rather than ignore it", () => {
    expect(failure({ stage: 'prod', stages: { prod: { ...PROD, mailfrom: 'x@example.org' } } })).toMatch(/stages\.prod: Unrecognized key.*mailfrom/);
  });

  it('refuse an identity that cannot send as the sender', () => {
    expect(failure({ stage: 'prod', stages: { prod: { ...PROD, mailIdentity: 'other.org' } } })).toContain('mailIdentity: other.org cannot send as rete@example.org');
  });

  it('refuse Cognito mail through SES without a sender', () => {
    expect(failure({ cognitoMailThroughSes: true })).toContain('cognitoMailThroughSes: Cognito needs mailFrom');
  });

  it('name every bad value', () => {
    const message = failure({ stage: 'prod', stages: { prod: { ...PROD, region: 'milan', mailFrom: 'not-an-address', alarmEmail: 'ops', sandboxRecipients: ['nobody'] } } });
    expect(message).toContain('Invalid CDK settings');
    for (const name of ['region', 'mailFrom', 'alarmEmail', 'sandboxRecipients.0']) expect(message).toContain(`stages.prod.${name}:`);
    expect(failure({ stage: 'Prod Stage' })).toContain('stage: lowercase letters');
  });

  it('take a web ACL and a custom domain (names and a us-east-1 certificate, both or neither) for the edge', () => {
    const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/rete/473e64fd-f30b-4765-81a0-62ad96dd167a';
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/8f1c2a7e-2f3b-4c1d-9e8f-0a1b2c3d4e5f';
    expect(load({ webAclArn, certificateArn, domainNames: 'rete.example.org, www.rete.example.org' })).toMatchObject({
      webAclArn, certificateArn, domainNames: ['rete.example.org', 'www.rete.example.org'],
    });
    expect(failure({ domainNames: ['rete.example.org'] })).toContain('stages.dev.certificateArn: a custom domain needs both domainNames and certificateArn');
    expect(failure({ certificateArn })).toContain('stages.dev.domainNames: a custom domain needs both');
    expect(failure({ certificateArn: certificateArn.replace('us-east-1', 'eu-south-1'), domainNames: ['rete.example.org'] })).toContain('an ACM certificate in us-east-1');
    expect(failure({ webAclArn: webAclArn.replace('global', 'regional') })).toContain('stages.dev.webAclArn: the ARN of a WAF web ACL of scope CLOUDFRONT');
  });

  it('refuse a mail identity that is neither a domain, an address nor an SES ARN', () => {
    expect(failure({ mailIdentity: 'arn:aws:s3:::bucket' })).toContain('mailIdentity: a domain, an address or an SES identity ARN');
  });
});

describe('the app entry', () => {
  async function synthWith(context: Record<string, unknown>) {
    try {
      await run(process.execPath, ['--import', 'tsx', join(root, 'infra', 'app.ts')], {
        cwd: root,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'rete-cdk-out-')) },
      });
      return '';
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
  }

  it('fails the synth of a stage without its settings before building anything', async () => {
    const stderr = await synthWith({ stage: 'prod' });
    expect(stderr).toContain('Invalid CDK settings: stage prod needs mailFrom, mailIdentity, alarmEmail, originSecretsParameter');
  });
});
