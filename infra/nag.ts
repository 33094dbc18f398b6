// cdk-nag's AWS Solutions checks, plus one standing acknowledgement: the wildcards that the CDK's
// grant*() methods write (action groups such as s3:GetObject*, a table's index/*, a bucket's objects
// or those under one prefix), which the issue accepts. They are acknowledged finding by finding, each
// with its reason; any other wildcard still fails the synth. Done at validation time, when cross-stack
// references have their final form (the finding names them), so no hashed export name is written by hand.
import { CfnResource, Validations } from 'aws-cdk-lib';
import { CfnPolicy, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** What grant*() writes, and why each is as narrow as the construct allows. */
export const GRANT_WILDCARDS: { finding: RegExp; reason: string }[] = [
  {
    finding: /^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\*$/,
    reason: "Bucket.grantRead/grantReadWrite's action groups (object reads, versions, multipart aborts) on one bucket only",
  },
  {
    finding: /^Resource::.+\/index\/\*$/,
    reason: "Table grant*Data() covers the table's own indexes (GSI queries), nothing else",
  },
  {
    finding: /^Resource::(<[\w.]+\.Arn>|[\w-]+:ExportsOutputFnGetAtt\w+|arn:<AWS::Partition>:s3:::[\w.<>:-]+)\/([\w.=-]+\/)*\*$/,
    reason: 'Bucket grants cover the objects of that one bucket, or of one key prefix of it (keys are chosen at run time)',
  },
  {
    finding: /^Resource::<\w+\.Arn>:\*$/,
    reason: "Invoking a function grants its versions and aliases too (EventBridge Scheduler's target)",
  },
];

function acknowledgeGrantWildcards(scope: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnPolicy)) continue;
    const findings = rules.iam.IAMNoWildcardPermissions(node as CfnResource);
    if (!Array.isArray(findings)) continue;
    for (const finding of findings) {
      const grant = GRANT_WILDCARDS.find((candidate) => candidate.finding.test(finding));
      if (grant) Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: grant.reason });
    }
  }
}

export class ReteChecks extends AwsSolutionsChecks {
  override validateScope(scope: IConstruct) {
    acknowledgeGrantWildcards(scope);
    return super.validateScope(scope);
  }
}

/** CDK's deploy-time helper functions (custom resources) run with the AWS-managed basic execution role. */
export function acknowledgeHelperRole(role: IConstruct | IGrantable, what: string): void {
  Validations.of(role as IConstruct).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: `A CDK deploy-time helper that ${what}: aws-cdk-lib gives it the managed basic execution role (its own logs only)`,
  });
}
