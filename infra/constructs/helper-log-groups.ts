// CDK's deploy-time helper functions (copying the dashboard, emptying its bucket, SDK calls such as the
// files bucket's CORS rule) would log to a group Lambda creates on their first run and keeps forever.
// This aspect gives each function without a log group of its own one with a retention, in its stack.
import { CfnResource, RemovalPolicy, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/** As long as Rete's own functions keep theirs. */
export const HELPER_LOG_RETENTION = RetentionDays.ONE_MONTH;

export class HelperLogGroups implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::Lambda::Function') return;
    // Rete's functions (ReteFunction) name theirs; a custom resource provider's handler is a bare CfnResource.
    if (node instanceof CfnFunction && node.loggingConfig) return;
    const scope = node.node.scope!;
    const id = `${node.node.id}Logs`;
    if (scope.node.tryFindChild(id)) return;
    // The helpers' own roles may write to any log group (the managed basic execution role).
    const logs = new LogGroup(scope, id, { retention: HELPER_LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
    node.addPropertyOverride('LoggingConfig.LogGroup', logs.logGroupName);
  }
}
