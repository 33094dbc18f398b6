// The data stack's template: the table matches the one definition in shared/store and is safe to keep.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../shared/store/table';
import { DataStack } from '../../infra/data-stack';

const TABLE = 'AWS::DynamoDB::GlobalTable';

const keySchema = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

describe('DataStack', () => {
  let template: Template;
  let table: Record<string, any>;

  beforeAll(() => {
    const app = new App();
    const stack = new DataStack(app, 'data', { env: { account: '123456789012', region: 'eu-south-1' } });
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

  it('streams new and old images for later consumers', () => {
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('lets CloudFormation generate the table name', () => {
    template.hasResourceProperties(TABLE, { TableName: Match.absent() });
    expect(JSON.stringify(table.Properties.Replicas)).not.toContain('TableName');
  });
});
