// Every operation of the OpenAPI document, called by every kind of caller on the seeded demo,
// answers as its row of POLICY says. The operations come from the document the app serves, so a
// route added without a policy row fails here, and so does a row left behind by a removed route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../dev/dev-issuer';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { demoCostId, demoLineId } from '../../dev/demo/demo-money';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { PERSONAL_OPERATIONS, POLICY, PUBLIC_OPERATIONS, type Rule } from '../../shared/api/policy';
import { documentKey, evidenceKey } from '../../shared/files/layout';
import type { Role } from '../../shared/domain/person';
import { addPerson, createTestApi, seedConsortium } from '../support/api';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  operationId: string;
  method: string;
  /** The documented path, e.g. `/api/v1/consortia/{consortiumId}/projects/{projectId}`. */
  path: string;
}

// The document is read while the tests are collected: one `it` per operation it lists.
const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());

const documentAnswer = await api.call('GET', '/api/openapi.json', undefined, { as: null });
if (documentAnswer.status !== 200) throw new Error(`GET /api/openapi.json answered ${documentAnswer.status}`);
const operations: Operation[] = Object.entries(documentAnswer.body.paths as Record<string, Record<string, { operationId?: string }>>)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      operationId: item[method]!.operationId ?? `(no operationId: ${method.toUpperCase()} ${path})`,
      method: method.toUpperCase(),
      path,
    })),
  );

const policy: Record<string, Record<Role, Rule> | undefined> = POLICY;

/** The real resources of the demo that the path parameters name; found in `beforeAll`. */
const ids = {
  consortiumId: DEMO_CONSORTIUM_ID,
  projectId: 'cultnetwork',
  phaseId: 'offer',
  deliverableId: '',
  memberId: '',
  funderId: '',
  personId: '',
  exportId: '',
  linkId: '',
  requestId: '',
  // Training paths, commercial offers and indicators
  trainingId: 'raccolta-fondi',
  sessionId: 'raccolta-fondi-1',
  offerId: 'o01',
  indicatorId: 'ore-formazione',
  // Budgets, costs, co-financing and payments: the line and cost of the owning member, found with it.
  get budgetLineId() { return this.memberId && demoLineId(this.memberId, 'staff'); },
  get costId() { return this.memberId && demoCostId(this.memberId, 1); },
  instalmentId: 'inst-3',
  contributionId: 'cf-aula-aperta-2',
};
/** Ids that depend on the operation: a file is named only under the record that owns it. */
const idsOf: Record<string, Record<string, string>> = {
  'deliverables.evidenceLink': { fileId: '' },
  'costs.documentLink': { costId: '', fileId: '' },
};
/** The people who call, by the part they play (filled in `beforeAll`, where the demo is read). */
const people = {
  coordinator: COORDINATOR_PERSON_ID,
  owningMember: '',
  otherMember: '',
  /** A member person of a cooperative that is a partner in no project. */
  outsideMember: 'person-outsider',
  projectFunder: '',
  unrelatedFunder: '',
  noMembership: 'person-without-membership',
  otherConsortiumCoordinator: 'othercoop-coordinator',
};
const tokens = { expired: '', otherKey: '' };
/** The resources the writes name, as read before any operation is called. */
const before: Record<string, unknown> = {};
const resourcePaths = () => [
  `/projects/${ids.projectId}`,
  `/projects/${ids.projectId}/phases/${ids.phaseId}`,
  `/projects/${ids.projectId}/deliverables/${ids.deliverableId}`,
  `/members/${ids.memberId}`,
  `/funders/${ids.funderId}`,
  `/people/${ids.personId}`,
];

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  await seedConsortium(api, 'othercoop');
  const asCoordinator = (path: string) => api.call('GET', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}${path}`, undefined, { as: COORDINATOR_PERSON_ID });

  // An open deliverable of cultnetwork in the active phase: its owner is the owning member.
  const { body: page } = await asCoordinator(`/projects/cultnetwork/deliverables?phaseId=offer&limit=100`);
  const open = page.items.find((d: { status: string }) => d.status === 'in_progress');
  expect(open, 'the demo has an in_progress deliverable in cultnetwork/offer').toBeDefined();
  ids.deliverableId = open.id;
  ids.memberId = open.ownerMemberId;
  people.owningMember = memberPersonId(open.ownerMemberId);

  const { body: cultnetwork } = await asCoordinator('/projects/cultnetwork');
  const { body: museilab } = await asCoordinator('/projects/museilab');
  const other = cultnetwork.partners.find((p: { memberId: string }) => p.memberId !== open.ownerMemberId);
  people.otherMember = memberPersonId(other.memberId);
  ids.funderId = cultnetwork.funderId;
  ids.personId = people.otherMember;
  people.projectFunder = funderPersonId(cultnetwork.funderId);
  expect(museilab.funderId).not.toBe(cultnetwork.funderId);
  people.unrelatedFunder = funderPersonId(museilab.funderId);

  // A cooperative that joined and is a partner in nothing yet, with one person.
  const outsider = await api.call('POST', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/members`, {
    name: 'Cooperativa Esterna', sector: 'culture', orgId: 'IT-CF-19999999999', status: 'active',
  }, { as: COORDINATOR_PERSON_ID });
  expect(outsider.status).toBe(201);
  await addPerson(api, { id: people.outsideMember, consortiumId: DEMO_CONSORTIUM_ID, role: 'member', memberId: outsider.body.id });

  // Every role-based caller really has the role it plays here.
  const roles = {
    coordinator: 'coordinator', owningMember: 'member', otherMember: 'member', outsideMember: 'member', projectFunder: 'funder', unrelatedFunder: 'funder',
  } as const;
  for (const [part, role] of Object.entries(roles)) {
    const person = await asCoordinator(`/people/${people[part as keyof typeof roles]}`);
    expect(person.status, part).toBe(200);
    expect(person.body.role, part).toBe(role);
  }

  const cost = await asCoordinator(`/projects/cultnetwork/costs/${ids.costId}`);
  expect(cost.body.status, 'the cost the operations name is approved, for the funder to read').toBe('approved');

  tokens.expired = await api.issuer.sign(COORDINATOR_PERSON_ID, { expiresInSeconds: -60 });
  // The same issuer and client id, another key: only the signature is wrong.
  const impostor = await createDevIssuer(api.issuer.issuer, api.issuer.clientId);
  tokens.otherKey = await impostor.sign(COORDINATOR_PERSON_ID);

  // An export of cultnetwork, marked as submitted to its funder (as the delivery issue will), so
  // that the funder may read it.
  const asked = await api.call('POST', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/projects/cultnetwork/exports`, { formats: ['csv'], language: 'it' }, { as: COORDINATOR_PERSON_ID });
  expect(asked.status).toBe(202);
  ids.exportId = asked.body.id;
  await api.exportQueue.idle();
  const done = await api.store.exports.get(DEMO_CONSORTIUM_ID, 'cultnetwork', ids.exportId);
  await api.store.exports.advance(done, { submittedAt: api.clock.now().toISOString() }, api.clock.now().toISOString());

  // An uploaded evidence file of the deliverable, named in its log, for the evidence link.
  const project = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/projects/cultnetwork`;
  const form = await api.call('POST', `${project}/deliverables/${ids.deliverableId}/evidence-uploads`, { fileName: 'verbale.pdf', contentType: 'application/pdf', size: 4 }, { as: COORDINATOR_PERSON_ID });
  expect(form.status).toBe(201);
  const evidence = form.body.evidence;
  await api.files.put(evidenceKey({ consortiumId: DEMO_CONSORTIUM_ID, projectId: 'cultnetwork', deliverableId: ids.deliverableId }, evidence), Buffer.from('%PDF'), 'application/pdf');
  const logged = await api.call('POST', `${project}/deliverables/${ids.deliverableId}/log`, { note: 'Verbale', percent: open.reportedPercent, evidence: [evidence] }, { as: COORDINATOR_PERSON_ID });
  expect(logged.status).toBe(200);
  idsOf['deliverables.evidenceLink'] = { fileId: evidence.fileId };

  // An uploaded document of an approved cost of the owning member (which the project's funder may read), for the document link.
  const upload = await api.call('POST', `${project}/budget/lines/${ids.budgetLineId}/document-uploads`, { fileName: 'fattura.pdf', contentType: 'application/pdf', size: 4 }, { as: people.owningMember });
  expect(upload.status).toBe(201);
  const document = upload.body.evidence;
  await api.files.put(documentKey({ consortiumId: DEMO_CONSORTIUM_ID, projectId: 'cultnetwork', memberId: ids.memberId }, document), Buffer.from('%PDF'), 'application/pdf');
  const reported = await api.call('POST', `${project}/budget/lines/${ids.budgetLineId}/costs`, { date: '2026-11-02', description: 'Fattura', supplier: 'Studio Rossi', amountCents: 1_000, documents: [document] }, { as: people.owningMember });
  expect(reported.status).toBe(201);
  const submitted = await api.call('POST', `${project}/costs/${reported.body.id}/submit`, { version: reported.body.version }, { as: people.owningMember });
  const approved = await api.call('POST', `${project}/costs/${reported.body.id}/review`, { version: submitted.body.version, decision: 'approved' }, { as: COORDINATOR_PERSON_ID });
  expect(approved.status).toBe(200);
  idsOf['costs.documentLink'] = { costId: reported.body.id, fileId: document.fileId };

  // A share link of that export, for its revocation.
  const shared = await api.call('POST', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/projects/cultnetwork/exports/${ids.exportId}/share-links`, {}, { as: COORDINATOR_PERSON_ID });
  expect(shared.status).toBe(201);
  ids.linkId = shared.body.link.id;

  // A coordinator's request for the data of a person of the consortium, for reading it.
  const privacy = await api.call('POST', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/privacy/requests`, { kind: 'export', personId: people.otherMember }, { as: COORDINATOR_PERSON_ID });
  expect(privacy.status).toBe(202);
  ids.requestId = privacy.body.id;
  await api.exportQueue.idle();

  for (const path of resourcePaths()) before[path] = (await asCoordinator(path)).body;
});

type Caller =
  | 'no token'
  | 'expired token'
  | 'token of another key'
  | 'coordinator'
  | 'owning member'
  | 'other member'
  | 'member of no project'
  | 'funder of the project'
  | 'unrelated funder'
  | 'person without membership'
  | 'coordinator of another consortium';

const CALLERS: Caller[] = [
  'no token', 'expired token', 'token of another key', 'coordinator', 'owning member', 'other member',
  'member of no project', 'funder of the project', 'unrelated funder', 'person without membership', 'coordinator of another consortium',
];

function optionsOf(caller: Caller): { as?: string | null; token?: string } {
  switch (caller) {
    case 'no token': return { as: null };
    case 'expired token': return { token: tokens.expired };
    case 'token of another key': return { token: tokens.otherKey };
    case 'coordinator': return { as: people.coordinator };
    case 'owning member': return { as: people.owningMember };
    case 'other member': return { as: people.otherMember };
    case 'member of no project': return { as: people.outsideMember };
    case 'funder of the project': return { as: people.projectFunder };
    case 'unrelated funder': return { as: people.unrelatedFunder };
    case 'person without membership': return { as: people.noMembership };
    case 'coordinator of another consortium': return { as: people.otherConsortiumCoordinator };
  }
}

/**
 * What the caller must get: a refusal (401, 403 or 404), or an answer past authorization. Reads
 * of real resources answer 200; writes get a body (or query) that fails validation, so they answer
 * 400 and change nothing, whatever order the operations run in.
 */
function expected(caller: Caller, row: Record<Role, Rule>, operation: Operation): string {
  const passed = operation.method === 'GET' ? 'answered 200' : 'answered 400';
  // A public operation takes no token at all: every caller gets past it.
  if (operation.operationId in PUBLIC_OPERATIONS) return passed;
  // A personal operation needs a valid token and nothing else: it answers the caller's own items.
  if (operation.operationId in PERSONAL_OPERATIONS) return ['no token', 'expired token', 'token of another key'].includes(caller) ? 'refused 401' : passed;
  // Inside a project, a caller who may not see it gets what a missing project gets.
  const inProject = operation.path.includes('{projectId}');
  /** `mine`: the resource is the caller's own (its member's), or one its role may read. */
  const byRule = (rule: Rule, mine: boolean) => {
    switch (rule) {
      case 'allow': return passed;
      case 'deny': return 'refused 403';
      case 'hidden': return 'refused 404';
      case 'own-member':
      case 'own-deliverable':
        return mine ? passed : 'refused 403';
      case 'own-budget-line':
      case 'own-cost':
      case 'approved-cost':
        return mine ? passed : 'refused 404';
    }
  };
  switch (caller) {
    case 'no token':
    case 'expired token':
    case 'token of another key':
      return 'refused 401';
    case 'person without membership':
    case 'coordinator of another consortium':
      return 'refused 404';
    case 'coordinator': return byRule(row.coordinator, true);
    case 'owning member': return byRule(row.member, true);
    case 'other member': return byRule(row.member, false);
    // The outsider takes part in no offer of the project either.
    case 'member of no project': return inProject ? 'refused 404' : byRule(row.member, false);
    // The cost the operations name is approved: the project's funder may read it.
    case 'funder of the project': return byRule(row.funder, true);
    case 'unrelated funder': return inProject ? 'refused 404' : byRule(row.funder, false);
  }
}

function urlOf(operation: Operation): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = idsOf[operation.operationId]?.[name] ?? (ids as Record<string, string>)[name];
    if (!value) throw new Error(`${operation.operationId}: the test knows no value for the path parameter {${name}}; add one to \`ids\``);
    return encodeURIComponent(value);
  });
}

/** `{}` fails every write schema (a version or required fields are missing) but the all-optional submit's, which is strict. */
function bodyOf(operation: Operation): unknown {
  if (operation.method === 'GET' || operation.method === 'DELETE') return undefined;
  // Bodies whose every field is optional take `{}`: an unknown field fails them instead.
  return ['deliverables.submit', 'share.create', 'me.dataExport'].includes(operation.operationId) ? { unknownField: true } : {};
}

describe('the access policy', () => {
  it('covers the document: at least 24 operations, each with an operation id', () => {
    expect(operations.length).toBeGreaterThanOrEqual(24);
    expect(operations.filter((operation) => operation.operationId.startsWith('(no operationId'))).toEqual([]);
  });

  it('has no row for an operation the document does not list', () => {
    const documented = new Set(operations.map((operation) => operation.operationId));
    const stale = Object.keys(POLICY).filter((operationId) => !documented.has(operationId));
    expect(stale, 'POLICY rows whose operation the OpenAPI document does not list (remove them)').toEqual([]);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s answers each caller as the policy says',
    async (_, operation) => {
      const row = policy[operation.operationId];
      if (!row) {
        expect.fail(`${operation.method} ${operation.path} has operationId ${operation.operationId}, which has no row in POLICY (shared/api/policy.ts)`);
      }
      const url = urlOf(operation);
      const answers = await Promise.all(
        CALLERS.map(async (caller) => ({ caller, answer: await api.call(operation.method, url, bodyOf(operation), optionsOf(caller)) })),
      );
      const actual: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      const details: string[] = [];
      for (const { caller, answer } of answers) {
        const refused = [401, 403, 404].includes(answer.status);
        actual[caller] = `${refused ? 'refused' : 'answered'} ${answer.status}`;
        wanted[caller] = expected(caller, row, operation);
        if (refused && answer.headers.get('content-type') !== 'application/problem+json') {
          actual[caller] += ` (as ${answer.headers.get('content-type')}, not application/problem+json)`;
        }
        details.push(`  ${caller}: ${answer.status} ${answer.body?.detail ?? ''}`);
      }
      expect(
        actual,
        `${operation.method} ${url} (${operation.operationId}; coordinator ${row.coordinator}, member ${row.member}, funder ${row.funder}):\n${details.join('\n')}\n`,
      ).toEqual(wanted);
    },
  );

  it('lists to a funder only the projects its funder funds', async () => {
    const titles = async (as: string) => {
      const { status, body } = await api.call('GET', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/projects?limit=100`, undefined, { as });
      expect(status).toBe(200);
      return body.items.map((project: { id: string }) => project.id);
    };
    expect(await titles(people.coordinator)).toEqual(expect.arrayContaining(['cultnetwork', 'museilab']));
    const ofProjectFunder = await titles(people.projectFunder);
    expect(ofProjectFunder).toContain('cultnetwork');
    expect(ofProjectFunder).not.toContain('museilab');
    const ofUnrelatedFunder = await titles(people.unrelatedFunder);
    expect(ofUnrelatedFunder).toContain('museilab');
    expect(ofUnrelatedFunder).not.toContain('cultnetwork');
  });

  it('changed none of the resources it called the writes on', async () => {
    for (const path of resourcePaths()) {
      const { body } = await api.call('GET', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}${path}`, undefined, { as: people.coordinator });
      expect(body, path).toEqual(before[path]);
    }
  });
});
