// The files bucket's CORS rule, set from the web stack: the bucket lives in the data stack, deployed
// before the distribution exists, and the rule must name the distribution's origin (and only it) so
// that the dashboard may post presigned uploads and fetch files it is sent to.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeHelperRole } from '../nag';

export class FilesBucketCors extends Construct {
  constructor(scope: Construct, id: string, props: { bucket: IBucket; origin: string }) {
    super(scope, id);
    const { bucket, origin } = props;
    const cors = new AwsCustomResource(this, 'PutBucketCors', {
      onUpdate: {
        service: 'S3',
        action: 'putBucketCors',
        parameters: {
          Bucket: bucket.bucketName,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: [origin],
                AllowedMethods: [HttpMethods.GET, HttpMethods.HEAD, HttpMethods.POST, HttpMethods.PUT],
                AllowedHeaders: ['*'],
                ExposeHeaders: ['ETag'],
                MaxAgeSeconds: 3600,
              },
            ],
          },
        },
        physicalResourceId: PhysicalResourceId.of(`${bucket.bucketName}-cors`),
      },
      // Tearing the web stack down leaves the bucket (retained) without a rule for a gone origin.
      onDelete: { service: 'S3', action: 'deleteBucketCors', parameters: { Bucket: bucket.bucketName } },
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['s3:PutBucketCORS'], resources: [bucket.bucketArn] })]),
      installLatestAwsSdk: false,
    });
    acknowledgeHelperRole(cors.grantPrincipal, "sets the files bucket's CORS rule");
  }
}
