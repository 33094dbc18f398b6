// Reporting schedules: run twice for the same period, the job makes one export; the next period, another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportingSchedules } from '../../shared/jobs/schedules';
import { CONSORTIUM, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;

beforeAll(async () => {
  api = await createTestApi('2026-11-05T09:00:00Z');
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

describe('reporting schedules', () => {
  it('make one export per due period, however often they run', async () => {
    const scheduled = await api.call('PATCH', fixture.projectPath, {
      version: fixture.project.version, reportingSchedule: { frequency: 'monthly', formats: ['csv', 'pdf'], language: 'en' },
    });
    expect(scheduled.status).toBe(200);
    const deps = { store: api.store, clock: api.clock, exportQueue: api.exportQueue };

    const first = await runReportingSchedules(deps, CONSORTIUM);
    const second = await runReportingSchedules(deps, CONSORTIUM);
    expect(first.map((e) => [e.id, e.period])).toEqual([['s-2026-10', { from: '2026-10-01', to: '2026-10-31' }]]);
    expect(second).toEqual([]);

    api.clock.set('2026-12-01T08:00:00Z');
    expect((await runReportingSchedules(deps, CONSORTIUM)).map((e) => e.id)).toEqual(['s-2026-11']);
    await api.exportQueue.idle();

    const { body } = await api.call('GET', `${fixture.projectPath}/exports`);
    expect(body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
      ['s-2026-11', 'done'],
      ['s-2026-10', 'done'],
    ]);
  });

  it('can be turned off', async () => {
    const current = (await api.call('GET', fixture.projectPath)).body;
    await api.call('PATCH', fixture.projectPath, { version: current.version, reportingSchedule: null });
    api.clock.set('2027-01-03T08:00:00Z');
    expect(await runReportingSchedules({ store: api.store, clock: api.clock, exportQueue: api.exportQueue }, CONSORTIUM)).toEqual([]);
  });

  it('refuses a schedule naming an unknown format, naming the field', async () => {
    const current = (await api.call('GET', fixture.projectPath)).body;
    const bad = await api.call('PATCH', fixture.projectPath, {
      version: current.version, reportingSchedule: { frequency: 'weekly', formats: ['csv'], language: 'en' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('reportingSchedule.frequency');
  });
});
