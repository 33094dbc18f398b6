// The only module that sends commands: a thin wrapper of the DocumentClient bound to one table,
// translating the SDK's faults and transaction cancellations into the application's errors.
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, type AppError } from '../domain/errors';
import type { PutInput, TransactItem, UpdateInput } from './expressions';
import { translateFault } from './faults';
import type { AuditChain, Key } from './keys';
import { decodeCursor, encodeCursor, type Page } from './pagination';
import { PARTITION_KEY, SORT_KEY } from './table';

export type Item = Record<string, unknown>;

/** One write of a transaction, and the error to raise if its condition fails. */
export interface TxOp {
  write: TransactItem;
  onConditionFailed?: () => AppError;
}

/** The table's own keys, or one of INDEXES. */
export interface KeyPair {
  name?: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE_KEYS: KeyPair = { partitionKey: PARTITION_KEY, sortKey: SORT_KEY };

/** A sort-key condition: items whose sort key starts with `prefix`. */
export const beginsWith = (prefix: string) => ({ expression: 'begins_with(#sk, :prefix)', values: { ':prefix': prefix } });

/** A sort-key condition: items whose sort key is from `from` through `through`, both included. */
export const between = (from: string, through: string) => ({ expression: '#sk BETWEEN :from AND :through', values: { ':from': from, ':through': through } });

export interface QuerySpec {
  on: KeyPair;
  partitionValue: string;
  /** Extra key condition on the sort key, with its placeholders. */
  sortCondition?: { expression: string; values: Record<string, unknown> };
  limit: number;
  cursor?: string;
  descending?: boolean;
}

/** Told of every audit event written, once its transaction has committed (the in-process sealer). */
export type EventListener = (chain: AuditChain) => Promise<void> | void;

export class Db {
  private readonly listeners: EventListener[] = [];

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Calls `listener` after each audited write; answers the function that stops it. */
  onEvent(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Tells the listeners of a committed event, and waits for those that answer a promise. */
  async eventWritten(chain: AuditChain): Promise<void> {
    for (const listener of this.listeners) await listener(chain);
  }

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    try {
      const result = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
      );
      return result.Item;
    } catch (error) {
      return translateFault(error);
    }
  }

  /** Several items by key, strongly consistent, 100 per request; absent items are left out. */
  async getMany(keys: Key[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let start = 0; start < keys.length; start += 100) {
      let requested: Record<string, unknown>[] = keys.slice(start, start + 100).map((key) => ({ ...key }));
      for (let attempt = 0; requested.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed; giving up');
        try {
          const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } } }));
          items.push(...(result.Responses?.[this.tableName] ?? []));
          requested = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        } catch (error) {
          return translateFault(error);
        }
        if (requested.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
    }
    return items;
  }

  /** One page of one Query; the cursor is opaque to callers and tied to this partition. */
  async queryPage(spec: QuerySpec): Promise<Page<Item>> {
    const sortKeyNames: Record<string, string> = spec.sortCondition ? { '#sk': spec.on.sortKey } : {};
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: spec.on.name,
      KeyConditionExpression: `#pk = :pk${spec.sortCondition ? ` AND ${spec.sortCondition.expression}` : ''}`,
      ExpressionAttributeNames: { '#pk': spec.on.partitionKey, ...sortKeyNames },
      ExpressionAttributeValues: { ':pk': spec.partitionValue, ...spec.sortCondition?.values },
      Limit: spec.limit,
      ExclusiveStartKey: decodeCursor(spec.cursor, { keys: spec.on, partitionValue: spec.partitionValue }),
      ScanIndexForward: !spec.descending,
    };
    try {
      const result = await this.client.send(new QueryCommand(input));
      return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
    } catch (error) {
      return translateFault(error);
    }
  }

  /** Every item of a small partition (a project's phases): follows pages, bounded by `maxPages`. */
  async queryAll(spec: Omit<QuerySpec, 'limit' | 'cursor'>, maxPages = 10): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.queryPage({ ...spec, limit: 1000, cursor });
      items.push(...result.items);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    return items;
  }

  /** Every item of a partition or index partition, a page at a time, however many (jobs, never requests). */
  async *queryEach(spec: Omit<QuerySpec, 'limit' | 'cursor'>): AsyncGenerator<Item> {
    let cursor: string | undefined;
    do {
      const page = await this.queryPage({ ...spec, limit: 500, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async put(put: PutInput, onConditionFailed: () => AppError): Promise<void> {
    await this.transact([{ write: { Put: put }, onConditionFailed }]);
  }

  /** Writes items unconditionally, 25 per request (seeding and administration only). */
  async putAll(items: Item[]): Promise<void> {
    await this.batchWrite(items.map((item) => ({ PutRequest: { Item: item } })));
  }

  async update(update: UpdateInput, onConditionFailed: () => AppError): Promise<Item> {
    try {
      const result = await this.client.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return result.Attributes ?? {};
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') throw onConditionFailed();
      return translateFault(error);
    }
  }

  /** Deletes items by key, 25 per request (migrations and administration only). */
  async deleteAll(keys: Key[]): Promise<void> {
    await this.batchWrite(keys.map((key) => ({ DeleteRequest: { Key: { ...key } } })));
  }

  /** BatchWriteItem, 25 requests at a time, sending again what DynamoDB left unprocessed. */
  private async batchWrite(all: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < all.length; start += 25) {
      let requests = all.slice(start, start + 25);
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept items unprocessed; giving up');
        try {
          const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
          requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        } catch (error) {
          return translateFault(error);
        }
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  async delete(key: Key): Promise<void> {
    try {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
    } catch (error) {
      translateFault(error);
    }
  }

  /** Writes all or nothing; a failed condition raises the error its operation names. */
  async transact(ops: TxOp[]): Promise<void> {
    try {
      if (ops.length === 1 && ops[0]!.write.Put) {
        await this.client.send(new PutCommand(ops[0]!.write.Put));
        return;
      }
      await this.client.send(new TransactWriteCommand({ TransactItems: ops.map((op) => op.write) }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException' && ops.length === 1) {
        throw ops[0]!.onConditionFailed?.() ?? new ConflictError('The item changed meanwhile');
      }
      if (error instanceof Error && error.name === 'TransactionCanceledException') {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          throw ops[failed]?.onConditionFailed?.() ?? new ConflictError('The item changed meanwhile');
        }
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
          return translateFault(Object.assign(new Error('Transaction conflict'), { name: 'TransactionConflictException' }));
        }
        if (reasons.some((reason) => reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded')) {
          return translateFault(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));
        }
      }
      return translateFault(error);
    }
  }
}
