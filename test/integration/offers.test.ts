// Commercial offers through the API: terms, shares, the pipeline and its dates, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerSummary } from '../../shared/domain/offer';
import { collectionCountKey } from '../../shared/store/keys';
import { offersIn } from '../../shared/store/offers';
import { CONSORTIUM, addPerson, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
const MEMBER = 'member-alfa';
const FUNDER = 'funder-person';
const OTHER_FUNDER = 'other-funder-person';

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: MEMBER, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
  const { body: other } = await api.call('POST', `${v1}/funders`, { name: 'Altra Fondazione', orgId: 'IT-CF-20000000001', programme: 'Other' });
  await addPerson(api, { id: OTHER_FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: other.id });
});
afterAll(() => api.table.drop());

const offersPath = () => `${fixture.projectPath}/offers`;
const newOffer = async (fields: Record<string, unknown> = {}) => {
  const response = await api.call('POST', offersPath(), {
    title: 'Visite guidate ai palazzi', format: 'guided-tour package', clientType: 'private', clientName: 'Viaggi srl', valueCents: 1_000_000,
    participants: [{ memberId: fixture.members[0].id, shareBasisPoints: 6000 }, { memberId: fixture.members[1].id, shareBasisPoints: 4000 }],
    ...fields,
  });
  if (response.status !== 201) throw new Error(`offer: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};
const stage = (offer: { id: string }, body: Record<string, unknown>, as?: string) =>
  api.call('POST', `${offersPath()}/${offer.id}/stage`, body, as ? { as } : {});

describe('commercial offers', () => {
  it('start as drafts and move through the pipeline to won, with the date of each change', async () => {
    const offer = await newOffer();
    expect(offer).toMatchObject({ stage: 'draft', version: 1, stageHistory: [{ stage: 'draft', on: '2026-11-23' }] });
    expect((await stage(offer, { stage: 'proposed', on: '2026-11-20', version: 1 })).status).toBe(400);
    await stage(offer, { stage: 'proposed', version: 1 });
    await stage(offer, { stage: 'negotiating', version: 2 });
    const won = await stage(offer, { stage: 'won', version: 3 });
    expect(won.status).toBe(200);
    expect(won.body.stageHistory.map((s: { stage: string; on: string }) => [s.stage, s.on])).toEqual([
      ['draft', '2026-11-23'], ['proposed', '2026-11-23'], ['negotiating', '2026-11-23'], ['won', '2026-11-23'],
    ]);
    const audit = (await api.call('GET', `${fixture.projectPath}/audit?limit=1`)).body.items[0];
    expect(audit).toMatchObject({ entity: 'offer', entityId: offer.id, action: 'won', changes: { stage: { before: 'negotiating', after: 'won' } } });
  });

  it('answers 409 to a forbidden move, to a change of a won offer and to a stale version', async () => {
    const offer = await newOffer();
    const skip = await stage(offer, { stage: 'won', version: 1 });
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toMatch(/from draft to won/);
    expect((await api.call('PATCH', `${offersPath()}/${offer.id}`, { version: 1, valueCents: 5 })).status).toBe(200);
    expect((await api.call('PATCH', `${offersPath()}/${offer.id}`, { version: 1, valueCents: 6 })).status).toBe(409);
    await stage(offer, { stage: 'proposed', version: 2 });
    await stage(offer, { stage: 'lost', version: 3 });
    expect((await api.call('PATCH', `${offersPath()}/${offer.id}`, { version: 4, title: 'Again' })).status).toBe(409);
    expect((await stage(offer, { stage: 'negotiating', version: 4 })).status).toBe(409);
  });

  it('names the field when shares miss 100 %, a member is unknown or the value is negative', async () => {
    const short = await api.call('POST', offersPath(), {
      title: 'X', format: 'f', clientType: 'public', clientName: 'Comune', valueCents: 1,
      participants: [{ memberId: fixture.members[0].id, shareBasisPoints: 9000 }],
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'participants' })]);
    const unknown = await api.call('POST', offersPath(), {
      title: 'X', format: 'f', clientType: 'public', clientName: 'Comune', valueCents: 1,
      participants: [{ memberId: fixture.members[0].id, shareBasisPoints: 5000 }, { memberId: 'nobody', shareBasisPoints: 5000 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'participants.1.memberId' })]);
    const offer = await newOffer();
    const negative = await api.call('PATCH', `${offersPath()}/${offer.id}`, { version: 1, valueCents: -5, clientType: 'charity' });
    expect(negative.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['clientType', 'valueCents']);
    expect((await api.call('GET', `${offersPath()}/${offer.id}`)).body.version).toBe(1);
  });

  it('lists the project’s offers from its summary collection, whose totals agree with the list', async () => {
    const listed = (await api.call('GET', `${offersPath()}?limit=100`)).body.items;
    const { others } = await api.store.projects.collection(CONSORTIUM, fixture.project.id);
    expect(offersIn(others).map((o) => o.id).sort()).toEqual(listed.map((o: { id: string }) => o.id).sort());
    const summary = offerSummary(offersIn(others));
    expect(summary.offers).toBe(listed.length);
    expect(summary.wonCount).toBe(listed.filter((o: { stage: string }) => o.stage === 'won').length);
    const first = await api.call('GET', `${offersPath()}?limit=1`);
    const second = await api.call('GET', `${offersPath()}?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('keeps at most 200 offers per project', async () => {
    await api.store.db.putAll([{ ...collectionCountKey(CONSORTIUM, fixture.project.id, 'offers'), count: 200 }]);
    const refused = await api.call('POST', offersPath(), {
      title: 'X', format: 'f', clientType: 'public', clientName: 'Comune', valueCents: 1,
      participants: [{ memberId: fixture.members[0].id, shareBasisPoints: 10000 }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/at most 200 offers/);
    const listed = (await api.call('GET', `${offersPath()}?limit=100`)).body.items;
    await api.store.db.putAll([{ ...collectionCountKey(CONSORTIUM, fixture.project.id, 'offers'), count: listed.length }]);
  });

  it('lets members and the project’s funder read offers, and only coordinators change them', async () => {
    const offer = await newOffer();
    expect((await api.call('GET', `${offersPath()}/${offer.id}`, undefined, { as: MEMBER })).status).toBe(200);
    expect((await api.call('GET', offersPath(), undefined, { as: FUNDER })).status).toBe(200);
    expect((await api.call('GET', offersPath(), undefined, { as: OTHER_FUNDER })).status).toBe(404);
    expect((await stage(offer, { stage: 'proposed', version: 1 }, MEMBER)).status).toBe(403);
    expect((await stage(offer, { stage: 'proposed', version: 1 }, FUNDER)).status).toBe(403);
    expect((await api.call('PATCH', `${offersPath()}/${offer.id}`, { version: 1, title: 'X' }, { as: MEMBER })).status).toBe(403);
  });
});
