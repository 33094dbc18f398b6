// When the export queue cannot take a request, the API says so (503) and the export it created
// says it failed, rather than waiting for ever as `queued`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

describe('an export the queue refuses', () => {
  it('answers 503 with Retry-After, and leaves the export failed with its reason', async () => {
    const enqueue = api.exportQueue.enqueue;
    api.exportQueue.enqueue = async () => {
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    };
    try {
      const asked = await api.call('POST', `${fixture.projectPath}/exports`, { formats: ['csv'], language: 'en' });

      expect(asked.status).toBe(503);
      expect(asked.headers.get('retry-after')).toBe('5');
      expect(asked.body).toMatchObject({ status: 503, detail: 'The export could not be queued; ask again shortly' });
    } finally {
      api.exportQueue.enqueue = enqueue;
    }
    const { body } = await api.call('GET', `${fixture.projectPath}/exports`);
    expect(body.items).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'The export could not be queued' })]);

    const again = await api.call('POST', `${fixture.projectPath}/exports`, { formats: ['csv'], language: 'en' });
    expect(again.status).toBe(202);
  });
});
