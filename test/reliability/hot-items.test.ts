// The known problem of today's design, shown once with the conflict harness on (DynamoDB's
// TransactionConflict, which DynamoDB Local never raises): every write of a project carries the
// project's audit chain head and its project and phase counters in its transaction, so writes to
// different deliverables cancel each other. Figures go to test-results/hot-items.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHeadKey, deliverableKey, phaseKey, projectKey } from '../../shared/store/keys';
import { addDeliverable, createFixture, createTestApi, CONSORTIUM, type Fixture } from '../support/api';
import { installConflictHarness, type ConflictHarness } from '../support/conflicts';
import { writeFigures } from './figures';

const CLIENTS = 8;
const ROUNDS = 3;
/** Long enough that eight requests started together are certain to have transactions in flight at once. */
const HOLD_MILLIS = 20;

const api = await createTestApi();
let fixture: Fixture;
let harness: ConflictHarness;
const deliverables: { id: string }[] = [];

beforeAll(async () => {
  fixture = await createFixture(api);
  for (let index = 0; index < CLIENTS; index++) deliverables.push(await addDeliverable(api, fixture, { title: `Report ${index}` }));
  harness = installConflictHarness(api.table.client, { holdMillis: HOLD_MILLIS });
});
afterAll(async () => {
  harness.uninstall();
  await api.table.drop();
});

const pathOf = (deliverable: { id: string }) => `${fixture.projectPath}/deliverables/${deliverable.id}`;
const noteOf = (client: number, round: number) => `client ${client}, round ${round}`;

describe('the hot items of a project (with DynamoDB transaction conflicts simulated)', () => {
  // TO BE INVERTED by the redesign of the issue "Writes without hot items": once the chain head
  // and the counters leave the request's transaction, this test must show no conflict at all. The
  // issue's acceptance: 32 clients writing to 32 deliverables for 30 s get no 409 and no 503, and
  // 20 clients appending to one deliverable without a version all succeed.
  it("today's design: writes to different deliverables of one project conflict on the project's shared items", async () => {
    const chain = { consortiumId: CONSORTIUM, projectId: fixture.project.id };
    const before = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq;
    harness.reset();

    // Each client logs progress on its own deliverable, round after round; the clients run at once.
    const started = performance.now();
    const answers = await Promise.all(
      deliverables.map(async (deliverable, client) => {
        const statuses: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const answer = await api.call('POST', `${pathOf(deliverable)}/log`, { note: noteOf(client, round), percent: 10 * (round + 1) });
          statuses.push(answer.status);
        }
        return statuses;
      }),
    );

    const millis = Math.round(performance.now() - started);
    const statuses = answers.flat();
    // What the cancelled transactions overlapped on, by kind: the chain head, the entry every racer
    // meant to append at the same seq, the project's counters, the phase's counters.
    const sharedItems = {
      'chain head': auditHeadKey(chain),
      'project counters': projectKey(CONSORTIUM, fixture.project.id),
      'phase counters': phaseKey(CONSORTIUM, fixture.project.id, fixture.phases[0].id),
    };
    const kindOf = (ref: { PK: string; SK: string }) =>
      Object.entries(sharedItems).find(([, key]) => key.PK === ref.PK && key.SK === ref.SK)?.[0] ??
      (ref.PK === sharedItems['chain head'].PK && ref.SK.startsWith('ENTRY#') ? 'next chain entry' : `other: ${ref.PK} ${ref.SK}`);
    const overlapped: Record<string, number> = {};
    for (const ref of harness.raised.flatMap((raised) => raised.overlapping)) overlapped[kindOf(ref)] = (overlapped[kindOf(ref)] ?? 0) + 1;
    const cancelledOnes = deliverables.filter((deliverable) => {
      const key = deliverableKey(CONSORTIUM, fixture.project.id, deliverable.id);
      return harness.raised.some((raised) => raised.items.some((ref) => ref.PK === key.PK && ref.SK === key.SK));
    });
    const figures = {
      clients: CLIENTS, rounds: ROUNDS, holdMillis: HOLD_MILLIS, writes: statuses.length,
      ok: statuses.filter((status) => status === 200).length,
      unavailable: statuses.filter((status) => status === 503).length,
      conflictsRaised: harness.conflicts,
      transactionsSent: harness.transactions,
      clientsWhoseWritesWereCancelled: cancelledOnes.length,
      millis,
      overlappingItems: overlapped,
    };
    console.log(`Hot items of today's design (${await writeFigures('hot-items', figures)}):\n${JSON.stringify(figures, null, 2)}`);

    // Never a 500 nor a 409: the app retries the race for the chain head, then gives up with 503.
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // The known problem: writes that share nothing of their own cancel each other...
    expect(harness.conflicts).toBeGreaterThan(0);
    // ...on the project's chain head (in every write), its next entry and its counters, and nothing else.
    expect(overlapped['chain head']).toBeGreaterThan(0);
    expect(Object.keys(overlapped).filter((kind) => kind.startsWith('other'))).toEqual([]);
    // Nothing half-written: each 200's entry is in its log once, a 503's nowhere; one audit entry per 200.
    for (const [client, deliverable] of deliverables.entries()) {
      const log = await api.call('GET', `${pathOf(deliverable)}/log?limit=100`);
      const notes = log.body.items.map((entry: { note: string }) => entry.note).sort();
      const written = answers[client]!.flatMap((status, round) => (status === 200 ? [noteOf(client, round)] : [])).sort();
      expect(notes).toEqual(written);
    }
    const after = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0].seq;
    expect(after - before).toBe(figures.ok);
    expect((await api.call('GET', `${fixture.projectPath}/audit/verification`)).body).toEqual({ valid: true, checked: after });
  });
});
