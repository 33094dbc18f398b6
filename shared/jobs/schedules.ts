// The reporting schedules job: for each project with a schedule, the export of its last whole
// month or quarter, once. The export's id names the period, so a second run finds it and stops.
import { calendarDateIn, type Clock } from '../domain/clock';
import { ConflictError } from '../domain/errors';
import type { Export } from '../domain/export';
import { lastWholePeriod } from '../domain/reporting';
import type { Store } from '../store';
import type { ExportQueue } from './export-queue';

export interface ScheduleDeps {
  store: Store;
  clock: Clock;
  exportQueue: ExportQueue;
}

/** Who asks for scheduled exports, in the audit trail. */
export const SCHEDULE_ACTOR = 'schedule';

/** Runs the schedules of one consortium's projects; answers the exports it asked for. */
export async function runReportingSchedules(deps: ScheduleDeps, consortiumId: string): Promise<Export[]> {
  const { store, clock } = deps;
  const consortium = await store.consortia.get(consortiumId);
  if (!consortium) return [];
  const now = clock.now();
  const today = calendarDateIn(now, consortium.timeZone);
  const created: Export[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.projects.list(consortiumId, { limit: 100, cursor });
    for (const { entity: project } of page.items) {
      const schedule = project.reportingSchedule;
      if (!schedule) continue;
      const period = lastWholePeriod(schedule.frequency, today);
      // Nothing to report for a period that ended before the project began.
      if (period.to < project.startDate || period.from > project.endDate) continue;
      const at = now.toISOString();
      const request: Export = {
        id: `s-${period.label}`,
        consortiumId,
        projectId: project.id,
        formats: schedule.formats,
        language: schedule.language,
        period: { from: period.from, to: period.to },
        status: 'queued',
        progress: 0,
        files: [],
        requestedBy: SCHEDULE_ACTOR,
        attempts: 0,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await store.exports.create(request, { personId: SCHEDULE_ACTOR, at });
      } catch (error) {
        if (error instanceof ConflictError) continue; // made by an earlier run
        throw error;
      }
      await deps.exportQueue.enqueue({ consortiumId, projectId: project.id, exportId: request.id });
      created.push(request);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return created;
}
