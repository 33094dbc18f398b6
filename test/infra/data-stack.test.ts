// The data stack's template: the table matches the one definition in shared/store and is safe to keep;
// the files bucket is private, encrypted, versioned, kept, and only unsubmitted exports and a person's
// exported data expire.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../shared/store/table';
import { DataStack, PERSONAL_DATA_EXPORT_DAYS, UNSUBMITTED_EXPORT_DAYS } from '../../infra/data-stack';
import { PREFIXES } from '../../shared/files/layout';
import { cdkApp } from './rete-app';

const TABLE = 'AWS::DynamoDB::GlobalTable';

const keySchema = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

describe('DataStack', () => {
  let template: Template;
  let table: Record<string, any>;

  beforeAll(() => {
    const app = cdkApp();
    const stack = new DataStack(app, 'data', { env: { account: '123456789012', region: 'eu-south-1' }, backupRetentionDays: 3650 });
    template = Template.fromStack(stack);
    const tables = Object.values(template.findResources(TABLE));
    expect(tables).toHaveLength(1);
    table = tables[0]!;
  });

  it('holds exactly one table', () => {
    template.resourceCountIs(TABLE, 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  it('keys the table by the partition and sort key of the table definition', () => {
    expect(table.Properties.KeySchema).toEqual(keySchema(tableDefinition.partitionKey, tableDefinition.sortKey));
  });

  it('has exactly the indexes of the table definition', () => {
    const names = table.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName);
    expect(names.sort()).toEqual(tableDefinition.indexes.map((index) => index.name).sort());
  });

  it.each(tableDefinition.indexes)('keys index $name by its definition and projects all attributes', (index) => {
    const built = table.Properties.GlobalSecondaryIndexes.find(
      (candidate: { IndexName: string }) => candidate.IndexName === index.name,
    );
    expect(built).toEqual({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: 'ALL' },
    });
  });

  it('declares every key attribute of the table and its indexes as a string', () => {
    const keyAttributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.Properties.AttributeDefinitions).toEqual(
      keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    );
  });

  it('bills on demand', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('expires items by the TTL attribute of the table definition', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('keeps point-in-time recovery and deletion protection on', () => {
    template.hasResourceProperties(TABLE, {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('retains the table when it is removed from the stack or replaced', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('encrypts with the AWS-managed KMS key', () => {
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('streams the new image of every change, for the sealer', () => {
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('lets CloudFormation generate the table name', () => {
    template.hasResourceProperties(TABLE, { TableName: Match.absent() });
    expect(JSON.stringify(table.Properties.Replicas)).not.toContain('TableName');
  });

  describe('files bucket', () => {
    let files: Record<string, any>;

    beforeAll(() => {
      const buckets = template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } });
      expect(Object.keys(buckets)).toHaveLength(1);
      files = Object.values(buckets)[0]!;
    });

    it('is versioned and encrypted', () => {
      expect(files.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(files.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
    });

    it('blocks every kind of public access and enforces bucket-owner object ownership', () => {
      expect(files.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(files.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    });

    it('denies every request that is not over TLS', () => {
      const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
      const filesId = Object.entries(template.findResources('AWS::S3::Bucket')).find(([, resource]) => resource === files)![0];
      const policy = policies.find((candidate) => JSON.stringify(candidate.Properties.Bucket).includes(filesId))!;
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    const ruleFor = (prefix: string) => files.Properties.LifecycleConfiguration.Rules.find((rule: { Prefix?: string }) => rule.Prefix === prefix);

    it('expires unsubmitted exports after 180 days, and their old versions a day later', () => {
      expect(ruleFor(PREFIXES.unsubmittedExports)).toMatchObject({
        Status: 'Enabled',
        ExpirationInDays: UNSUBMITTED_EXPORT_DAYS,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      });
    });

    it("expires a person's exported data (privacy/exports/) after 7 days, and its old versions a day later", () => {
      expect(PERSONAL_DATA_EXPORT_DAYS).toBe(7);
      expect(ruleFor(PREFIXES.personalData)).toMatchObject({
        Status: 'Enabled',
        ExpirationInDays: 7,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      });
    });

    it('expires nothing else: submitted exports, evidence, cost documents and the erasure register stay', () => {
      const rules = files.Properties.LifecycleConfiguration.Rules as { Prefix?: string }[];
      expect(rules.map((rule) => rule.Prefix).sort()).toEqual([PREFIXES.unsubmittedExports, PREFIXES.personalData].sort());
      for (const kept of [PREFIXES.submittedExports, PREFIXES.evidence, PREFIXES.documents, PREFIXES.erasures]) {
        for (const rule of rules) expect(kept.startsWith(rule.Prefix!), `${rule.Prefix} reaches ${kept}`).toBe(false);
      }
    });

    it('logs every access to the access-log bucket', () => {
      expect(files.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'files/' });
    });

    it('is retained when it is removed from the stack or replaced', () => {
      expect(files.DeletionPolicy).toBe('Retain');
      expect(files.UpdateReplacePolicy).toBe('Retain');
    });

    it('has no CORS rule of its own: the web stack sets one for the dashboard origin only', () => {
      expect(files.Properties.CorsConfiguration).toBeUndefined();
    });
  });
});
