// Faults injected into the DynamoDB client (an SDK middleware inside its retry loop) and into the
// file store: transient faults answer 503 with Retry-After after the SDK's own retries, a
// transaction cancelled by a condition answers 409, and nothing is half-written. An export job
// killed midway runs again and writes the same files, once each.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../shared/api/app';
import { localDirectory } from '../../shared/auth/identities';
import { jwksVerifier } from '../../shared/auth/verifier';
import type { Export } from '../../shared/domain/export';
import { UnavailableError } from '../../shared/domain/errors';
import type { FileStore } from '../../shared/files/file-store';
import { runExport } from '../../shared/jobs/export-job';
import { createStore } from '../../shared/store';
import { RETRY_SETTINGS, createDocumentClient } from '../../shared/store/client';
import { addDeliverable, createFixture, createTestApi, v1, type Fixture } from '../support/api';
import { tableDigest } from './fuzz/world';
import { writeFigures } from './figures';

type FaultKind = 'throttling' | 'internal' | 'timeout' | 'condition-cancelled';

/** The errors as DynamoDB and the SDK's HTTP handler raise them. */
function faultOf(kind: FaultKind): Error {
  const error = (name: string, httpStatusCode: number, extra: object = {}) =>
    Object.assign(new Error(`${name} (injected)`), { name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode }, ...extra });
  switch (kind) {
    case 'throttling': return error('ThrottlingException', 400);
    case 'internal': return error('InternalServerError', 500);
    case 'timeout': return Object.assign(new Error('request timed out (injected)'), { name: 'TimeoutError' });
    case 'condition-cancelled':
      return error('TransactionCanceledException', 400, { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }] });
  }
}

const WRITES = /^(Put|Update|Delete|TransactWrite|BatchWrite)(Item|Items)?Command$/;

/** What the fault middleware does now: which commands (and inputs) fail, how, and how many more times. */
const injection = { kind: 'throttling' as FaultKind, remaining: 0, only: /.*/, skipWrites: 0, touching: /.*/ };
const attempts: string[] = [];

const api = await createTestApi();
let fixture: Fixture;
let deliverable: { id: string; version: number };

api.table.client.middlewareStack.add(
  (next, context) => async (args) => {
    const command = String(context.commandName);
    attempts.push(command);
    if (injection.remaining > 0 && injection.only.test(command) && injection.touching.test(JSON.stringify(args.input))) {
      if (WRITES.test(command) && injection.skipWrites > 0) injection.skipWrites--;
      else {
        injection.remaining--;
        throw faultOf(injection.kind);
      }
    }
    return next(args);
  },
  // Inside the retry middleware (finalizeRequest): each attempt meets the fault on its own.
  { step: 'deserialize', name: 'injectFaults' },
);

const inject = (kind: FaultKind, times: number, only: RegExp = /.*/, skipWrites = 0, touching: RegExp = /.*/) =>
  Object.assign(injection, { kind, remaining: times, only, skipWrites, touching });
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  fixture = await createFixture(api);
  deliverable = await addDeliverable(api, fixture);
});
beforeEach(() => {
  inject('throttling', 0);
  attempts.length = 0;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  await writeFigures('faults', figures);
  await api.table.drop();
});

describe('faults of DynamoDB', () => {
  it.each(['throttling', 'internal', 'timeout'] as const)(
    `answers a read 503 with Retry-After when %s persists, after the SDK's ${RETRY_SETTINGS.maxAttempts} attempts`,
    async (kind) => {
      inject(kind, Infinity);
      const answer = await api.call('GET', fixture.projectPath);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.body).toMatchObject({ status: 503, type: 'urn:rete:problem:unavailable' });
      // The membership and consortium are cached: the first command is the project's GetItem.
      expect(attempts.filter((command) => command === attempts[0])).toHaveLength(RETRY_SETTINGS.maxAttempts);
      figures[`attempts before a 503 (${kind})`] = attempts.length;
    },
  );

  it.each(['throttling', 'internal', 'timeout'] as const)('lets the SDK retry a single %s: the request succeeds', async (kind) => {
    inject(kind, 1);
    const answer = await api.call('GET', fixture.projectPath);
    expect(answer.status).toBe(200);
    expect(attempts.filter((command) => command === attempts[0])).toHaveLength(2);
  });

  it('answers a write 503 and writes nothing when every write is throttled', async () => {
    const before = await tableDigest(api);
    inject('throttling', Infinity, WRITES);
    const answer = await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/log`, { note: 'Half way', percent: 50, version: deliverable.version });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBeTruthy();
    expect(await tableDigest(api)).toBe(before);
  });

  it('answers 409 when a transaction is cancelled by a condition, and writes nothing', async () => {
    const before = await tableDigest(api);
    inject('condition-cancelled', 1, /^TransactWrite/);
    const answer = await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/log`, { note: 'Half way', percent: 50, version: deliverable.version });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(attempts.filter((command) => command.startsWith('TransactWrite'))).toHaveLength(1); // a condition is never retried
    expect(await tableDigest(api)).toBe(before);
  });

  it('leaves no half-write when the n-th write of a create fails, and a retry with its Idempotency-Key creates it once', async () => {
    const member = (n: number) => ({ name: `Cooperativa Guasto ${n}`, sector: 'culture', orgId: `IT-CF-4000000000${n}` });
    // How many writes a healthy create makes: the idempotency claim, the transaction, the completion.
    attempts.length = 0;
    expect((await api.call('POST', `${v1}/members`, member(0), { headers: { 'idempotency-key': 'healthy-0' } })).status).toBe(201);
    const writes = attempts.filter((command) => WRITES.test(command)).length;
    expect(writes).toBeGreaterThanOrEqual(2);
    figures['writes of a member create with an Idempotency-Key'] = writes;

    for (let n = 1; n <= writes; n++) {
      const key = `faulty-${n}`;
      const before = await tableDigest(api);
      inject('internal', 1, WRITES, n - 1); // the n-th write fails, every attempt the SDK makes of it
      injection.remaining = RETRY_SETTINGS.maxAttempts;
      const faulty = await api.call('POST', `${v1}/members`, member(n), { headers: { 'idempotency-key': key } });
      inject('internal', 0);
      if (faulty.status === 503) {
        expect(await tableDigest(api), `write ${n} failed: the table must be as before`).toBe(before);
        const retried = await api.call('POST', `${v1}/members`, member(n), { headers: { 'idempotency-key': key } });
        expect(retried.status).toBe(201);
      } else {
        expect(faulty.status, `write ${n} failed after the member was written: still a success`).toBe(201);
      }
      const { body: page } = await api.call('GET', `${v1}/members?limit=100`);
      expect(page.items.filter((item: { name: string }) => item.name === member(n).name), `member ${n} exists once`).toHaveLength(1);
      figures[`member create, write ${n} of ${writes} failing`] = faulty.status;
    }
  });

  it.each([
    ['instalment', /INSTALMENT#/],
    ['cost', /COST#/],
  ])('answers a payment request 503 with Retry-After, not 400, when reading its %s is throttled, and writes nothing', async (_label, touching) => {
    const instalment = await api.call('POST', `${fixture.projectPath}/instalments`, { order: 1, plannedDate: '2027-01-15', amountCents: 100_000 });
    expect(instalment.status).toBe(201);
    const before = await tableDigest(api);
    inject('throttling', Infinity, /^Get/, 0, touching);
    const answer = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: instalment.body.id, amountCents: 1_000, costIds: ['cost-never-read'] });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBeTruthy();
    expect(await tableDigest(api)).toBe(before);
    // Unthrottled, the unknown cost is the caller's mistake.
    inject('throttling', 0);
    const unknown = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: instalment.body.id, amountCents: 1_000, costIds: ['cost-never-read'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('costIds.0');
  });

  it('gives up on a DynamoDB that never answers after the request timeout, three times, as a 503', async () => {
    // A socket that accepts and stays silent: the SDK's own request timeout must fire.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const client = createDocumentClient({ region: 'eu-south-1', endpoint: `http://127.0.0.1:${port}`, requestTimeoutMillis: 200 });
    const started = Date.now();
    try {
      await expect(createStore(client, 'rete-silent').projects.get('testcoop', 'nothing')).rejects.toBeInstanceOf(UnavailableError);
      figures['a silent DynamoDB answered as 503 after (ms)'] = Date.now() - started;
    } finally {
      client.destroy();
      silent.close();
    }
  });
});

/** The disk store with faults: `failing` methods throw S3's SlowDown; `hangAfterPuts` freezes later puts, as a killed process. */
function faultyFiles(files: FileStore, options: { failing?: (keyof FileStore)[]; hangAfterPuts?: number }): FileStore {
  let puts = 0;
  const slowDown = () => Object.assign(new Error('Please reduce your request rate (injected)'), { name: 'SlowDown' });
  const wrapped = { ...files } as Record<string, unknown>;
  for (const method of Object.keys(files) as (keyof FileStore)[]) {
    const original = (files[method] as (...args: unknown[]) => unknown).bind(files);
    wrapped[method] = (...args: unknown[]) => {
      if (options.failing?.includes(method)) return Promise.reject(slowDown());
      if (method === 'put' && options.hangAfterPuts !== undefined && ++puts > options.hangAfterPuts) return new Promise(() => undefined);
      return original(...args);
    };
  }
  return wrapped as unknown as FileStore;
}

describe('faults of the file store', () => {
  it('answers 503 with Retry-After when the file store is busy, and the export stays as it was', async () => {
    const asked = await api.call('POST', `${fixture.projectPath}/exports`, { formats: ['csv'], language: 'en' });
    await api.exportQueue.idle();
    const busy = createApp({
      store: api.store, clock: api.clock, newId: api.newId, verifier: jwksVerifier(api.issuer), identities: localDirectory(() => 'unused'),
      files: faultyFiles(api.files, { failing: ['downloadLink', 'head', 'move', 'list', 'get', 'put', 'delete'] }),
      exportQueue: api.exportQueue, mailer: api.outbox,
    });
    const token = await api.tokenFor(`testcoop-coordinator`);
    const read = await busy.request(`${fixture.projectPath}/exports/${asked.body.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBeTruthy();
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    const before = await tableDigest(api);
    const submit = await busy.request(`${fixture.projectPath}/exports/${asked.body.id}/submission`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: (await api.call('GET', `${fixture.projectPath}/exports/${asked.body.id}`)).body.version }),
    });
    expect(submit.status).toBe(503);
    expect(await tableDigest(api)).toBe(before);
  });

  it('runs an export killed midway again: the same files, each once', async () => {
    const now = api.clock.now().toISOString();
    const ref = { consortiumId: 'testcoop', projectId: fixture.project.id, exportId: 'e20261123090000-killed' };
    const queued: Export = {
      id: ref.exportId, consortiumId: ref.consortiumId, projectId: ref.projectId, formats: ['json', 'csv', 'xlsx'], language: 'en', status: 'queued', progress: 0, files: [], requestedBy: 'testcoop-coordinator', attempts: 0,
      version: 1, createdAt: now, updatedAt: now,
    };
    await api.store.exports.create(queued, { personId: 'testcoop-coordinator', at: now });

    // The first run stops for good while writing its third file (the snapshot and one file done).
    void runExport({ store: api.store, clock: api.clock, files: faultyFiles(api.files, { hangAfterPuts: 2 }) }, ref);
    const prefix = `exports/unsubmitted/testcoop/${fixture.project.id}/${ref.exportId}/`;
    for (let waited = 0; waited < 20_000; waited += 50) {
      const listed = [];
      for await (const file of api.files.list(prefix)) listed.push(file);
      if (listed.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killed = await api.store.exports.get(ref.consortiumId, ref.projectId, ref.exportId);
    expect(killed.status).toBe('running');
    const firstRun = new Map<string, number>();
    for await (const file of api.files.list(prefix)) firstRun.set(file.key, file.size);

    // The queue delivers the message again (SQS after its visibility timeout; locally a restart).
    const done = await runExport({ store: api.store, clock: api.clock, files: api.files }, ref);
    expect(done.status).toBe('done');
    expect(done.attempts).toBe(2);
    const keys: string[] = [];
    for await (const file of api.files.list(prefix)) keys.push(file.key);
    const expected = [done.snapshot!.key, ...done.files.map((file) => file.key)].sort();
    expect(keys.sort()).toEqual(expected);
    expect(new Set(done.files.map((file) => file.name)).size).toBe(done.files.length);
    for (const [key, size] of firstRun) expect((await api.files.head(key))?.size, key).toBe(size);
    // Every file is the one its record describes.
    for (const file of done.files) expect((await api.files.head(file.key))?.size).toBe(file.size);
    figures['export killed after files'] = firstRun.size;
    figures['export files after the retry'] = keys.length;
  });
});
