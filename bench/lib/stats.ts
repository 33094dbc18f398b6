// Medians and percentiles of repeated timings: every figure of the benchmark is one of these.

export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: number[]) => percentile(values, 0.5);

/** Milliseconds one call of `task` takes, measured with the monotonic clock. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await task();
  return { ms: performance.now() - start, result };
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
): Promise<{ subject: number[]; baseline: number[] }> {
  for (let round = 0; round < (options.warmup ?? 5); round++) {
    await subject();
    await baseline();
  }
  const times = { subject: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const pair: ['subject' | 'baseline', () => Promise<unknown>][] = [['subject', subject], ['baseline', baseline]];
    for (const [name, task] of round % 2 === 0 ? pair : pair.reverse()) times[name].push((await timed(task)).ms);
    options.onRound?.(round + 1);
  }
  return times;
}
