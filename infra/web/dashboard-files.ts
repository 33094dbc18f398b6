// The dashboard's files in its bucket: dist/web as built, plus the config.json the web stack writes
// (Cognito settings known only at deploy time); every deploy replaces the old files and invalidates
// CloudFront's copies.
import { Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeHelperRole } from '../nag';

export interface DashboardFilesProps {
  bucket: IBucket;
  distribution: IDistribution;
  /** `dist/web`, or a stand-in in template tests. */
  dashboardDir: string;
  /** Served as /config.json; may hold deploy-time values (tokens). */
  config: Record<string, unknown>;
}

export class DashboardFiles extends Construct {
  constructor(scope: Construct, id: string, props: DashboardFilesProps) {
    super(scope, id);
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: props.bucket,
      sources: [Source.asset(props.dashboardDir), Source.jsonData('config.json', props.config)],
      distribution: props.distribution,
      distributionPaths: ['/*'],
    });

    acknowledgeHelperRole(deployment.handlerRole, 'copies dist/web into the dashboard bucket and invalidates the distribution');
    Validations.of(deployment.handlerRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'The CDK deployment helper asks for cloudfront:CreateInvalidation/GetInvalidation on *; no data action',
    });
    Validations.of(deployment.handlerRole.node.scope!).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "The CDK deployment helper's runtime is chosen by aws-cdk-lib (it bundles the AWS CLI layer); it runs only during deploys",
    });
  }
}
