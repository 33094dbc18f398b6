// Indicators through the API: typed-in actuals, computed values and progress; and the demo's
// training, offers and indicators, whose totals are recounted from the seeded items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { seedDemo } from '../../dev/demo/seed';
import { calendarDateIn } from '../../shared/domain/clock';
import { indicatorSummary } from '../../shared/domain/indicator';
import { offerSummary } from '../../shared/domain/offer';
import { indicatorRepository, indicatorsIn } from '../../shared/store/indicators';
import { offersIn } from '../../shared/store/offers';
import { trainingSummaryFrom } from '../../shared/store/training';
import { CONSORTIUM, addDeliverable, addPerson, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
const MEMBER = 'member-alfa';
const FUNDER = 'funder-person';

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: MEMBER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
});
afterAll(() => api.table.drop());

const indicatorsPath = () => `${fixture.projectPath}/indicators`;
const newIndicator = async (fields: Record<string, unknown> = {}) => {
  const response = await api.call('POST', indicatorsPath(), { name: 'Visitatori', unit: 'persone', baseline: 100, target: 300, targetDate: '2028-12-31', ...fields });
  if (response.status !== 201) throw new Error(`indicator: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

describe('indicators', () => {
  it('record dated actuals and show progress from baseline to target', async () => {
    const indicator = await newIndicator();
    expect((await api.call('POST', `${indicatorsPath()}/${indicator.id}/actuals`, { on: '2026-06-30', value: 150, version: 1 })).status).toBe(200);
    const added = await api.call('POST', `${indicatorsPath()}/${indicator.id}/actuals`, { on: '2026-09-30', value: 200, note: 'Terzo trimestre' });
    expect(added.body.actuals.map((a: { on: string }) => a.on)).toEqual(['2026-06-30', '2026-09-30']);
    const { body } = await api.call('GET', `${indicatorsPath()}/${indicator.id}`);
    expect(body.progress).toEqual({ current: 200, currentOn: '2026-09-30', percent: 50, achieved: false, late: false, inEuroCents: false });
    expect((await api.call('PATCH', `${indicatorsPath()}/${indicator.id}`, { version: 3, target: 200 })).body.target).toBe(200);
    expect((await api.call('GET', `${indicatorsPath()}/${indicator.id}`)).body.progress).toMatchObject({ percent: 100, achieved: true });
  });

  it('computes offers won and deliverables accepted on time from the project’s own data', async () => {
    const won = await newIndicator({ name: 'Offerte vinte', unit: 'offerte', baseline: 0, target: 2, metric: 'offers_won' });
    const onTime = await newIndicator({ name: 'Consegne nei tempi', unit: 'consegne', baseline: 0, target: 4, metric: 'deliverables_accepted_on_time' });
    const { body: offer } = await api.call('POST', `${fixture.projectPath}/offers`, {
      title: 'Laboratori', format: 'school workshops', clientType: 'public', clientName: 'Comune', valueCents: 500_000,
      participants: [{ memberId: fixture.members[0].id, shareBasisPoints: 10000 }],
    });
    await api.call('POST', `${fixture.projectPath}/offers/${offer.id}/stage`, { stage: 'proposed', version: 1 });
    await api.call('POST', `${fixture.projectPath}/offers/${offer.id}/stage`, { stage: 'won', version: 2 });
    const deliverable = await addDeliverable(api, fixture, { dueDate: '2026-12-01' });
    await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/submit`, {});
    await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/review`, { decision: 'accepted' });

    expect((await api.call('GET', `${indicatorsPath()}/${won.id}`)).body.progress).toMatchObject({ current: 1, percent: 50, currentOn: '2026-11-23' });
    expect((await api.call('GET', `${indicatorsPath()}/${onTime.id}`)).body.progress).toMatchObject({ current: 1, percent: 25 });
    const typed = await api.call('POST', `${indicatorsPath()}/${won.id}/actuals`, { on: '2026-11-01', value: 3 });
    expect(typed.status).toBe(409);
    expect(typed.body.detail).toMatch(/computed/);
  });

  it('names the field of bad input, refuses future actuals and answers 409 to a stale version', async () => {
    const same = await api.call('POST', indicatorsPath(), { name: 'X', unit: 'u', baseline: 5, target: 5, targetDate: '2028-01-01' });
    expect(same.body.errors).toEqual([expect.objectContaining({ path: 'target' })]);
    const metric = await api.call('POST', indicatorsPath(), { name: 'X', unit: 'u', baseline: 0, target: 5, targetDate: '2028-01-01', metric: 'happiness' });
    expect(metric.body.errors).toEqual([expect.objectContaining({ path: 'metric' })]);
    const indicator = await newIndicator();
    const future = await api.call('POST', `${indicatorsPath()}/${indicator.id}/actuals`, { on: '2026-12-01', value: 1 });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'on' })]);
    expect((await api.call('PATCH', `${indicatorsPath()}/${indicator.id}`, { version: 1, metric: 'offers_won' })).status).toBe(400);
    await api.call('PATCH', `${indicatorsPath()}/${indicator.id}`, { version: 1, name: 'Y' });
    expect((await api.call('PATCH', `${indicatorsPath()}/${indicator.id}`, { version: 1, name: 'Z' })).status).toBe(409);
    expect((await api.call('POST', `${indicatorsPath()}/${indicator.id}/actuals`, { on: '2026-11-01', value: 1, version: 1 })).status).toBe(409);
  });

  it('lets members and the project’s funder read indicators, and only coordinators write them', async () => {
    const indicator = await newIndicator();
    expect((await api.call('GET', `${indicatorsPath()}?limit=100`, undefined, { as: FUNDER })).status).toBe(200);
    expect((await api.call('GET', `${indicatorsPath()}/${indicator.id}`, undefined, { as: MEMBER })).status).toBe(200);
    expect((await api.call('POST', `${indicatorsPath()}/${indicator.id}/actuals`, { on: '2026-11-01', value: 1 }, { as: MEMBER })).status).toBe(403);
    expect((await api.call('POST', indicatorsPath(), { name: 'X' }, { as: FUNDER })).status).toBe(403);
  });
});

describe('the demo’s training, offers and indicators', () => {
  let demo: TestApi;
  const get = (path: string) => demo.call('GET', `/api/v1/consortia/pantacon${path}`, undefined, { as: COORDINATOR_PERSON_ID });
  const readAll = async (path: string) => {
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    demo = await createTestApi('2026-11-23T09:00:00Z');
    expect(await seedDemo(demo.store, demo.clock)).toBe('seeded');
  });
  afterAll(() => demo.table.drop());

  it('has two cultnetwork paths whose stored totals equal a recount of their sessions and attendance', async () => {
    const paths = await readAll('/projects/cultnetwork/training');
    expect(paths.map((p) => p.topic).sort()).toEqual(['fundraising', 'marketing']);
    let held = 0, hours = 0, participants = 0, personHours = 0;
    const attendedBy = new Set<string>();
    for (const path of paths) {
      const sessions = await readAll(`/training/${path.id}/sessions`);
      expect(sessions.some((s) => s.status === 'held') && sessions.some((s) => s.status === 'planned')).toBe(true);
      const attendance = (await Promise.all(sessions.map((s) => readAll(`/training/${path.id}/sessions/${s.id}/attendance`)))).flat();
      const heldSessions = sessions.filter((s) => s.status === 'held');
      const members = new Set(attendance.map((a) => a.memberId));
      expect(path.totals).toMatchObject({
        sessionsHeld: heldSessions.length,
        hoursDelivered: heldSessions.reduce((sum, s) => sum + s.hours, 0),
        participants: attendance.reduce((sum, a) => sum + a.people, 0),
        personHours: attendance.reduce((sum, a) => sum + a.people * a.hours, 0),
        membersTakingPart: members.size,
      });
      for (const session of heldSessions) {
        expect(attendance.filter((a) => a.sessionId === session.id).length).toBeGreaterThanOrEqual(4);
      }
      held += heldSessions.length;
      hours += path.totals.hoursDelivered;
      participants += path.totals.participants;
      personHours += path.totals.personHours;
      members.forEach((m) => attendedBy.add(m));
    }
    const { others, project } = await demo.store.projects.collection('pantacon', 'cultnetwork');
    const summary = trainingSummaryFrom(others, project.entity.partners.map((p) => p.memberId));
    expect(summary).toMatchObject({ paths: 2, sessionsHeld: held, hoursDelivered: hours, participants, personHours, membersTakingPart: attendedBy.size });
    expect(held).toBeGreaterThan(0);
    const fundraising = (await get('/training/raccolta-fondi')).body;
    expect(fundraising.membersNotYetTakingPart).toEqual(['teatro-del-viale']);
  });

  it('has at least six offers to private and public clients in every stage, summed as the list says', async () => {
    const offers = await readAll('/projects/cultnetwork/offers');
    expect(offers.length).toBeGreaterThanOrEqual(6);
    expect(new Set(offers.map((o) => o.stage))).toEqual(new Set(['draft', 'proposed', 'negotiating', 'won', 'lost']));
    expect(new Set(offers.map((o) => o.clientType))).toEqual(new Set(['private', 'public']));
    const { others } = await demo.store.projects.collection('pantacon', 'cultnetwork');
    const summary = offerSummary(offersIn(others));
    const won = offers.filter((o) => o.stage === 'won');
    const lost = offers.filter((o) => o.stage === 'lost');
    expect(summary.wonCents).toBe(won.reduce((sum, o) => sum + o.valueCents, 0));
    expect(summary.wonCents).toBeGreaterThan(0);
    expect(summary.winRatePercent).toBe(Math.round((won.length / (won.length + lost.length)) * 1000) / 10);
    for (const offer of offers) {
      expect(offer.participants.reduce((sum: number, p: { shareBasisPoints: number }) => sum + p.shareBasisPoints, 0)).toBe(10000);
    }
  });

  it('has at least five indicators with targets, some computed, whose values agree with the demo’s data', async () => {
    const indicators = await readAll('/projects/cultnetwork/indicators');
    expect(indicators.length).toBeGreaterThanOrEqual(5);
    expect(indicators.filter((i) => i.metric).length).toBeGreaterThanOrEqual(3);
    const byMetric = (metric: string) => indicators.find((i) => i.metric === metric)!.progress.current;
    const paths = await readAll('/projects/cultnetwork/training');
    expect(byMetric('training_hours')).toBe(paths.reduce((sum, p) => sum + p.totals.hoursDelivered, 0));
    const offers = await readAll('/projects/cultnetwork/offers');
    expect(byMetric('offers_won')).toBe(offers.filter((o) => o.stage === 'won').length);
    const deliverables = await readAll('/projects/cultnetwork/deliverables');
    const onTime = deliverables.filter((d) => d.status === 'accepted' && calendarDateIn(new Date(d.submittedAt), 'Europe/Rome') <= d.dueDate);
    expect(onTime.length).toBeGreaterThan(0);
    expect(byMetric('deliverables_accepted_on_time')).toBe(onTime.length);
    expect(onTime.length).toBeGreaterThan(0);

    const { project, others } = await demo.store.projects.collection('pantacon', 'cultnetwork');
    const sources = await indicatorRepository(demo.store.db).sources(project, others, '2026-11-23');
    const summary = indicatorSummary(indicatorsIn(others), sources, '2026-11-23');
    expect(summary.indicators).toBe(indicators.length);
    expect(summary.items.filter((i) => i.progress.percent > 0).length).toBeGreaterThanOrEqual(5);
  });
});
