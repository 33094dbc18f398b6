// Share links: a funder's officer opens an export without an account; the token is kept only as
// a hash, never travels in a path or query, and unknown, expired and revoked links look alike.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
let exportPath: string;
const project = '/api/v1/consortia/pantacon/projects/cultnetwork';
const asCoordinator = { as: COORDINATOR_PERSON_ID };

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, api.clock);
  const asked = await api.call('POST', `${project}/exports`, { formats: ['csv'], language: 'en' }, asCoordinator);
  await api.exportQueue.idle();
  exportPath = `${project}/exports/${asked.body.id}`;
});
afterAll(() => api.table.drop());

const open = (token: string) => api.call('POST', '/api/v1/share', { token }, { as: null });
const tokenOf = (url: string) => new URL(url).hash.slice(1);

describe('share links', () => {
  it('open the export without a login, with the token after # only, stored nowhere in clear', async () => {
    const created = await api.call('POST', `${exportPath}/share-links`, { expiresInDays: 7 }, asCoordinator);
    expect(created.status).toBe(201);
    const url = new URL(created.body.url);
    expect(url.pathname).toBe('/share');
    expect(url.search).toBe('');
    const token = tokenOf(created.body.url);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const opened = await open(token);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.files.map((f: { name: string }) => f.name)).toContain('deliverables.csv');
    const file = await api.app.request(opened.body.files[0].downloadUrl.replace(/^http:\/\/localhost/, ''));
    expect(file.status).toBe(200);

    const everything = await api.table.client.send(new ScanCommand({ TableName: api.table.tableName }));
    expect(JSON.stringify(everything.Items)).not.toContain(token);
  });

  it('record each opening in the audit trail and show when the link was last opened', async () => {
    const created = await api.call('POST', `${exportPath}/share-links`, {}, asCoordinator);
    await open(tokenOf(created.body.url));
    const { body } = await api.call('GET', `${exportPath}/share-links`, undefined, asCoordinator);
    const link = body.items.find((l: { id: string }) => l.id === created.body.link.id);
    expect(link).toMatchObject({ opens: 1, lastOpenedAt: api.clock.now().toISOString() });
    expect(link).not.toHaveProperty('tokenHash');
    const audit = await api.call('GET', `${project}/audit?limit=3`, undefined, asCoordinator);
    expect(audit.body.items[0]).toMatchObject({ entity: 'share_link', entityId: link.id, action: 'open', actor: `share-link:${link.id}` });
  });

  it('answer the same 404 for unknown, expired and revoked links', async () => {
    const revoked = await api.call('POST', `${exportPath}/share-links`, {}, asCoordinator);
    const expiring = await api.call('POST', `${exportPath}/share-links`, { expiresInDays: 1 }, asCoordinator);
    expect((await api.call('DELETE', `${exportPath}/share-links/${revoked.body.link.id}?version=1`, undefined, asCoordinator)).status).toBe(200);
    api.clock.set(new Date(api.clock.now().getTime() + 2 * 86_400_000).toISOString());

    const answers = await Promise.all([
      open(tokenOf(revoked.body.url)),
      open(tokenOf(expiring.body.url)),
      open('A'.repeat(43)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => a.body.detail)).size).toBe(1);
  });

  it('are created by coordinators only', async () => {
    const asFunder = await api.call('POST', `${exportPath}/share-links`, {}, { as: funderPersonId('fondazione-mincio') });
    expect(asFunder.status).toBe(403);
    const asMember = await api.call('POST', `${exportPath}/share-links`, {}, { as: 'person-mincio-musei' });
    expect(asMember.status).toBe(403);
  });
});
