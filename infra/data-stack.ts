// The stateful stack: Rete's one DynamoDB table, built from the table definition in shared/store, and
// the private bucket of export files and evidence. Both are kept when the stack goes away.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PREFIXES } from '../shared/files/layout';
import { tableDefinition } from '../shared/store/table';
import { logBucket } from './constructs/log-bucket';

/** Every key attribute of the table and its indexes holds a string (see shared/store/keys.ts). */
const key = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * Unsubmitted exports are drafts that can be made again; after this long their files go. It outlives
 * the longest share link (90 days) of an export shared in its first three months.
 */
export const UNSUBMITTED_EXPORT_DAYS = 180;

export class DataStack extends Stack {
  /** The table later stacks bind to their functions (env + grant). */
  readonly table: TableV2;
  /** Export files and evidence; the web stack adds the CORS rule for the dashboard's origin. */
  readonly filesBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // No tableName: CloudFormation generates one, so stages and replacements never collide.
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      globalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // No stream: no function consumes one (notifications and digests are written and scheduled).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Who read or wrote which file, for the files bucket; logs are the only thing this bucket holds.
    const accessLogs = logBucket(this, 'AccessLogs', { objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED });

    this.filesBucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      // Only drafts expire: submitted exports, evidence and cost documents are records the consortium must keep.
      lifecycleRules: [
        {
          id: 'expire-unsubmitted-exports',
          prefix: PREFIXES.unsubmittedExports,
          expiration: Duration.days(UNSUBMITTED_EXPORT_DAYS),
          // Submitting moves files away (copy, then delete): the old versions go a day later.
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // For `npm run admin -- … --table` and for restores.
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.filesBucket.bucketName });
  }
}
