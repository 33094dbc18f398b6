// The API's limits: bodies above MAX_BODY_BYTES answer 413 (uploads keep their form's own limit),
// list limits are bounded, every string a request can carry has a maximum length, and a project's
// partners fit in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/api/app';
import { MAX_PARTNERS_PER_PROJECT } from '../../shared/domain/project';
import { COORDINATOR, addDeliverable, createFixture, createTestApi, v1, type Fixture } from '../support/api';
import { operationsOf, type OpenApiDocument, type Schema } from './fuzz/world';

const api = await createTestApi();
let fixture: Fixture;
let document: OpenApiDocument;
beforeAll(async () => {
  fixture = await createFixture(api);
  document = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
});
afterAll(() => api.table.drop());

/** Strings whose length nothing bounds, with where they are: `ProjectCreate.objectives[]`. */
function unboundedStrings(schema: Schema, where: string, components: Record<string, Schema>, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    const id = String(schema.$ref).replace('#/components/schemas/', '');
    if (seen.has(id)) return [];
    return unboundedStrings(components[id]!, id, components, new Set([...seen, id]));
  }
  const nested = [
    ...(schema.anyOf ?? []).map((option: Schema) => unboundedStrings(option, where, components, seen)).flat(),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => unboundedStrings(property as Schema, `${where}.${name}`, components, seen)),
    ...(schema.items ? unboundedStrings(schema.items, `${where}[]`, components, seen) : []),
  ];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string')) return nested;
  // A pattern bounds the length when it is anchored and repeats nothing without an upper bound.
  const boundedPattern = typeof schema.pattern === 'string' && /^\^.*\$$/.test(schema.pattern) && !/[*+]|\{\d+,\}/.test(schema.pattern);
  const bounded = schema.maxLength !== undefined || schema.enum || schema.const !== undefined || boundedPattern || ['date', 'date-time'].includes(schema.format);
  return bounded ? nested : [...nested, where];
}

describe('request limits', () => {
  it('answers 413 with a problem to a body one byte above the limit, and takes one at the limit', async () => {
    const padding = (size: number) => JSON.stringify({ name: 'x'.repeat(size - JSON.stringify({ name: '' }).length) });
    expect(padding(MAX_BODY_BYTES + 1).length).toBe(MAX_BODY_BYTES + 1);
    const above = await api.call('POST', `${v1}/members`, padding(MAX_BODY_BYTES + 1));
    expect(above.status).toBe(413);
    expect(above.headers.get('content-type')).toBe('application/problem+json');
    expect(above.body.detail).toContain(String(MAX_BODY_BYTES));
    // At the limit the body is read and validated: a 400 naming the field, not a 413.
    const at = await api.call('POST', `${v1}/members`, padding(MAX_BODY_BYTES));
    expect(at.status).toBe(400);
    expect(at.body.errors.map((error: { path: string }) => error.path)).toContain('name');
  });

  it('answers 413 to a streamed body without a length that grows past the limit', async () => {
    const token = await api.tokenFor(COORDINATOR);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await api.app.request(`${v1}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('bounds every list limit to 1–100 in the document and refuses 0 and 101', async () => {
    const limits = operationsOf(document).flatMap((operation) =>
      (operation.spec.parameters ?? []).filter((parameter) => parameter.name === 'limit').map((parameter) => ({ operation, schema: parameter.schema })),
    );
    expect(limits.length).toBeGreaterThanOrEqual(15);
    for (const { operation, schema } of limits) expect({ id: operation.operationId, min: schema.minimum, max: schema.maximum }).toEqual({ id: operation.operationId, min: 1, max: 100 });
    for (const limit of [0, 101, 1e9]) {
      const answer = await api.call('GET', `${v1}/members?limit=${limit}`);
      expect(answer.status, `limit=${limit}`).toBe(400);
      expect(answer.body.errors[0]).toMatchObject({ in: 'query', path: 'limit' });
    }
  });

  it('gives every string of every request (path, query, header, body) a maximum length', () => {
    const components = document.components.schemas;
    const unbounded = operationsOf(document).flatMap((operation) => [
      ...(operation.spec.parameters ?? []).flatMap((parameter) => unboundedStrings(parameter.schema, `${operation.operationId} ${parameter.in} ${parameter.name}`, components)),
      ...Object.values(operation.spec.requestBody?.content ?? {}).flatMap((content) => unboundedStrings(content.schema, `${operation.operationId} body`, components)),
    ]);
    expect([...new Set(unbounded)]).toEqual([]);
  });

  it("takes an upload of the size its form granted, above the API's body limit, and answers 413 one byte over the form's size", async () => {
    const deliverable = await addDeliverable(api, fixture);
    const size = 1024 * 1024;
    expect(size).toBeGreaterThan(MAX_BODY_BYTES);
    const upload = async (bytes: number) => {
      const asked = await api.call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/evidence-uploads`, { fileName: 'scan.pdf', contentType: 'application/pdf', size });
      expect(asked.status).toBe(201);
      const form = new FormData();
      for (const [name, value] of Object.entries(asked.body.form.fields as Record<string, string>)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(bytes).fill(0x25)], { type: 'application/pdf' }), 'scan.pdf');
      return api.app.request(asked.body.form.url.replace(/^http:\/\/localhost/, ''), { method: 'POST', body: form });
    };

    expect((await upload(size)).status).toBe(204);
    expect((await upload(size + 1)).status).toBe(413);
  });
});

describe('items of a kind per project', () => {
  it(`takes a project with ${MAX_PARTNERS_PER_PROJECT} partners in one transaction and refuses one more with a 400`, { timeout: 120_000 }, async () => {
    const members: string[] = fixture.members.map((member: { id: string }) => member.id);
    for (let index = members.length; index <= MAX_PARTNERS_PER_PROJECT; index++) {
      const { status, body } = await api.call('POST', `${v1}/members`, { name: `Cooperativa ${index}`, sector: 'culture', orgId: `IT-CF-3${String(index).padStart(10, '0')}` });
      expect(status).toBe(201);
      members.push(body.id);
    }
    const project = (partners: string[]) => ({
      title: 'A wide network', funderId: fixture.funder.id, call: 'Call 2026', grantCents: 1_000_000, cofinancingCents: 0,
      startDate: '2026-01-01', endDate: '2027-12-31',
      partners: partners.map((memberId) => ({ memberId, role: 'partner', budgetShareCents: 1_000 })),
    });
    const tooMany = await api.call('POST', `${v1}/projects`, project(members.slice(0, MAX_PARTNERS_PER_PROJECT + 1)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('partners');
    const atTheBound = await api.call('POST', `${v1}/projects`, project(members.slice(0, MAX_PARTNERS_PER_PROJECT)));
    expect(atTheBound.status, JSON.stringify(atTheBound.body)).toBe(201);
    expect(atTheBound.body.partners).toHaveLength(MAX_PARTNERS_PER_PROJECT);
    const changed = await api.call('PATCH', `${fixture.projectPath}`, { version: 1, partners: project(members.slice(0, MAX_PARTNERS_PER_PROJECT)).partners });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  });
});
