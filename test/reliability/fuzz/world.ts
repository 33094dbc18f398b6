// The world the fuzzer hits: the seeded demo behind the app, the OpenAPI document it serves, the
// real ids every path parameter can name, and a token for a caller allowed to call each operation.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../../dev/demo/demo-data';
import { demoCostId, demoLineId } from '../../../dev/demo/demo-money';
import { seedDemo } from '../../../dev/demo/seed';
import { POLICY } from '../../../shared/api/policy';
import { evidenceKey } from '../../../shared/files/layout';
import type { Role } from '../../../shared/domain/person';
import { createTestApi, type TestApi } from '../../support/api';

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  spec: OperationSpec;
}

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface OperationSpec {
  operationId?: string;
  parameters?: ParameterSpec[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

export type Schema = Record<string, any>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationSpec>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        operationId: item[method]!.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        spec: item[method]!,
      })),
    );
}

/** SHA-256 over every item of the table, in key order: equal digests, equal tables. */
export async function tableDigest(api: TestApi): Promise<string> {
  await api.exportQueue.idle();
  const lines: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await api.table.client.send(new ScanCommand({ TableName: api.table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) lines.push(stableJson(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Set) return stableJson([...value].sort());
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The app over a freshly seeded demo, with the real ids of one resource of every kind. */
export async function createWorld(api?: TestApi) {
  api ??= await createTestApi('2026-11-23T09:00:00Z');
  await seedDemo(api.store, api.clock);
  const asCoordinator = (method: string, path: string, body?: unknown) =>
    api.call(method, `/api/v1/consortia/${DEMO_CONSORTIUM_ID}${path}`, body, { as: COORDINATOR_PERSON_ID });

  const { body: page } = await asCoordinator('GET', '/projects/cultnetwork/deliverables?phaseId=offer&limit=100');
  const open = page.items.find((d: { status: string }) => d.status === 'in_progress');
  const { body: project } = await asCoordinator('GET', '/projects/cultnetwork');
  const other = project.partners.find((p: { memberId: string }) => p.memberId !== open.ownerMemberId);

  const asked = await asCoordinator('POST', '/projects/cultnetwork/exports', { formats: ['csv'], language: 'it' });
  await api.exportQueue.idle();
  const form = await asCoordinator('POST', `/projects/cultnetwork/deliverables/${open.id}/evidence-uploads`, { fileName: 'verbale.pdf', contentType: 'application/pdf', size: 4 });
  await api.files.put(evidenceKey({ consortiumId: DEMO_CONSORTIUM_ID, projectId: 'cultnetwork', deliverableId: open.id }, form.body.evidence), Buffer.from('%PDF'), 'application/pdf');
  // Named in the deliverable's log, so that its download link answers.
  await asCoordinator('POST', `/projects/cultnetwork/deliverables/${open.id}/log`, { note: 'Verbale', percent: open.reportedPercent, evidence: [form.body.evidence] });
  const shared = await asCoordinator('POST', `/projects/cultnetwork/exports/${asked.body.id}/share-links`, {});

  const ids: Record<string, string> = {
    consortiumId: DEMO_CONSORTIUM_ID,
    projectId: 'cultnetwork',
    phaseId: 'offer',
    deliverableId: open.id,
    memberId: open.ownerMemberId,
    funderId: project.funderId,
    personId: memberPersonId(other.memberId),
    exportId: asked.body.id,
    fileId: form.body.evidence.fileId,
    linkId: shared.body.link.id,
    trainingId: 'raccolta-fondi',
    sessionId: 'raccolta-fondi-1',
    offerId: 'o01',
    indicatorId: 'ore-formazione',
    budgetLineId: demoLineId(open.ownerMemberId, 'staff'),
    costId: demoCostId(open.ownerMemberId, 1),
    instalmentId: 'inst-3',
    contributionId: 'cf-aula-aperta-2',
  };
  const callers: Record<Role, string> = { coordinator: COORDINATOR_PERSON_ID, member: memberPersonId(open.ownerMemberId), funder: `person-${project.funderId}` };
  const { body: document } = await api.call('GET', '/api/openapi.json', undefined, { as: null });
  return { api, ids, callers, document: document as OpenApiDocument, shareToken: new URL(shared.body.url).hash.slice(1) };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A caller of an operation: a person of a role, or nobody (`null`, no token) for a public one. */
export interface Caller {
  role: Role | 'anyone';
  as: string | null;
}

/** Everyone the policy does not flatly deny the operation: the coordinator, the owning member, the project's funder. */
export function callersOf(world: World, operationId: string): Caller[] {
  const row = (POLICY as Record<string, Record<Role, string> | undefined>)[operationId];
  if (!row) return [{ role: 'anyone', as: null }]; // public (share.open): no token at all
  return (['coordinator', 'member', 'funder'] as const).filter((role) => row[role] !== 'deny' && row[role] !== 'hidden').map((role) => ({ role, as: world.callers[role] }));
}
