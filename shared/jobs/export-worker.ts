// The export worker's decisions: a queue delivers each message at least once, sometimes twice or
// to two workers at once, so the export's stored status says what a delivery should do.
import { NotFoundError } from '../domain/errors';
import type { Export } from '../domain/export';
import { runExport, type ExportJobDeps, type ExportRef } from './export-job';

/**
 * A running export not advanced for this long lost its worker (a Lambda function runs at most
 * 15 minutes, and the job writes its progress after every file): it is run again.
 */
export const STALE_RUN_MS = 15 * 60_000;

export type Delivery = 'run' | 'skip' | 'later';

/** What to do with a delivery of this export's message. Pure. */
export function deliveryOf(current: Export, now: Date): Delivery {
  switch (current.status) {
    case 'done':
    case 'failed':
      return 'skip'; // finished: a duplicate message changes nothing
    case 'running':
      return now.getTime() - Date.parse(current.updatedAt) < STALE_RUN_MS ? 'later' : 'run';
    case 'queued':
      return 'run';
  }
}

/** Raised for a delivery that must come back later: another worker is running the export. */
export class ExportBusyError extends Error {}

/**
 * What a handled delivery came to: skipped, or run to an export that is done or failed. A failed
 * export is failed for good (marked so, with its reason): its message is not retried, so the worker
 * signals it (export-metrics.ts) for the alarm, since neither the error nor the dead-letter alarm sees it.
 */
export type Outcome = 'skip' | 'done' | 'failed';

/** Handles one delivery; throws when the message must return to the queue. */
export async function handleExportMessage(deps: ExportJobDeps, ref: ExportRef): Promise<Outcome> {
  let current: Export;
  try {
    current = await deps.store.exports.get(ref.consortiumId, ref.projectId, ref.exportId);
  } catch (error) {
    if (error instanceof NotFoundError) return 'skip'; // deleted since it was asked for
    throw error;
  }
  const delivery = deliveryOf(current, deps.clock.now());
  if (delivery === 'later') throw new ExportBusyError(`Export ${ref.exportId} is running in another worker`);
  if (delivery === 'skip') return 'skip';
  const finished = await runExport(deps, ref);
  return finished.status === 'failed' ? 'failed' : 'done';
}
