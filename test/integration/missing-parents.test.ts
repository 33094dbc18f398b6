// Every list under a parent answers 404 when the parent does not exist, as the parent itself does:
// the lists come from the OpenAPI document, so a new list under a parent is checked here too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID } from '../../dev/demo/demo-data';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi } from '../support/api';

const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());

/** Real ids of the demo for every parent but the one that is missing. */
const ids: Record<string, string> = {
  consortiumId: DEMO_CONSORTIUM_ID, projectId: 'cultnetwork', deliverableId: 'd13', memberId: 'mincio-musei',
  trainingId: 'raccolta-fondi', sessionId: 'raccolta-fondi-1', exportId: '', phaseId: 'offer', instalmentId: 'inst-3',
};

const document = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
/** The GET operations that answer a list (`items`) under at least one parent besides the consortium. */
const lists = Object.entries(document.paths as Record<string, { get?: { operationId: string; responses: Record<string, any> } }>)
  .filter(([path, item]) => {
    const schema = item.get?.responses['200']?.content?.['application/json']?.schema;
    const page = schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
    return path.startsWith('/api/v1/consortia/') && page?.properties?.items !== undefined;
  })
  .flatMap(([path, item]) => {
    const parents = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => name !== 'consortiumId');
    return parents.map((missing) => ({ operationId: item.get!.operationId, path, missing }));
  });

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  const asked = await api.call('POST', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/projects/cultnetwork/exports`, { formats: ['json'], language: 'en' }, { as: COORDINATOR_PERSON_ID });
  expect(asked.status).toBe(202);
  ids.exportId = asked.body.id;
  await api.exportQueue.idle();
});

describe('a list under a parent that does not exist', () => {
  it('is found in the document: at least 11 lists under a parent', () => {
    expect(new Set(lists.map((list) => list.operationId)).size).toBeGreaterThanOrEqual(11);
  });

  it.each(lists.map((list) => [`${list.operationId} without its ${list.missing.replace(/Id$/, '')}`, list] as const))(
    '%s answers 404 like the parent',
    async (_, list) => {
      const url = list.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === list.missing) return 'nope';
        if (!ids[name]) throw new Error(`no demo id for {${name}}`);
        return ids[name]!;
      });
      const answer = await api.call('GET', url, undefined, { as: COORDINATOR_PERSON_ID });
      expect(answer.status, `${url}: ${JSON.stringify(answer.body)}`).toBe(404);
      expect(answer.body.type).toBe('urn:rete:problem:not_found');
    },
  );
});
