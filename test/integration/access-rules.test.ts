// The access rules of docs/api.md ("Who may do what"), written here by hand and not derived from
// the policy table: every operation of the document, as six identities of the seeded demo. Reads
// of real resources answer 200 when allowed; writes get a body that fails validation, so that an
// allowed one answers 400 and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { demoCostId, demoLineId } from '../../dev/demo/demo-money';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { describeCalls, installCallCounter } from '../../bench/lib/call-counter';
import { MEMBERSHIP_CACHE_MILLIS } from '../../shared/api/access';
import { addPerson, createTestApi } from '../support/api';

const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());
const counter = installCallCounter(api.table.client);
const consortium = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}`;

/** The six: the coordinator, two partner members of cultnetwork, a member of no project, its funder and another funder. */
const WHO = ['coordinator', 'owner', 'partner', 'outsider', 'funder', 'other funder'] as const;
type Who = (typeof WHO)[number];
const as: Record<Who, string> = {
  coordinator: COORDINATOR_PERSON_ID,
  owner: memberPersonId('sentieri-gonzagheschi'),
  partner: memberPersonId('note-sul-po'),
  outsider: 'person-outside-every-project',
  funder: funderPersonId('fondazione-mincio'),
  'other funder': funderPersonId('fondo-regionale'),
};

/** `ok`: past the access rules (200 for a read, 400 for the invalid write); else the refusal. */
type Answer = 'ok' | 403 | 404;
const everyone: Answer[] = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const coordinatorOnly: Answer[] = ['ok', 403, 403, 403, 403, 403];
const ownMemberOnly: Answer[] = ['ok', 'ok', 403, 403, 403, 403];
const trainingReaders: Answer[] = ['ok', 'ok', 'ok', 'ok', 403, 403];
// Inside cultnetwork: the outsider and the other funder may not see it at all.
const projectReaders: Answer[] = ['ok', 'ok', 'ok', 404, 'ok', 404];
const projectWriters: Answer[] = ['ok', 403, 403, 404, 403, 404];
const ownDeliverable: Answer[] = ['ok', 'ok', 403, 404, 403, 404];
const withoutMembers: Answer[] = ['ok', 403, 403, 404, 'ok', 404];
const ownMoneyRead: Answer[] = ['ok', 'ok', 404, 404, 'ok', 404];
const ownMoneyWrite: Answer[] = ['ok', 'ok', 404, 404, 403, 404];
// A person's data: only coordinators, and a 404 to the others.
const coordinatorOnlyHidden: Answer[] = ['ok', 404, 404, 404, 404, 404];

const RULES: Record<string, Answer[]> = {
  'consortium.get': everyone,
  'members.list': everyone,
  'members.get': everyone,
  'members.create': coordinatorOnly,
  'members.update': ownMemberOnly,
  'members.deliverables': ownMemberOnly,
  'funders.list': everyone,
  'funders.get': everyone,
  'funders.create': coordinatorOnly,
  'funders.update': coordinatorOnly,
  'projects.list': everyone,
  'projects.create': coordinatorOnly,
  'people.list': coordinatorOnly,
  'people.get': coordinatorOnly,
  'people.invite': coordinatorOnly,
  'people.update': coordinatorOnly,
  'people.remove': coordinatorOnly,
  'people.preferences': everyone,
  'notifications.list': everyone,
  'notifications.markRead': everyone,
  'audit.consortium': coordinatorOnly,
  'audit.consortiumVerify': coordinatorOnly,
  'me.get': everyone,
  'me.dataExport': everyone,
  'me.dataList': everyone,
  'privacy.create': coordinatorOnlyHidden,
  'privacy.list': coordinatorOnlyHidden,
  'privacy.get': coordinatorOnlyHidden,
  'privacy.erasures': coordinatorOnlyHidden,
  'share.open': everyone,
  'training.list': trainingReaders,
  'training.members': trainingReaders,
  'training.get': trainingReaders,
  'training.sessions': trainingReaders,
  'training.attendanceList': trainingReaders,
  'training.create': coordinatorOnly,
  'training.update': coordinatorOnly,
  'training.sessionCreate': coordinatorOnly,
  'training.sessionUpdate': coordinatorOnly,
  'training.attend': ownMemberOnly,
  'training.unattend': ownMemberOnly,

  'projects.get': projectReaders,
  'projects.overview': projectReaders,
  'projects.update': projectWriters,
  'projects.copy': projectWriters,
  'phases.list': projectReaders,
  'phases.get': projectReaders,
  'phases.create': projectWriters,
  'phases.update': projectWriters,
  'phases.reorder': projectWriters,
  'deliverables.list': projectReaders,
  'deliverables.get': projectReaders,
  'deliverables.logList': projectReaders,
  'deliverables.evidenceLink': projectReaders,
  'deliverables.create': projectWriters,
  'deliverables.update': projectWriters,
  'deliverables.remove': projectWriters,
  'deliverables.review': projectWriters,
  'deliverables.logProgress': ownDeliverable,
  'deliverables.submit': ownDeliverable,
  'deliverables.evidenceUpload': ownDeliverable,
  'audit.project': projectWriters,
  'audit.projectVerify': projectWriters,
  'training.ofProject': projectReaders,
  'offers.list': projectReaders,
  'offers.get': projectReaders,
  'offers.create': projectWriters,
  'offers.update': projectWriters,
  'offers.stage': projectWriters,
  'indicators.list': projectReaders,
  'indicators.get': projectReaders,
  'indicators.create': projectWriters,
  'indicators.update': projectWriters,
  'indicators.addActual': projectWriters,
  // Exports hold every partner's costs: coordinators and the funder (what was submitted to it).
  'exports.list': withoutMembers,
  'exports.get': withoutMembers,
  'exports.create': projectWriters,
  'exports.submit': projectWriters,
  'exports.delete': projectWriters,
  'share.create': projectWriters,
  'share.list': projectWriters,
  'share.revoke': projectWriters,
  // Money: lists and totals are narrowed, single lines and costs of another member are not there.
  'budget.get': projectReaders,
  'money.summary': projectReaders,
  'costs.list': projectReaders,
  'cofinancing.list': projectReaders,
  'instalments.list': projectReaders,
  'receipts.list': projectReaders,
  'paymentRequests.list': withoutMembers,
  'budget.getLine': ownMoneyRead,
  'costs.get': ownMoneyRead,
  'costs.documentLink': ownMoneyRead,
  'costs.create': ownMoneyWrite,
  'costs.documentUpload': ownMoneyWrite,
  'costs.update': ownMoneyWrite,
  'costs.submit': ownMoneyWrite,
  'budget.createLine': projectWriters,
  'budget.updateLine': projectWriters,
  'costs.review': projectWriters,
  'costs.reverse': projectWriters,
  'cofinancing.create': projectWriters,
  'cofinancing.reverse': projectWriters,
  'instalments.create': projectWriters,
  'instalments.update': projectWriters,
  'paymentRequests.create': projectWriters,
  'receipts.create': projectWriters,
};

/** The owner's resources that the paths name. */
const ids: Record<string, string> = {
  consortiumId: DEMO_CONSORTIUM_ID,
  projectId: 'cultnetwork',
  phaseId: 'offer',
  memberId: 'sentieri-gonzagheschi',
  funderId: 'fondazione-mincio',
  personId: memberPersonId('note-sul-po'),
  trainingId: 'raccolta-fondi',
  sessionId: 'raccolta-fondi-1',
  offerId: 'o01',
  indicatorId: 'ore-formazione',
  budgetLineId: demoLineId('sentieri-gonzagheschi', 'staff'),
  costId: demoCostId('sentieri-gonzagheschi', 1),
  instalmentId: 'inst-3',
  contributionId: 'cf-aula-aperta-2',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const document = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
const operations = Object.entries(document.paths as Record<string, Record<string, { operationId: string }>>)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => ({ id: item[method]!.operationId, method: method.toUpperCase(), path })));

/** Posts a file with its upload form, as a browser would. */
async function upload(form: { url: string; fields: Record<string, string> }, content: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([content], { type: 'application/pdf' }), 'file.pdf');
  return api.app.request(form.url.replace(/^http:\/\/localhost/, ''), { method: 'POST', body });
}

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  const asCoordinator = (method: string, path: string, body?: unknown) => api.call(method, `${consortium}${path}`, body, { as: COORDINATOR_PERSON_ID });

  // The owner's open deliverable in the active phase.
  const { body: page } = await asCoordinator('GET', '/members/sentieri-gonzagheschi/deliverables?limit=100');
  const open = page.items.find((d: { projectId: string; status: string }) => d.projectId === 'cultnetwork' && d.status === 'in_progress');
  expect(open, 'the owner has an in_progress deliverable in cultnetwork').toBeDefined();
  ids.deliverableId = open.id;
  expect((await asCoordinator('GET', `/projects/cultnetwork/costs/${ids.costId}`)).body.status).toBe('approved');

  // A member that joined and is a partner in no project, and takes part in no offer.
  const outsider = await asCoordinator('POST', '/members', { name: 'Cooperativa Esterna', sector: 'culture', orgId: 'IT-CF-19999999999', status: 'active' });
  await addPerson(api, { id: as.outsider, consortiumId: DEMO_CONSORTIUM_ID, role: 'member', memberId: outsider.body.id });

  // An export submitted to the funder, and a share link of it.
  const asked = await asCoordinator('POST', '/projects/cultnetwork/exports', { formats: ['json'], language: 'en' });
  ids.exportId = asked.body.id;
  await api.exportQueue.idle();
  const done = await asCoordinator('GET', `/projects/cultnetwork/exports/${ids.exportId}`);
  expect((await asCoordinator('POST', `/projects/cultnetwork/exports/${ids.exportId}/submission`, { version: done.body.version })).status).toBe(200);
  ids.linkId = (await asCoordinator('POST', `/projects/cultnetwork/exports/${ids.exportId}/share-links`, {})).body.link.id;
  // A request for the data of a person of the consortium, for reading it.
  const privacy = await asCoordinator('POST', '/privacy/requests', { kind: 'export', personId: as.partner });
  expect(privacy.status).toBe(202);
  ids.requestId = privacy.body.id;
  await api.exportQueue.idle();

  // An evidence file of the deliverable, named in its log.
  const form = await asCoordinator('POST', `/projects/cultnetwork/deliverables/${ids.deliverableId}/evidence-uploads`, { fileName: 'verbale.pdf', contentType: 'application/pdf', size: 4 });
  expect((await upload(form.body.form, '%PDF')).status).toBe(204);
  expect((await api.call('POST', `${consortium}/projects/cultnetwork/deliverables/${ids.deliverableId}/log`, { note: 'Verbale', percent: 60, evidence: [form.body.evidence] }, { as: as.owner })).status).toBe(200);
  idsOf['deliverables.evidenceLink'] = { fileId: form.body.evidence.fileId };

  // An approved cost of the owner with an uploaded document, which the funder may read too.
  const line = `/projects/cultnetwork/budget/lines/${ids.budgetLineId}`;
  const documentForm = await api.call('POST', `${consortium}${line}/document-uploads`, { fileName: 'fattura.pdf', contentType: 'application/pdf', size: 4 }, { as: as.owner });
  expect((await upload(documentForm.body.form, '%PDF')).status).toBe(204);
  const reported = await api.call('POST', `${consortium}${line}/costs`, {
    date: '2026-11-02', description: 'Fattura', supplier: 'Studio Rossi', amountCents: 1_000, documents: [documentForm.body.evidence],
  }, { as: as.owner });
  expect(reported.status).toBe(201);
  const costPath = `/projects/cultnetwork/costs/${reported.body.id}`;
  await api.call('POST', `${consortium}${costPath}/submit`, { version: 1 }, { as: as.owner });
  expect((await asCoordinator('POST', `${costPath}/review`, { version: 2, decision: 'approved' })).status).toBe(200);
  idsOf['costs.documentLink'] = { costId: reported.body.id, fileId: documentForm.body.evidence.fileId };
});

/** Ids that one operation names apart: a file is reached through its own record only. */
const idsOf: Record<string, Record<string, string>> = {};

const urlOf = (id: string, path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = idsOf[id]?.[name] ?? ids[name];
    if (!value) throw new Error(`no id for {${name}}`);
    return value;
  });

/** A body every write refuses: required fields missing, or an unknown field where all are optional. */
const invalidBody = (id: string, method: string) =>
  method === 'GET' || method === 'DELETE' ? undefined : ['deliverables.submit', 'share.create', 'me.dataExport'].includes(id) ? { unknownField: true } : {};

describe('the access rules of docs/api.md', () => {
  it('have a row for every operation of the document, and none for another', () => {
    expect(operations.map((operation) => operation.id).filter((id) => !RULES[id]), 'operations without a hand-written row').toEqual([]);
    expect(Object.keys(RULES).filter((id) => !operations.some((operation) => operation.id === id)), 'rows of no operation').toEqual([]);
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))('%s answers the six as the rules say', async (_, operation) => {
    const rules = RULES[operation.id];
    if (!rules) return expect.fail(`${operation.id} has no row`);
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const [index, who] of WHO.entries()) {
      const answer = await api.call(operation.method, urlOf(operation.id, operation.path), invalidBody(operation.id, operation.method), { as: as[who] });
      const rule = rules[index]!;
      wanted[who] = rule === 'ok' ? (operation.method === 'GET' ? '200' : '400') : String(rule);
      actual[who] = `${answer.status}${answer.status >= 400 && answer.status !== 400 ? ` ${answer.body?.detail}` : ''}`;
      if (actual[who]!.startsWith(wanted[who]!)) actual[who] = wanted[who]!;
    }
    expect(actual, `${operation.method} ${operation.path}`).toEqual(wanted);
  });
});

describe('what each one sees of a project it may read', () => {
  const read = async (who: Who, path: string) => {
    const answer = await api.call('GET', `${consortium}${path}`, undefined, { as: as[who] });
    return { status: answer.status, body: answer.body };
  };
  type Owned = { memberId: string };
  const membersOf = (items: Owned[]) => [...new Set(items.map((item) => item.memberId))];

  it("gives a member its own member's lines, costs and contributions, and the project's totals", async () => {
    const whole = await read('coordinator', '/projects/cultnetwork/budget');
    const own = await read('owner', '/projects/cultnetwork/budget');
    expect(membersOf(whole.body.lines).length).toBeGreaterThan(1);
    expect(membersOf(own.body.lines)).toEqual(['sentieri-gonzagheschi']);
    expect(membersOf(own.body.byPartner)).toEqual(['sentieri-gonzagheschi']);
    expect(own.body.totals).toEqual(whole.body.totals);

    const money = await read('owner', '/projects/cultnetwork/money');
    expect(membersOf(money.body.partners)).toEqual(['sentieri-gonzagheschi']);
    expect(money.body.spending).toEqual((await read('coordinator', '/projects/cultnetwork/money')).body.spending);

    const costs = await read('owner', '/projects/cultnetwork/costs?limit=100');
    expect(costs.body.items.length).toBeGreaterThan(0);
    expect(membersOf(costs.body.items)).toEqual(['sentieri-gonzagheschi']);
    const ofAnotherLine = await read('owner', `/projects/cultnetwork/costs?budgetLineId=${demoLineId('note-sul-po', 'staff')}`);
    expect(ofAnotherLine.status).toBe(404);

    const everyContribution = (await read('coordinator', '/projects/cultnetwork/cofinancing?limit=100')).body.items as Owned[];
    const ofAulaAperta = await api.call('GET', `${consortium}/projects/cultnetwork/cofinancing?limit=100`, undefined, { as: memberPersonId('aula-aperta') });
    expect(membersOf(everyContribution).length).toBeGreaterThan(1);
    expect(membersOf(ofAulaAperta.body.items)).toEqual(['aula-aperta']);
  });

  it('gives a funder approved money only, and a draft cost answers it as a missing one', async () => {
    const costs = (await read('funder', '/projects/cultnetwork/costs?limit=100')).body.items as { status: string }[];
    expect(costs.length).toBeGreaterThan(0);
    expect(new Set(costs.map((cost) => cost.status))).toEqual(new Set(['approved']));
    const draft = demoCostId('sentieri-gonzagheschi', 5);
    expect((await read('coordinator', `/projects/cultnetwork/costs/${draft}`)).body.status).toBe('draft');
    const refused = await read('funder', `/projects/cultnetwork/costs/${draft}`);
    const missing = await read('funder', '/projects/cultnetwork/costs/nope');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ ...missing.body, detail: missing.body.detail.replace('nope', draft) });

    expect((await read('coordinator', '/projects/cultnetwork/money')).body.spending.submittedCents).toBeGreaterThan(0);
    expect((await read('funder', '/projects/cultnetwork/money')).body.spending.submittedCents).toBe(0);
    expect((await read('funder', '/projects/cultnetwork/overview')).body.money.spending.submittedCents).toBe(0);
    expect((await read('funder', '/projects/cultnetwork/budget')).body.totals.submittedCents).toBe(0);
  });

  it("answers a funder on another funder's project exactly as on a missing one", async () => {
    for (const path of ['', '/overview', '/deliverables', '/budget', '/costs', '/exports']) {
      const refused = await read('other funder', `/projects/cultnetwork${path}`);
      const missing = await read('other funder', `/projects/nope${path}`);
      expect(refused.status, path).toBe(404);
      expect(refused.body, path).toEqual({ ...missing.body, detail: missing.body.detail.replace('nope', 'cultnetwork') });
    }
  });

  it('lists to a member only the projects it is a partner in', async () => {
    const ids = async (who: Who) => (await read(who, '/projects?limit=100')).body.items.map((project: { id: string }) => project.id);
    expect(await ids('owner')).toEqual(['cultnetwork']);
    expect(await ids('outsider')).toEqual([]);
    expect(await ids('coordinator')).toEqual(expect.arrayContaining(['cultnetwork', 'museilab']));
  });

  it('shows a member an offer it takes part in outside its projects, and nothing else of that project', async () => {
    const joined = await api.call('POST', `${consortium}/members`, { name: 'Cooperativa Ospite', sector: 'culture', orgId: 'IT-CF-18888888888', status: 'active' }, { as: COORDINATOR_PERSON_ID });
    const guest = 'person-guest-in-an-offer';
    await addPerson(api, { id: guest, consortiumId: DEMO_CONSORTIUM_ID, role: 'member', memberId: joined.body.id });
    const offer = await api.call('POST', `${consortium}/projects/cultnetwork/offers`, {
      title: 'Visite con ospiti', format: 'visite guidate', clientType: 'private', clientName: 'Agenzia', valueCents: 100_000,
      participants: [{ memberId: joined.body.id, shareBasisPoints: 4000 }, { memberId: 'mincio-musei', shareBasisPoints: 6000 }],
    }, { as: COORDINATOR_PERSON_ID });
    expect(offer.status).toBe(201);
    const asGuest = (path: string) => api.call('GET', `${consortium}/projects${path}`, undefined, { as: guest });

    expect((await asGuest(`/cultnetwork/offers/${offer.body.id}`)).status).toBe(200);
    const list = await asGuest('/cultnetwork/offers');
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([offer.body.id]);
    for (const path of ['/cultnetwork', '/cultnetwork/offers/o01', '/cultnetwork/deliverables', '/cultnetwork/money', '/museilab/offers']) {
      expect((await asGuest(path)).status, path).toBe(404);
    }
  });
});

describe('the partner check', () => {
  it('costs no read per request: the project is read again only when the cache has expired', async () => {
    const phases = () => api.call('GET', `${consortium}/projects/cultnetwork/phases`, undefined, { as: as.partner });
    api.clock.set('2026-11-23T10:00:00Z');
    const cold = await counter.during(phases);
    const warm = await counter.during(phases);
    expect(cold.result.status).toBe(200);
    expect(warm.result.status).toBe(200);
    // The route itself is one Query of the project's collection; the cold call also read the membership, consortium and project.
    expect(describeCalls(warm.calls)).toBe('Query×1');
    expect(describeCalls(cold.calls)).toBe('GetItem×3, Query×1');
    // Past the membership's time (the consortium is cached a little longer): the membership and the project again.
    api.clock.set(new Date(Date.parse('2026-11-23T10:00:00Z') + MEMBERSHIP_CACHE_MILLIS + 1).toISOString());
    expect(describeCalls((await counter.during(phases)).calls)).toBe('GetItem×2, Query×1');
  });

  it('sees a partner added at once, and loses sight of a partner removed once the cache has expired', async () => {
    const outsiderMember = (await api.call('GET', `${consortium}/people/${as.outsider}`, undefined, { as: COORDINATOR_PERSON_ID })).body.memberId;
    const project = () => api.call('GET', `${consortium}/projects/museilab`, undefined, { as: as.outsider });
    expect((await project()).status).toBe(404);
    const current = (await api.call('GET', `${consortium}/projects/museilab`, undefined, { as: COORDINATOR_PERSON_ID })).body;
    const partners = [...current.partners, { memberId: outsiderMember, role: 'partner', budgetShareCents: 0 }];
    const added = await api.call('PATCH', `${consortium}/projects/museilab`, { version: current.version, partners }, { as: COORDINATOR_PERSON_ID });
    expect(added.status).toBe(200);
    expect((await project()).status).toBe(200);

    const removed = await api.call('PATCH', `${consortium}/projects/museilab`, { version: added.body.version, partners: current.partners }, { as: COORDINATOR_PERSON_ID });
    expect(removed.status).toBe(200);
    api.clock.set(new Date(api.clock.now().getTime() + MEMBERSHIP_CACHE_MILLIS + 1).toISOString());
    expect((await project()).status).toBe(404);
  });
});
