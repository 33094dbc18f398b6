// The sealer: a crash in the middle resumes without a gap or a duplicate, two sealers at once leave
// one chain, an unreadable event does not block the others, and verification reports a pending
// event changed or deleted before it was sealed. The app's own sealing is stopped here: each test
// writes events, then seals them itself.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recount } from '../../shared/domain/progress';
import { EVENT_STAMP } from '../../shared/store/audit';
import { readConsortiumItems } from '../../shared/store/backup';
import { auditEventKey, chainLinksOf, unsealedIndexKeys } from '../../shared/store/keys';
import { SEAL_BATCH, sealerStore } from '../../shared/store/sealer';
import { addDeliverable, createFixture, createTestApi, CONSORTIUM, type Fixture } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

const api = await createTestApi('2026-11-23T09:00:00Z', { sealing: 'background' });
let fixture: Fixture;
const deliverables: { id: string }[] = [];
const chain = () => ({ consortiumId: CONSORTIUM, projectId: fixture.project.id });
const sealer = () => sealerStore(api.store.db);

beforeAll(async () => {
  fixture = await createFixture(api);
  for (let index = 0; index < 4; index++) deliverables.push(await addDeliverable(api, fixture, { title: `Report ${index}` }));
  await api.table.sealing.flush();
  api.table.sealing.stop();
});
afterAll(async () => {
  await api.table.drop();
});

let tick = 0;
/** Writes `count` progress entries spread over the deliverables, each at an instant of its own. */
async function writeEntries(count: number) {
  for (let index = 0; index < count; index++) {
    api.clock.set(new Date(Date.parse('2026-11-23T10:00:00Z') + ++tick * 1000).toISOString());
    const deliverable = deliverables[index % deliverables.length]!;
    const answer = await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/log`, { note: `entry ${tick}`, percent: (tick % 99) + 1 });
    expect(answer.status).toBe(200);
  }
}

async function sealedEventIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of api.store.audit.readChain(chain())) ids.push(entry.eventId);
  return ids;
}

async function pendingEvents() {
  const events = [];
  for await (const event of api.store.audit.readEvents(chain())) events.push(event);
  return events;
}

const pendingCount = async () => (await pendingEvents()).length;

/** Counters and percents as a recount of the deliverables says, once everything is sealed. */
async function expectCountersTrue() {
  const items = await Promise.all(deliverables.map((d) => api.store.deliverables.get(CONSORTIUM, fixture.project.id, d.id)));
  expect((await api.store.projects.get(CONSORTIUM, fixture.project.id)).counters).toEqual(recount(items));
}

/** Makes the sealing transactions of the client fail: before they reach DynamoDB, or after (the answer lost). */
function crashSealing(options: { at: number; when: 'before' | 'after' }) {
  let seen = 0;
  const name = `crash-${Math.random()}`;
  api.table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const sealing = String(context.commandName).startsWith('TransactWrite') && JSON.stringify(args.input).includes(chainLinksOf(chain()).skPrefix);
      if (!sealing || ++seen !== options.at) return next(args);
      if (options.when === 'before') throw new Error('the sealer crashed before its transaction');
      await next(args);
      throw new Error('the sealer crashed after its transaction, before hearing the answer');
    },
    { step: 'initialize', name },
  );
  return () => api.table.client.middlewareStack.remove(name);
}

describe('sealing', () => {
  it('resumes after a crash before a transaction, without a gap or a duplicate', async () => {
    const before = (await sealedEventIds()).length;
    await writeEntries(60);
    const restore = crashSealing({ at: 2, when: 'before' });
    await expect(sealer().sealChain(chain())).rejects.toThrow(/crashed before/);
    restore();
    // The first batch is sealed, the rest waits.
    expect((await sealedEventIds()).length).toBe(before + SEAL_BATCH);
    expect(await pendingCount()).toBe(60 - SEAL_BATCH);

    await sealer().sealChain(chain());
    const ids = await sealedEventIds();
    expect(ids.length).toBe(before + 60);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await pendingCount()).toBe(0);
    expect(await api.store.audit.verify(chain())).toEqual({ valid: true, checked: before + 60, unsealed: 0 });
    await expectCountersTrue();
  });

  it('resumes after a crash that lost the answer of a committed transaction, without a duplicate', async () => {
    const before = (await sealedEventIds()).length;
    await writeEntries(30);
    const restore = crashSealing({ at: 1, when: 'after' });
    await expect(sealer().sealChain(chain())).rejects.toThrow(/crashed after/);
    restore();
    await sealer().sealChain(chain());
    const ids = await sealedEventIds();
    expect(ids.length).toBe(before + 30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await api.store.audit.verify(chain())).toEqual({ valid: true, checked: before + 30, unsealed: 0 });
    await expectCountersTrue();
  });

  it('leaves one chain when two sealers run at once (transaction conflicts simulated)', async () => {
    const before = (await sealedEventIds()).length;
    await writeEntries(80);
    const harness = installConflictHarness(api.table.client, { holdMillis: 5 });
    try {
      await Promise.all([sealer().sealChain(chain()), sealer().sealChain(chain()), sealer().sealChain(chain())]);
      // Each run ends when it finds less than a full batch; what a lost race left is the next run's.
      await sealer().sealChain(chain());
    } finally {
      harness.uninstall();
    }
    const ids = await sealedEventIds();
    expect(ids.length).toBe(before + 80);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await api.store.audit.verify(chain())).toEqual({ valid: true, checked: before + 80, unsealed: 0 });
    await expectCountersTrue();
  });

  it('sets an unreadable event aside and seals the others; verification reports it', async () => {
    const bad = '2000-01-01T00:00:00.000Z#unreadable';
    await api.store.db.putAll([{ ...auditEventKey(chain(), bad), ...unsealedIndexKeys(chain(), bad), itemType: 'AuditEvent', chainConsortiumId: CONSORTIUM, chainProjectId: fixture.project.id, eventId: bad, action: 42 }]);
    const before = (await sealedEventIds()).length;
    await writeEntries(3);
    const result = await sealer().sealChain(chain());
    expect(result.unreadable).toEqual([auditEventKey(chain(), bad).SK]);
    expect((await sealedEventIds()).length).toBe(before + 3);
    const verification = await api.store.audit.verify(chain());
    expect(verification).toMatchObject({ valid: false, unsealed: 1, problems: [{ eventId: bad, reason: 'it is not an audit event any more' }] });
    await api.store.db.delete(auditEventKey(chain(), bad));
  });

  it('reports a pending event changed since its write', async () => {
    await writeEntries(1);
    const [pending] = await pendingEvents();
    await api.table.client.send(new UpdateCommand({ TableName: api.table.tableName, Key: { PK: pending!.PK, SK: pending!.SK }, UpdateExpression: 'SET actor = :other', ExpressionAttributeValues: { ':other': 'someone-else' } }));
    expect(await api.store.audit.verify(chain())).toMatchObject({ valid: false, unsealed: 1, problems: [{ eventId: pending!.eventId, reason: 'its content changed after it was written' }] });
    // Put back as written, it seals as any other.
    await api.table.client.send(new UpdateCommand({ TableName: api.table.tableName, Key: { PK: pending!.PK, SK: pending!.SK }, UpdateExpression: 'SET actor = :actor', ExpressionAttributeValues: { ':actor': pending!.actor } }));
    await sealer().sealChain(chain());
    expect(await api.store.audit.verify(chain())).toMatchObject({ valid: true, unsealed: 0 });
  });

  it('reports a pending event deleted before it was sealed, from the item that names it', async () => {
    const project = await api.call('GET', fixture.projectPath);
    expect((await api.call('PATCH', fixture.projectPath, { version: project.body.version, title: 'Renamed before sealing' })).status).toBe(200);
    const [pending] = await pendingEvents();
    await api.table.client.send(new DeleteCommand({ TableName: api.table.tableName, Key: { PK: pending!.PK, SK: pending!.SK } }));
    const scanned = (await readConsortiumItems(api.table.client, api.table.tableName, CONSORTIUM)).map((item) => ({ PK: item.PK?.S, SK: item.SK?.S, [EVENT_STAMP]: item[EVENT_STAMP]?.S }));
    const missing = await api.store.audit.missingEvents(chain(), scanned);
    expect(missing).toEqual([{ eventId: pending!.eventId, item: { PK: `C#${CONSORTIUM}#P#${fixture.project.id}`, SK: 'PROJECT' } }]);
    // Later events sealed do not hide the deletion.
    await writeEntries(1);
    await sealer().sealChain(chain());
    expect(await api.store.audit.missingEvents(chain(), scanned)).toEqual(missing);
  });
});
