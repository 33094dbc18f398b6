// A DynamoDB client that refuses overlapping transactions as AWS does and DynamoDB Local does not:
// an SDK middleware that cancels a transaction touching an item another transaction in flight holds.
import {
  TransactionCanceledException,
  TransactionConflictException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PARTITION_KEY, SORT_KEY } from '../../shared/store/table';

export interface ConflictOptions {
  /**
   * How long each write transaction holds its items before it is sent on (ms). DynamoDB Local
   * answers in a millisecond or two, one call after the other; holding makes "in flight" last long
   * enough for concurrent requests to overlap, as they do on AWS. Default 5: the suite stays fast.
   */
  holdMillis?: number;
}

/** An item as DynamoDB names it: its table and key, after the DocumentClient's marshalling. */
export interface ItemRef {
  table: string;
  PK: string;
  SK: string;
}

/** A request the harness refused, with every item it named and the ones a transaction held. */
export interface RaisedConflict {
  command: string;
  items: ItemRef[];
  overlapping: ItemRef[];
}

export interface ConflictHarness {
  /** Requests refused so far. */
  readonly conflicts: number;
  readonly raised: readonly RaisedConflict[];
  /** Write transactions sent on to DynamoDB (each SDK attempt counts). */
  readonly transactions: number;
  reset(): void;
  uninstall(): void;
}

export const DEFAULT_HOLD_MILLIS = 5;
/** DynamoDB's own words for an item a transaction in flight holds. */
export const ONGOING = 'Transaction is ongoing for the item';
const MIDDLEWARE = 'transactionConflicts';

type Marshalled = Record<string, { S?: string } | undefined>;
type TransactItem = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Get', { TableName?: string; Key?: Marshalled; Item?: Marshalled }>>;

const refOf = (table: string | undefined, key: Marshalled | undefined): ItemRef => ({
  table: String(table),
  PK: String(key?.[PARTITION_KEY]?.S),
  SK: String(key?.[SORT_KEY]?.S),
});
const idOf = (ref: ItemRef) => JSON.stringify([ref.table, ref.PK, ref.SK]);

/** What a command touches: a transaction's items in order, one item for a single write, else nothing. */
export function touchedItems(command: string, input: Record<string, unknown>): { kind: 'write-transaction' | 'read-transaction' | 'single-write'; items: ItemRef[] } | undefined {
  if (command.startsWith('TransactWrite') || command.startsWith('TransactGet')) {
    const items = (input.TransactItems as TransactItem[]).map((item) => {
      const action = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck ?? item.Get;
      return refOf(action?.TableName, action?.Key ?? action?.Item);
    });
    return { kind: command.startsWith('TransactGet') ? 'read-transaction' : 'write-transaction', items };
  }
  if (/^(Put|Update|Delete)(Item)?Command$/.test(command)) {
    return { kind: 'single-write', items: [refOf(input.TableName as string, (input.Key ?? input.Item) as Marshalled)] };
  }
  return undefined;
}

const metadata = () => ({ httpStatusCode: 400, requestId: `conflict-harness-${Date.now()}` });

/** The error DynamoDB answers a transaction whose items at `overlapping` indexes another one holds. */
export function transactionCancelled(size: number, overlapping: Set<number>): TransactionCanceledException {
  const reasons: CancellationReason[] = Array.from({ length: size }, (_, index) =>
    overlapping.has(index) ? { Code: 'TransactionConflict', Message: ONGOING } : { Code: 'None' },
  );
  const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
  return new TransactionCanceledException({ message, Message: message, CancellationReasons: reasons, $metadata: metadata() });
}

/** The error DynamoDB answers a PutItem, UpdateItem or DeleteItem on an item a transaction holds. */
export function itemConflict(): TransactionConflictException {
  return new TransactionConflictException({ message: ONGOING, $metadata: metadata() });
}

/**
 * Installs the harness on `client`, inside the SDK's retry loop (each attempt is a request of its
 * own, as DynamoDB sees it). A write transaction (TransactWriteItems) holds its items from the
 * moment it is sent to the moment its answer comes back; meanwhile another write or read
 * transaction naming one of them is cancelled (TransactionCanceledException, TransactionConflict
 * at that item's index, None elsewhere), and a PutItem, UpdateItem or DeleteItem on one of them
 * fails with TransactionConflictException. The newcomer loses, as on AWS. Only this client's calls
 * are seen; conditions and every other answer are DynamoDB Local's own.
 */
export function installConflictHarness(client: DynamoDBDocumentClient, options: ConflictOptions = {}): ConflictHarness {
  const holdMillis = options.holdMillis ?? DEFAULT_HOLD_MILLIS;
  // Items held by a write transaction in flight; a second one never holds them too (it is refused).
  const held = new Set<string>();
  const raised: RaisedConflict[] = [];
  let transactions = 0;

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const touched = touchedItems(command, args.input as Record<string, unknown>);
      if (!touched) return next(args);
      const overlapping = new Set(touched.items.flatMap((item, index) => (held.has(idOf(item)) ? [index] : [])));
      if (overlapping.size > 0) {
        raised.push({ command, items: touched.items, overlapping: [...overlapping].map((index) => touched.items[index]!) });
        throw touched.kind === 'single-write' ? itemConflict() : transactionCancelled(touched.items.length, overlapping);
      }
      if (touched.kind !== 'write-transaction') return next(args);
      const ids = touched.items.map(idOf);
      for (const id of ids) held.add(id);
      transactions++;
      try {
        if (holdMillis > 0) await new Promise((resolve) => setTimeout(resolve, holdMillis));
        return await next(args);
      } finally {
        for (const id of ids) held.delete(id);
      }
    },
    // After the DocumentClient's marshalling and inside the retry middleware, as the fault tests do.
    { step: 'deserialize', name: MIDDLEWARE },
  );

  return {
    get conflicts() {
      return raised.length;
    },
    raised,
    get transactions() {
      return transactions;
    },
    reset() {
      raised.length = 0;
      transactions = 0;
    },
    uninstall() {
      client.middlewareStack.remove(MIDDLEWARE);
    },
  };
}
