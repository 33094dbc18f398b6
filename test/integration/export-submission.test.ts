// Submitting an export to the funder: locked, moved out of the clean-up's prefix, its hash in the
// project's audit chain, and visible to the funder from then on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { PREFIXES } from '../../shared/files/layout';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
const project = '/api/v1/consortia/pantacon/projects/cultnetwork';
const asCoordinator = { as: COORDINATOR_PERSON_ID };
const asFunder = { as: funderPersonId('fondazione-mincio') };

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, api.clock);
});
afterAll(() => api.table.drop());

async function doneExport() {
  const asked = await api.call('POST', `${project}/exports`, { formats: ['csv', 'json'], language: 'it' }, asCoordinator);
  await api.exportQueue.idle();
  return (await api.call('GET', `${project}/exports/${asked.body.id}`, undefined, asCoordinator)).body;
}

describe('a submitted export', () => {
  it('moves its files to the submitted prefix, enters its hash in the audit chain and shows to the funder', async () => {
    const done = await doneExport();
    expect((await api.call('GET', `${project}/exports/${done.id}`, undefined, asFunder)).status).toBe(404);

    const submitted = await api.call('POST', `${project}/exports/${done.id}/submission`, { version: done.version }, asCoordinator);
    expect(submitted.status).toBe(200);
    expect(submitted.body.submittedAt).toBeDefined();
    expect(submitted.body.files.every((f: { key: string }) => f.key.startsWith(PREFIXES.submittedExports))).toBe(true);
    for (const file of done.files) expect(await api.files.head(file.key)).toBeUndefined();

    const seen = await api.call('GET', `${project}/exports/${done.id}`, undefined, asFunder);
    expect(seen.status).toBe(200);
    const file = await api.app.request(seen.body.files[0].downloadUrl.replace(/^http:\/\/localhost/, ''));
    expect(file.status).toBe(200);
    expect((await api.call('GET', `${project}/exports`, undefined, asFunder)).body.items.map((e: { id: string }) => e.id)).toEqual([done.id]);

    const audit = await api.call('GET', `${project}/audit?limit=5`, undefined, asCoordinator);
    const entry = audit.body.items.find((e: { action: string; entityId: string }) => e.action === 'submit_to_funder' && e.entityId === done.id);
    expect(entry.changes.snapshotSha256.after).toBe(done.snapshot.sha256);
    expect((await api.call('GET', `${project}/audit/verification`, undefined, asCoordinator)).body.valid).toBe(true);
  });

  it('cannot be deleted or submitted again, while an unsubmitted one can be deleted with its files', async () => {
    const done = await doneExport();
    const { body: submitted } = await api.call('POST', `${project}/exports/${done.id}/submission`, { version: done.version }, asCoordinator);
    expect((await api.call('DELETE', `${project}/exports/${done.id}?version=${submitted.version}`, undefined, asCoordinator)).status).toBe(409);
    expect((await api.call('POST', `${project}/exports/${done.id}/submission`, { version: submitted.version }, asCoordinator)).status).toBe(409);

    const other = await doneExport();
    expect((await api.call('DELETE', `${project}/exports/${other.id}?version=${other.version}`, undefined, asCoordinator)).status).toBe(204);
    expect((await api.call('GET', `${project}/exports/${other.id}`, undefined, asCoordinator)).status).toBe(404);
    for (const file of other.files) expect(await api.files.head(file.key)).toBeUndefined();
  });
});
