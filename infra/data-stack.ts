// The stateful stack: Rete's one DynamoDB table, built from the table definition in shared/store (its
// stream feeds the sealer), and the private bucket of export files and evidence. Both are kept when
// the stack goes away, and AWS Backup copies both every week into a retained vault, for as many years
// as the settings say.
import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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

/**
 * A person's exported data (a privacy request's JSON file) is kept no longer than its download
 * needs: a link lasts minutes and can be made again meanwhile; after a week the person asks anew.
 */
export const PERSONAL_DATA_EXPORT_DAYS = 7;

/**
 * Weekly recovery points go to cold storage once the table's point-in-time recovery (35 days) covers
 * the same weeks no longer: a third of the price for DynamoDB. AWS Backup ignores this for S3, which has
 * no cold tier; a recovery point stays at least 90 days in cold storage.
 */
export const BACKUP_COLD_AFTER_DAYS = 35;
const COLD_STORAGE_MINIMUM_DAYS = 90;

export interface DataStackProps extends StackProps {
  /** How long each weekly recovery point of the table and the files bucket is kept. */
  backupRetentionDays: number;
}

export class DataStack extends Stack {
  /** The table later stacks bind to their functions (env + grant); its stream triggers the sealer. */
  readonly table: TableV2;
  /** Export files and evidence; the web stack adds the CORS rule for the dashboard's origin. */
  readonly filesBucket: Bucket;
  /** The weekly recovery points of both, kept when the stack goes. */
  readonly backupVault: BackupVault;

  constructor(scope: Construct, id: string, props: DataStackProps) {
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
      // The sealer (jobs stack) reads new audit events from the stream: the new image is all it
      // reads (the event's chain and type), so no old image is kept.
      dynamoStream: StreamViewType.NEW_IMAGE,
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
      // Only drafts and a person's exported data expire: submitted exports, evidence, cost documents and
      // the erasure register's copy are records that must be kept.
      lifecycleRules: [
        {
          id: 'expire-unsubmitted-exports',
          prefix: PREFIXES.unsubmittedExports,
          expiration: Duration.days(UNSUBMITTED_EXPORT_DAYS),
          // Submitting moves files away (copy, then delete): the old versions go a day later.
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'expire-personal-data-exports',
          prefix: PREFIXES.personalData,
          expiration: Duration.days(PERSONAL_DATA_EXPORT_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.backupVault = this.backUpWeekly(props.backupRetentionDays);

    // For `npm run admin -- … --table` and for restores.
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.filesBucket.bucketName });
    new CfnOutput(this, 'BackupVaultName', { value: this.backupVault.backupVaultName });
  }

  /**
   * Grant records must outlive their project by years; point-in-time recovery reaches back 35 days and
   * a file's old versions only as long as they are kept. Weekly, not daily: within 35 days
   * point-in-time recovery restores any second already, and every DynamoDB recovery point is billed
   * at the table's full size, so a daily rule would keep seven times the copies for little more.
   */
  private backUpWeekly(retentionDays: number): BackupVault {
    // Recovery points cannot be deleted or shortened by hand; they expire when their retention ends.
    const vault = new BackupVault(this, 'Records', { removalPolicy: RemovalPolicy.RETAIN, blockRecoveryPointDeletion: true });
    const cold = retentionDays >= BACKUP_COLD_AFTER_DAYS + COLD_STORAGE_MINIMUM_DAYS;
    const plan = new BackupPlan(this, 'Weekly', {
      // Plan names are unique in an account and region: one per stage.
      backupPlanName: `${this.stackName}-weekly`,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'weekly',
          backupVault: vault,
          // Sunday night in Milan, when nobody works.
          scheduleExpression: Schedule.cron({ weekDay: 'SUN', hour: '2', minute: '0' }),
          scheduleExpressionTimezone: TimeZone.EUROPE_ROME,
          deleteAfter: Duration.days(retentionDays),
          moveToColdStorageAfter: cold ? Duration.days(BACKUP_COLD_AFTER_DAYS) : undefined,
        }),
      ],
    });
    // AWS Backup's own role, with the AWS-managed policies it documents: DynamoDB's backups and restores,
    // and S3's two, which the default role lacks.
    const policies = ['service-role/AWSBackupServiceRolePolicyForBackup', 'service-role/AWSBackupServiceRolePolicyForRestores', 'AWSBackupServiceRolePolicyForS3Backup', 'AWSBackupServiceRolePolicyForS3Restore'];
    const role = new Role(this, 'BackupRole', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: policies.map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of policies) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason: "AWS Backup's service role: the AWS-managed policy AWS Backup documents for backing up and restoring this resource type",
      });
    }
    plan.addSelection('TableAndFiles', {
      // TableV2 is not an ITable: both are selected by ARN.
      resources: [BackupResource.fromArn(this.table.tableArn), BackupResource.fromArn(this.filesBucket.bucketArn)],
      role,
      // The managed policies are on the role already.
      disableDefaultBackupPolicy: true,
    });
    return vault;
  }
}
