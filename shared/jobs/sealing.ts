// Running the sealer: after each write in process (locally, in tests and benchmarks), for the
// chains a stream batch names (on AWS), and as a sweep of every consortium that catches anything
// a trigger missed. Each chain is sealed by one run at a time per process; runs in other processes
// are safe too (the sealer's transactions are conditional on the chain's head).
import type { Db } from '../store/db';
import { chainIdOf, type AuditChain } from '../store/keys';
import { sealerStore, type SealingResult } from '../store/sealer';


export interface SealingFigures extends SealingResult {
  failures: number;
}

const noFigures = (): SealingFigures => ({ sealed: 0, lagMillis: [], dropped: 0, unreadable: [], failures: 0 });

function addUp(figures: SealingFigures, result: SealingResult): void {
  figures.sealed += result.sealed;
  figures.lagMillis.push(...result.lagMillis);
  figures.dropped += result.dropped;
  figures.unreadable.push(...result.unreadable);
}

/**
 * The in-process sealer. `inline`: a write's answer waits until its chain is sealed (the local
 * runtime and most tests, where what one request wrote the next one reads). `background`: writes
 * only schedule sealing, and `flush()` waits for it (the concurrency tests and the benchmarks,
 * which measure the lag). Errors are logged and left for the next run or the sweep.
 */
export function inProcessSealing(db: Db, options: { mode: 'inline' | 'background'; now?: () => Date; log?: (message: string) => void }) {
  const sealer = sealerStore(db, options.now);
  const log = options.log ?? ((message: string) => console.error(message));
  /** A run scheduled but not started: an event written now is sealed by it. */
  const queued = new Map<string, Promise<void>>();
  /** The last run scheduled per chain; runs of one chain follow one another. */
  const tails = new Map<string, Promise<void>>();
  const figures = noFigures();

  function schedule(chain: AuditChain): Promise<void> {
    const id = chainIdOf(chain);
    const waiting = queued.get(id);
    if (waiting) return waiting;
    const run = (tails.get(id) ?? Promise.resolve()).then(async () => {
      queued.delete(id);
      try {
        const result = await sealer.sealChain(chain);
        addUp(figures, result);
        if (result.unreadable.length > 0) log(`Sealing ${id} set aside unreadable events: ${result.unreadable.join(', ')}`);
      } catch (error) {
        figures.failures++;
        log(`Sealing ${id} failed (the next write or the sweep carries on): ${String(error)}`);
      }
    });
    queued.set(id, run);
    tails.set(id, run);
    void run.then(() => {
      if (tails.get(id) === run) tails.delete(id);
    });
    return run;
  }

  const stop = db.onEvent((chain) => {
    const run = schedule(chain);
    return options.mode === 'inline' ? run : undefined;
  });

  return {
    figures,
    /** Seals `chain` now (after any run in progress). */
    seal: schedule,
    /** Waits until every scheduled run has ended, runs scheduled meanwhile included. */
    async flush(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
    stop,
  };
}

export type InProcessSealing = ReturnType<typeof inProcessSealing>;

/** Seals every chain of a consortium with pending events. */
export async function sweepConsortium(db: Db, consortiumId: string): Promise<SealingFigures & { chains: number }> {
  return sweepAll(db, [{ id: consortiumId }]);
}

/** Seals every chain of every consortium with pending events: the scheduled sweep. */
export async function sweepAll(db: Db, consortia: AsyncIterable<{ id: string }> | Iterable<{ id: string }>): Promise<SealingFigures & { chains: number }> {
  const sealer = sealerStore(db);
  const figures = { ...noFigures(), chains: 0 };
  for await (const consortium of consortia) {
    for (const chain of await sealer.pendingChains(consortium.id)) {
      figures.chains++;
      try {
        addUp(figures, await sealer.sealChain(chain));
      } catch (error) {
        figures.failures++;
        console.error(`Sealing ${chainIdOf(chain)} failed: ${String(error)}`);
      }
    }
  }
  return figures;
}
