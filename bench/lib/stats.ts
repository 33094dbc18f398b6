// Medians and percentiles of repeated timings: every figure of the benchmark is one of these.

export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: number[]) => percentile(values, 0.5);
export const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Milliseconds one call of `task` takes, measured with the monotonic clock, and the CPU time
 * (user + system) this process spent meanwhile: DynamoDB Local is a process of its own, so that is
 * the caller's and the SDK's work, not the database's.
 */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await task();
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuMs: (user + system) / 1000, result };
}

/** Each round's wall time and CPU time of one side of an alternation, in milliseconds. */
export interface Rounds {
  ms: number[];
  cpuMs: number[];
}

/**
 * Times a subject and its baseline in alternation, round after round, after a few warm-up rounds,
 * so that the noise of a shared machine falls on both alike. The order flips every round.
 */
export async function alternate(
  rounds: number,
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  options: { warmup?: number; onRound?: (round: number) => void } = {},
): Promise<{ subject: Rounds; baseline: Rounds }> {
  for (let round = 0; round < (options.warmup ?? 5); round++) {
    await subject();
    await baseline();
  }
  const times = { subject: { ms: [], cpuMs: [] } as Rounds, baseline: { ms: [], cpuMs: [] } as Rounds };
  for (let round = 0; round < rounds; round++) {
    const pair: ['subject' | 'baseline', () => Promise<unknown>][] = [['subject', subject], ['baseline', baseline]];
    for (const [name, task] of round % 2 === 0 ? pair : pair.reverse()) {
      const { ms, cpuMs } = await timed(task);
      times[name].ms.push(ms);
      times[name].cpuMs.push(cpuMs);
    }
    options.onRound?.(round + 1);
  }
  return times;
}
