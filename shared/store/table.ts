// The one definition of Rete's DynamoDB table (keys and indexes), read by the local runtime and the CDK.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const PARTITION_KEY = 'PK';
export const SORT_KEY = 'SK';

/** Overloaded global secondary indexes; docs/data-model.md says which item uses which. */
export const INDEXES = {
  /** Lists by parent: a consortium's projects, a project's deliverables by phase; the registry of consortia. */
  byParent: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Open deliverables of a project by due date; a funder's projects; sealed audit entries about a person. */
  byDueDate: { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Open deliverables of a member across projects by due date; sealed audit entries a person wrote. */
  byOwner: { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
} as const;

export type IndexName = (typeof INDEXES)[keyof typeof INDEXES]['name'];

/** Attribute holding an epoch-seconds expiry (idempotency records); TTL deletes the item. */
export const TTL_ATTRIBUTE = 'expiresAt';

export const tableDefinition = {
  partitionKey: PARTITION_KEY,
  sortKey: SORT_KEY,
  indexes: Object.values(INDEXES),
  timeToLiveAttribute: TTL_ATTRIBUTE,
} as const;

/** CreateTable input for DynamoDB Local and tests (on AWS the CDK builds the table). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    PARTITION_KEY,
    SORT_KEY,
    ...tableDefinition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
