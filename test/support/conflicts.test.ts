// The conflict harness against DynamoDB Local: overlapping transactions in flight cancel the newcomer
// with DynamoDB's own error, disjoint or successive ones pass, and real reasons are left alone.
import { createServer, type Server } from 'node:http';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../shared/domain/errors';
import { createDocumentClient } from '../../shared/store/client';
import { Db, type TxOp } from '../../shared/store/db';
import { TransactionConflictError, translateFault } from '../../shared/store/faults';
import { ONGOING, installConflictHarness, type ConflictHarness } from './conflicts';
import { createTestTable } from './table';

const table = await createTestTable();
let harness: ConflictHarness;
let run = 0;

/** Fresh keys per test: `item('a')` is the item a of this test. */
const item = (name: string) => ({ PK: `T#${run}`, SK: name });
type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const put = (name: string, extra: Record<string, unknown> = {}) => ({ Put: { TableName: table.tableName, Item: { ...item(name), ...extra } } }) satisfies Write;
const transact = (...items: Write[]) => table.client.send(new TransactWriteCommand({ TransactItems: items }));
const exists = async (name: string) => Boolean((await table.client.send(new GetCommand({ TableName: table.tableName, Key: item(name) }))).Item);

beforeAll(() => {
  harness = installConflictHarness(table.client, { holdMillis: 30 });
});
afterEach(() => {
  harness.reset();
  run++;
});
afterAll(() => table.drop());

describe('the conflict harness', () => {
  it('cancels the second of two transactions in flight on one item, naming that item TransactionConflict', async () => {
    const [first, second] = await Promise.allSettled([transact(put('a'), put('shared')), transact(put('b'), put('c'), put('shared'))]);

    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    const error = (second as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      $fault: 'client',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, TransactionConflict]',
      CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict', Message: ONGOING }],
      $metadata: { httpStatusCode: 400 },
    });
    expect(harness.conflicts).toBe(1);
    expect(harness.raised[0]!.overlapping).toEqual([{ table: table.tableName, ...item('shared') }]);
    // All or nothing: the cancelled transaction wrote none of its items.
    expect([await exists('a'), await exists('b'), await exists('c'), await exists('shared')]).toEqual([true, false, false, true]);
  });

  it('lets transactions on different items in flight at once both succeed', async () => {
    const results = await Promise.allSettled([transact(put('a'), put('b')), transact(put('c'), put('d'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(harness.conflicts).toBe(0);
    expect(harness.transactions).toBe(2);
  });

  it('lets a transaction that finished before the other started pass', async () => {
    await transact(put('a'), put('shared'));
    await transact(put('b'), put('shared'));
    expect(harness.conflicts).toBe(0);
    expect(await exists('b')).toBe(true);
  });

  it("leaves DynamoDB Local's own ConditionalCheckFailed cancellation as it is", async () => {
    const refused = transact(put('a'), { Put: { ...put('missing').Put, ConditionExpression: 'attribute_exists(PK)' } });
    await expect(refused).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    expect(harness.conflicts).toBe(0);
  });

  it('refuses a single write on an item a transaction in flight holds with TransactionConflictException', async () => {
    const [transaction, single] = await Promise.allSettled([
      transact(put('a'), put('shared')),
      table.client.send(new PutCommand({ TableName: table.tableName, Item: item('shared') })),
    ]);
    expect(transaction.status).toBe('fulfilled');
    expect((single as PromiseRejectedResult).reason).toBeInstanceOf(TransactionConflictException);
    expect((single as PromiseRejectedResult).reason).toMatchObject({ name: 'TransactionConflictException', message: ONGOING, $fault: 'client' });
    expect(harness.raised.map((raised) => raised.command)).toEqual(['PutItemCommand']);
  });
});

/** A server that answers every request with DynamoDB's wire error: what the SDK makes of the real thing. */
async function dynamoAnswering(type: string, body: object): Promise<{ client: DynamoDBDocumentClient; close(): void }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'real-request' });
    response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...body }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createDocumentClient({ region: 'eu-south-1', endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
  return { client, close: () => (client.destroy(), server.close()) };
}

const caught = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it succeeded'), (error: unknown) => error);
const shapeOf = (error: any) => ({ class: error.constructor.name, name: error.name, message: error.message, $fault: error.$fault, reasons: error.CancellationReasons, status: error.$metadata?.httpStatusCode });

describe("the harness's errors are DynamoDB's", () => {
  it('a cancelled transaction: the SDK builds the same error from the wire, and the store turns both into TransactionConflictError', async () => {
    const message = 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]';
    const real = await dynamoAnswering('TransactionCanceledException', {
      Message: message,
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: ONGOING }],
    });
    const ops: TxOp[] = [{ write: put('a') }, { write: put('shared') }];
    try {
      const fromWire = await caught(real.client.send(new TransactWriteCommand({ TransactItems: [put('a'), put('shared')] })));
      let held = transact(put('b'), put('shared'));
      const fromHarness = await caught(transact(put('a'), put('shared')));
      await held;
      expect(shapeOf(fromHarness)).toEqual(shapeOf(fromWire));

      held = transact(put('b'), put('shared'));
      const inStoreFromHarness = await caught(new Db(table.client, table.tableName).transact(ops));
      await held;
      const inStoreFromWire = await caught(new Db(real.client, table.tableName).transact(ops));
      expect(inStoreFromHarness).toBeInstanceOf(TransactionConflictError);
      expect(shapeOf(inStoreFromHarness)).toEqual(shapeOf(inStoreFromWire));
    } finally {
      real.close();
    }
  });

  it('a single write on a held item: translateFault makes the same TransactionConflictError of both', async () => {
    const real = await dynamoAnswering('TransactionConflictException', { message: ONGOING });
    try {
      const fromWire = await caught(real.client.send(new PutCommand({ TableName: table.tableName, Item: item('shared') })));
      const held = transact(put('a'), put('shared'));
      const fromHarness = await caught(table.client.send(new PutCommand({ TableName: table.tableName, Item: item('shared') })));
      await held;
      expect(shapeOf(fromHarness)).toEqual(shapeOf(fromWire));
      const translated = [fromHarness, fromWire].map((error) => caught(Promise.resolve().then(() => translateFault(error))));
      for (const error of await Promise.all(translated)) {
        expect(error).toBeInstanceOf(TransactionConflictError);
        expect(error).toBeInstanceOf(UnavailableError);
      }
    } finally {
      real.close();
    }
  });
});
