// Where export requests (and privacy requests, the same kind of job) wait: in this process locally;
// on AWS a queue feeds the export worker.
import type { ExportJobDeps, ExportRef } from './export-job';
import { runExport } from './export-job';
import { runPrivacyRequest, type PrivacyJobDeps, type PrivacyRef } from './privacy-job';

export interface ExportQueue {
  enqueue(ref: ExportRef): Promise<void>;
  /** A privacy request (a person's data, an erasure): run by the same worker as exports. */
  enqueuePrivacy(ref: PrivacyRef): Promise<void>;
}

/**
 * Runs each export in the background of this process, one at a time (exports are heavy and the
 * machine small). `idle()` resolves when nothing waits: tests and shutdown wait on it.
 */
export function inProcessExportQueue(deps: ExportJobDeps & PrivacyJobDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const run = (job: () => Promise<unknown>, ref: object) => {
    pending++;
    chain = chain
      .then(job)
      .catch((error) => console.error(JSON.stringify({ level: 'error', message: 'Job crashed', ...ref, error: String(error) })))
      .finally(() => pending--);
  };
  return {
    async enqueue(ref: ExportRef) {
      run(() => runExport(deps, ref), ref);
    },
    async enqueuePrivacy(ref: PrivacyRef) {
      run(() => runPrivacyRequest(deps, ref), ref);
    },
    idle: () => chain.then(() => undefined),
    get pending() {
      return pending;
    },
  } satisfies ExportQueue & Record<string, unknown>;
}
