// Writes without hot items, with DynamoDB's transaction conflicts simulated (which DynamoDB Local
// never raises): a request's transaction holds its own items and its own audit event, so that
// writers of different deliverables of one project, and appenders to one deliverable, never cancel
// each other. The chain, the counters and the deliverables' percents follow when the sealer runs
// (in the background here, as the table's stream runs it on AWS). Figures go to test-results/hot-items.json.
//
// The design before this one put the chain's head and the project's and phase's counters in every
// write's transaction; the same writes then cancelled each other (TransactionConflict on the chain
// head, the next entry and the counters) and some answered 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recount } from '../../shared/domain/progress';
import { chainHeadKey } from '../../shared/store/keys';
import { addDeliverable, createFixture, createTestApi, CONSORTIUM, type Fixture } from '../support/api';
import { installConflictHarness, type ConflictHarness } from '../support/conflicts';
import { writeFigures } from './figures';

const WRITERS = 32;
const SECONDS = Number(process.env.HOT_ITEMS_SECONDS ?? 30);
const APPENDERS = 20;
/** Long enough that requests started together are certain to have transactions in flight at once. */
const HOLD_MILLIS = 10;

const api = await createTestApi('2026-11-23T09:00:00Z', { sealing: 'background' });
let fixture: Fixture;
let harness: ConflictHarness;
const deliverables: { id: string }[] = [];

// Each request gets an instant of its own, later than every one before it, as a real clock would
// give a client's successive requests (the test clock stands still unless moved).
let tick = 0;
const nextInstant = () => api.clock.set(new Date(Date.parse('2026-11-23T09:00:00Z') + ++tick * 1000).toISOString());

beforeAll(async () => {
  fixture = await createFixture(api);
  for (let index = 0; index < WRITERS; index++) deliverables.push(await addDeliverable(api, fixture, { title: `Report ${index}` }));
  await api.table.sealing.flush();
  harness = installConflictHarness(api.table.client, { holdMillis: HOLD_MILLIS });
});
afterAll(async () => {
  harness.uninstall();
  await api.table.drop();
});

const pathOf = (deliverable: { id: string }) => `${fixture.projectPath}/deliverables/${deliverable.id}`;
const percentOf = (round: number) => (round % 100) + 1;

async function logOf(deliverable: { id: string }) {
  const notes: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${pathOf(deliverable)}/log?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    notes.push(...page.body.items.map((entry: { note: string }) => entry.note));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return notes.sort();
}

describe('writes without hot items (with DynamoDB transaction conflicts simulated)', () => {
  const statuses: number[] = [];
  const lastPercent = new Map<string, number>();
  const written = new Map<string, string[]>();

  it(`${WRITERS} writers of ${WRITERS} deliverables of one project for ${SECONDS} s: no 409, no 503, no conflict`, async () => {
    harness.reset();
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      deliverables.map(async (deliverable, client) => {
        const notes: string[] = [];
        for (let round = 0; performance.now() < until; round++) {
          nextInstant();
          const note = `client ${client}, round ${round}`;
          const answer = await api.call('POST', `${pathOf(deliverable)}/log`, { note, percent: percentOf(round) });
          statuses.push(answer.status);
          if (answer.status === 200) {
            notes.push(note);
            lastPercent.set(deliverable.id, percentOf(round));
          }
        }
        written.set(deliverable.id, notes);
      }),
    );
    const figures = {
      writers: WRITERS, seconds: SECONDS, holdMillis: HOLD_MILLIS, writes: statuses.length,
      ok: statuses.filter((status) => status === 200).length,
      conflictsRaised: harness.conflicts, transactionsSent: harness.transactions,
      sealed: api.table.sealing.figures.sealed,
    };
    console.log(`Writes without hot items (${await writeFigures('hot-items', figures)}):\n${JSON.stringify(figures, null, 2)}`);
    expect(statuses.length).toBeGreaterThan(WRITERS);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // No request's transaction met another one: they share no item (the sealer's own are counted too).
    expect(harness.raised.map((raised) => raised.overlapping)).toEqual([]);
  }, (SECONDS + 60) * 1000);

  it(`${APPENDERS} appenders to one deliverable without a version all succeed, each entry kept once`, async () => {
    const target = deliverables[0]!;
    harness.reset();
    nextInstant();
    const answers = await Promise.all(
      Array.from({ length: APPENDERS }, (_, index) =>
        api.call('POST', `${pathOf(target)}/log`, { note: `appender ${index}`, percent: 50 }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(APPENDERS).fill(200));
    expect(harness.conflicts).toBe(0);
    written.get(target.id)!.push(...Array.from({ length: APPENDERS }, (_, index) => `appender ${index}`));
    lastPercent.set(target.id, 50);
  });

  it('once the sealer is flushed: every entry once, percents, counters and chain as a recount says', async () => {
    await api.table.sealing.flush();
    for (const deliverable of deliverables) expect(await logOf(deliverable)).toEqual([...written.get(deliverable.id)!].sort());

    const items = [];
    for (const deliverable of deliverables) {
      const item = await api.store.deliverables.get(CONSORTIUM, fixture.project.id, deliverable.id);
      expect({ id: deliverable.id, percent: item.reportedPercent, status: item.status }).toEqual({ id: deliverable.id, percent: lastPercent.get(deliverable.id), status: 'in_progress' });
      items.push(item);
    }
    const project = await api.store.projects.get(CONSORTIUM, fixture.project.id);
    const phase = await api.store.projects.getPhase(CONSORTIUM, fixture.project.id, fixture.phases[0].id);
    expect(project.counters).toEqual(recount(items));
    expect(phase.counters).toEqual(recount(items.filter((item) => item.phaseId === fixture.phases[0].id)));

    const chain = { consortiumId: CONSORTIUM, projectId: fixture.project.id };
    const head = await api.store.db.get(chainHeadKey(chain));
    const verification = await api.store.audit.verify(chain);
    expect(verification).toEqual({ valid: true, checked: Number(head?.seq), unsealed: 0 });
    // Every write is in the chain: the deliverables' creations, the phase's and project's, and each entry.
    const logged = [...written.values()].reduce((sum, notes) => sum + notes.length, 0);
    expect(Number(head?.seq)).toBeGreaterThanOrEqual(logged + WRITERS);
  });
});
