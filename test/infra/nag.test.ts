// cdk-nag (AWS Solutions) as the app runs it, on small probe apps: an unacknowledged finding stops
// the synth and the standing acknowledgement covers only what grant*() writes. (Rete's own stacks
// pass the same checks in rete-app.test.ts.)
import { Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { GRANT_WILDCARDS, ReteChecks } from '../../infra/nag';
import { cdkApp } from './rete-app';

/** A small app with one role, checked like Rete's. */
function synthRole(statement: (bucket: Bucket) => PolicyStatement | undefined, grant?: (bucket: Bucket, role: Role) => void) {
  const app = cdkApp();
  const stack = new Stack(app, 'probe', { env: { account: '123456789012', region: 'eu-south-1' } });
  const bucket = new Bucket(stack, 'Bucket', { enforceSSL: true });
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'a probe bucket in a test' });
  const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const extra = statement(bucket);
  if (extra) role.addToPolicy(extra);
  grant?.(bucket, role);
  Validations.of(app).addPlugins(new ReteChecks(app));
  return () => app.synth();
}

describe('cdk-nag', () => {
  it('gives a reason for every kind of grant wildcard it accepts', () => {
    for (const { reason } of GRANT_WILDCARDS) expect(reason.length).toBeGreaterThan(20);
  });

  it("accepts the wildcards of a bucket's grantReadWrite()", () => {
    expect(synthRole(() => undefined, (bucket, role) => bucket.grantReadWrite(role))).not.toThrow();
  });

  it('still fails a hand-written wildcard action', () => {
    const synth = synthRole((bucket) => new PolicyStatement({ actions: ['s3:*'], resources: [bucket.bucketArn] }));
    expect(synth).toThrow(/AwsSolutions-IAM5\[Action::s3:\*\]/);
  });

  it('still fails a data action on every resource', () => {
    const synth = synthRole(() => new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    expect(synth).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
