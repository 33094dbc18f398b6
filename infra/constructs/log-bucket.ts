// A bucket that only receives access logs: private, encrypted, TLS only, emptied of logs after a
// year, and kept when its stack goes (a bucket with objects in it cannot be deleted anyway).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export function logBucket(scope: Construct, id: string, options: { objectOwnership: ObjectOwnership }): Bucket {
  return new Bucket(scope, id, {
    // Server access logs can only be delivered to SSE-S3 buckets.
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: options.objectOwnership,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
