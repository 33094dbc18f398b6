// Changing a plan: removing a planned deliverable (who may, only while planned, at the version
// read, audited, uncounted) and putting phases in a new order (one write, every phase once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, addDeliverable, addPerson, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
const PARTNER = 'partner-person';
const OUTSIDER = 'outsider-person';
const FUNDER = 'funder-person';
const OTHER_FUNDER = 'other-funder-person';

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  const outsider = await api.call('POST', `${v1}/members`, { name: 'Cooperativa Esterna', sector: 'culture', orgId: 'IT-CF-19999999999', status: 'active' });
  const otherFunder = await api.call('POST', `${v1}/funders`, { name: 'Fondo Altro', orgId: 'IT-CF-29999999999', programme: 'Another call' });
  await addPerson(api, { id: PARTNER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: OUTSIDER, consortiumId: CONSORTIUM, role: 'member', memberId: outsider.body.id });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
  await addPerson(api, { id: OTHER_FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: otherFunder.body.id });
});
afterAll(() => api.table.drop());

const pathOf = (deliverable: { id: string }) => `${fixture.projectPath}/deliverables/${deliverable.id}`;
const remove = (deliverable: { id: string }, version: number, as?: string) =>
  api.call('DELETE', `${pathOf(deliverable)}?version=${version}`, undefined, as ? { as } : undefined);
const phaseCount = async () => (await api.call('GET', `${fixture.projectPath}/phases/${fixture.phases[0].id}`)).body.progress.deliverables;

describe('removing a deliverable', () => {
  it('lets a coordinator remove a planned one: gone, uncounted, and audited as a removal', async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Da togliere' });
    const before = await phaseCount();

    const answer = await remove(deliverable, 1);

    expect(answer.status).toBe(204);
    expect((await api.call('GET', pathOf(deliverable))).status).toBe(404);
    expect(await phaseCount()).toBe(before - 1);
    const entries = (await api.call('GET', `${fixture.projectPath}/audit?limit=100`)).body.items
      .filter((entry: { entityId: string }) => entry.entityId === deliverable.id);
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['remove', 'create']);
    expect(entries[0].changes.title).toEqual({ before: 'Da togliere', after: null });
  });

  it('answers 409 once work began, and to a stale version, and removes nothing', async () => {
    const started = await addDeliverable(api, fixture);
    await api.call('POST', `${pathOf(started)}/log`, { note: 'Iniziato', percent: 10 });
    const refused = await remove(started, 2);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/only a planned deliverable/);

    const planned = await addDeliverable(api, fixture);
    expect((await remove(planned, 7)).status).toBe(409);
    expect((await api.call('GET', pathOf(planned))).status).toBe(200);
    expect((await api.call('GET', pathOf(started))).status).toBe(200);
  });

  it('refuses partners and the funder (403), and answers 404 to those who may not see the project', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const answers = Object.fromEntries(
      await Promise.all([PARTNER, FUNDER, OUTSIDER, OTHER_FUNDER].map(async (who) => [who, (await remove(deliverable, 1, who)).status])),
    );
    expect(answers).toEqual({ [PARTNER]: 403, [FUNDER]: 403, [OUTSIDER]: 404, [OTHER_FUNDER]: 404 });
    const missing = await remove({ id: 'nope' }, 1);
    expect(missing.status).toBe(404);
    expect((await api.call('GET', pathOf(deliverable))).body.version).toBe(1);
  });

  it('requires the version read', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const answer = await api.call('DELETE', pathOf(deliverable));
    expect(answer.status).toBe(400);
  });
});

describe('putting phases in a new order', () => {
  const orderPath = () => `${fixture.projectPath}/phase-order`;
  const phases = async () => (await api.call('GET', `${fixture.projectPath}/phases`)).body.items as { id: string; order: number; version: number; title: string }[];

  it('gives each phase its place in one write, audited on the project, and lists them so', async () => {
    const third = await api.call('POST', `${fixture.projectPath}/phases`, { order: 3, title: 'Third', plannedStart: '2028-01-01', plannedEnd: '2028-12-31' });
    const [first, second, last] = await phases();
    expect(last!.id).toBe(third.body.id);

    const answer = await api.call('PUT', orderPath(), { phases: [last, first, second].map((p) => ({ id: p!.id, version: p!.version })) });

    expect(answer.status).toBe(200);
    expect(answer.body.items.map((p: { id: string; order: number }) => [p.id, p.order])).toEqual([[last!.id, 1], [first!.id, 2], [second!.id, 3]]);
    expect((await phases()).map((p) => p.id)).toEqual([last!.id, first!.id, second!.id]);
    const entry = (await api.call('GET', `${fixture.projectPath}/audit?limit=5`)).body.items.find((e: { action: string }) => e.action === 'reorder_phases');
    expect(entry.changes.phaseOrder).toEqual({ before: [first!.id, second!.id, last!.id], after: [last!.id, first!.id, second!.id] });
  });

  it('answers 400 naming phases when one is missing or listed twice, 409 to a stale version, and moves nothing', async () => {
    const current = await phases();
    const listed = current.map((p) => ({ id: p.id, version: p.version }));

    const missing = await api.call('PUT', orderPath(), { phases: listed.slice(1) });
    const twice = await api.call('PUT', orderPath(), { phases: [...listed.slice(1), listed[1]] });
    const stale = await api.call('PUT', orderPath(), { phases: [...listed].reverse().map((p, i) => (i === 0 ? { ...p, version: p.version + 5 } : p)) });

    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'phases' })]);
    expect(twice.status).toBe(400);
    expect(stale.status).toBe(409);
    expect((await phases()).map((p) => p.id)).toEqual(current.map((p) => p.id));
  });

  it('refuses partners and the funder (403), and answers 404 to those who may not see the project', async () => {
    const listed = (await phases()).map((p) => ({ id: p.id, version: p.version })).reverse();
    const answers = Object.fromEntries(
      await Promise.all([PARTNER, FUNDER, OUTSIDER, OTHER_FUNDER].map(async (who) => [who, (await api.call('PUT', orderPath(), { phases: listed }, { as: who })).status])),
    );
    expect(answers).toEqual({ [PARTNER]: 403, [FUNDER]: 403, [OUTSIDER]: 404, [OTHER_FUNDER]: 404 });
    expect((await api.call('PUT', `${v1}/projects/nope/phase-order`, { phases: listed })).status).toBe(404);
  });
});
