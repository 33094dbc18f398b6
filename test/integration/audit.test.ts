// The audit trail: every write leaves an entry with its actor, before and after, in a hash chain
// that verifies, resists racing writers, and exposes an entry altered behind the API's back.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainLinkKey } from '../../shared/store/keys';
import { CONSORTIUM, addDeliverable, addPerson, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

let api: TestApi;
let fixture: Fixture;
const OWNER = 'owner-person';

beforeAll(async () => {
  api = await createTestApi();
  // Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
  installConflictHarness(api.table.client);
  fixture = await createFixture(api);
  await addPerson(api, { id: OWNER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
});
afterAll(() => api.table.drop());

const auditOf = async (path: string) => (await api.call('GET', `${path}/audit?limit=100`)).body.items;

describe('the audit trail', () => {
  it('shows the member who logged and submitted and the coordinator who accepted, with before and after', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const path = `${fixture.projectPath}/deliverables/${deliverable.id}`;
    expect((await api.call('POST', `${path}/log`, { note: 'Draft', percent: 50 }, { as: OWNER })).status).toBe(200);
    expect((await api.call('POST', `${path}/submit`, { note: 'Done' }, { as: OWNER })).status).toBe(200);
    expect((await api.call('POST', `${path}/review`, { decision: 'accepted' })).status).toBe(200);

    const entries = (await auditOf(fixture.projectPath)).filter((e: { entityId: string }) => e.entityId === deliverable.id);
    expect(entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['review', 'testcoop-coordinator'],
      ['submit', OWNER],
      ['log_progress', OWNER],
      ['create', 'testcoop-coordinator'],
    ]);
    const [review, submitted, logged] = entries;
    expect(logged.changes.status).toEqual({ before: 'planned', after: 'in_progress' });
    expect(logged.changes.reportedPercent).toEqual({ before: 0, after: 50 });
    expect(submitted.changes.status).toEqual({ before: 'in_progress', after: 'submitted' });
    expect(review.changes.status).toEqual({ before: 'submitted', after: 'accepted' });
    expect(review.changes).not.toHaveProperty('version');
  });

  it('lists newest first, in pages, each entry linked to the one before', async () => {
    const first = await api.call('GET', `${fixture.projectPath}/audit?limit=3`);
    const second = await api.call('GET', `${fixture.projectPath}/audit?limit=3&cursor=${first.body.nextCursor}`);
    const seqs = [...first.body.items, ...second.body.items].map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(6);
    expect(first.body.items[1].hash).toBe(first.body.items[0].prevHash);
  });

  it('records consortium-level writes in the consortium chain', async () => {
    const { body: member } = await api.call('POST', `${v1}/members`, { name: 'Cooperativa Nuova', sector: 'music', orgId: 'IT-CF-55555555555' });
    const entries = (await api.call('GET', `${v1}/audit?limit=5`)).body.items;
    expect(entries[0]).toMatchObject({ entity: 'member', entityId: member.id, action: 'create', actor: 'testcoop-coordinator' });
    expect(entries[0].changes.name).toEqual({ before: null, after: 'Cooperativa Nuova' });
    expect((await api.call('GET', `${v1}/audit/verification`)).body).toMatchObject({ valid: true });
  });

  it('keeps all of 20 concurrent writes to different deliverables of one project, in a chain that verifies', async () => {
    const deliverables = [];
    for (let index = 0; index < 20; index++) deliverables.push(await addDeliverable(api, fixture, { title: `Parallel ${index}` }));
    const before = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq;

    const answers = await Promise.all(
      deliverables.map((d) =>
        api.call('POST', `${fixture.projectPath}/deliverables/${d.id}/log`, { note: 'in parallel', percent: 30, version: 1 }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));

    const after = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq;
    expect(after - before).toBe(20);
    const verification = await api.call('GET', `${fixture.projectPath}/audit/verification`);
    expect(verification.body).toEqual({ valid: true, checked: after, unsealed: 0 });
  });

  it('fails verification at an entry altered directly in DynamoDB', async () => {
    const { body } = await api.call('GET', `${fixture.projectPath}/audit?limit=100`);
    const target = body.items[Math.floor(body.items.length / 2)];
    await api.table.client.send(
      new UpdateCommand({
        TableName: api.table.tableName,
        Key: chainLinkKey({ consortiumId: CONSORTIUM, projectId: fixture.project.id }, target.seq),
        UpdateExpression: 'SET actor = :someoneElse',
        ExpressionAttributeValues: { ':someoneElse': 'someone-else' },
      }),
    );
    const verification = await api.call('GET', `${fixture.projectPath}/audit/verification`);
    expect(verification.body).toMatchObject({ valid: false, checked: target.seq - 1, firstBroken: { seq: target.seq } });
    expect(verification.body.firstBroken.reason).toMatch(/hash/);
  });

  it('leaves no audit entry for a refused write', async () => {
    const before = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq;
    const stale = await api.call('PATCH', fixture.projectPath, { version: 99, title: 'Stale' });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq).toBe(before);
  });
});
