// Where export requests wait for the job: in this process locally; on AWS a queue feeds a worker.
import type { ExportJobDeps, ExportRef } from './export-job';
import { runExport } from './export-job';

export interface ExportQueue {
  enqueue(ref: ExportRef): Promise<void>;
}

/**
 * Runs each export in the background of this process, one at a time (exports are heavy and the
 * machine small). `idle()` resolves when nothing waits: tests and shutdown wait on it.
 */
export function inProcessExportQueue(deps: ExportJobDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    async enqueue(ref: ExportRef) {
      pending++;
      chain = chain
        .then(() => runExport(deps, ref))
        .catch((error) => console.error(JSON.stringify({ level: 'error', message: 'Export job crashed', ...ref, error: String(error) })))
        .finally(() => pending--);
    },
    idle: () => chain.then(() => undefined),
    get pending() {
      return pending;
    },
  } satisfies ExportQueue & Record<string, unknown>;
}
