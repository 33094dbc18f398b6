// The scheduled jobs, run for every consortium of the installation: the weekly digest, the
// reporting schedules, and the sweep that seals audit events a stream trigger missed. One consortium's failure does not stop the others; it is reported at the end.
import { z } from 'zod';
import { runWeeklyDigest, type DigestDeps } from './digest';
import { sweepConsortium } from './sealing';
import { runReportingSchedules, type ScheduleDeps } from './schedules';

/** The event the scheduler sends: which job to run. */
export const JobEvent = z.object({ job: z.enum(['weekly-digest', 'reporting-schedules', 'seal-sweep']) });
export type JobName = z.infer<typeof JobEvent>['job'];

/** What both jobs need; the dashboard's origin is required here, as the digest's mails link to it. */
export type ScheduledJobDeps = DigestDeps & ScheduleDeps & { origin: string };

export interface JobReport {
  job: JobName;
  consortia: number;
  /** Notifications sent (digest) or exports asked for (schedules), in all. */
  done: number;
  failed: { consortiumId: string; error: string }[];
}

const runners: Record<JobName, (deps: ScheduledJobDeps, consortiumId: string) => Promise<unknown[]>> = {
  'weekly-digest': runWeeklyDigest,
  'reporting-schedules': runReportingSchedules,
  // One lag figure per event sealed; a chain that failed fails the consortium.
  'seal-sweep': async (deps, consortiumId) => {
    const swept = await sweepConsortium(deps.store.db, consortiumId);
    if (swept.failures > 0) throw new Error(`${swept.failures} of ${swept.chains} chains failed to seal`);
    return swept.lagMillis;
  },
};

/** Runs `job` for each consortium in the registry, one after the other. */
export async function runForEveryConsortium(deps: ScheduledJobDeps, job: JobName): Promise<JobReport> {
  const report: JobReport = { job, consortia: 0, done: 0, failed: [] };
  for await (const consortium of deps.store.consortia.all()) {
    report.consortia++;
    try {
      report.done += (await runners[job](deps, consortium.id)).length;
    } catch (error) {
      report.failed.push({ consortiumId: consortium.id, error: String(error) });
    }
  }
  return report;
}
