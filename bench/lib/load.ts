// The machine's load around each section: recorded with it (1-minute load average at its start and
// end), and a timed section measured while the load was high is measured again, up to three times,
// keeping the least loaded attempt. Load compresses the ratios (both sides wait for a core alike).
import { loadavg } from 'node:os';
import type { Section } from './results';

/** Sections whose figures are times, cheap enough to run again (exports take a quarter of an hour). */
export const REPEATED_UNDER_LOAD = new Set(['coldStart', 'overhead', 'scaling', 'dashboard']);
export const MAX_ATTEMPTS = 3;

export interface SectionLoad {
  /** 1-minute load average at the start and end of the attempt kept. */
  start: number;
  end: number;
  /** Above this (the machine's cores) the load counts as high: processes wait for a core. */
  highAbove: number;
  /** Every attempt's load, in order; `kept` is the index of the one whose figures are reported. */
  attempts: { start: number; end: number }[];
  kept: number;
}

const oneMinute = (read: () => number[]) => Number(read()[0]!.toFixed(2));

/**
 * Runs a section, again while the load at its start or end was above `cores` (for the sections of
 * REPEATED_UNDER_LOAD, unless `repeat` is false: a quick run's figures mean nothing), and answers
 * the least loaded attempt with its load.
 */
export async function measureUnderLoad(
  id: string,
  cores: number,
  run: () => Promise<Section>,
  options: { read?: () => number[]; say?: (line: string) => void; repeat?: boolean } = {},
): Promise<Section & { load: SectionLoad }> {
  const read = options.read ?? loadavg;
  const repeated = REPEATED_UNDER_LOAD.has(id) && options.repeat !== false;
  const attempts: { start: number; end: number; section: Section }[] = [];
  const worst = (attempt: { start: number; end: number }) => Math.max(attempt.start, attempt.end);
  for (let attempt = 1; attempt <= (repeated ? MAX_ATTEMPTS : 1); attempt++) {
    const start = oneMinute(read);
    const section = await run();
    const end = oneMinute(read);
    attempts.push({ start, end, section });
    if (worst({ start, end }) <= cores) break;
    if (repeated && attempt < MAX_ATTEMPTS) options.say?.(`  load average ${start} → ${end} on ${cores} cores: measuring again`);
  }
  const kept = attempts.reduce((best, attempt, index) => (worst(attempt) < worst(attempts[best]!) ? index : best), 0);
  const { start, end, section } = attempts[kept]!;
  return {
    ...section,
    loadAverage: end,
    load: { start, end, highAbove: cores, attempts: attempts.map((a) => ({ start: a.start, end: a.end })), kept },
  };
}

/** The sentence the README gives a section's load. */
export function describeLoad(load: SectionLoad): string {
  const high = (value: number) => value > load.highAbove;
  const tries =
    load.attempts.length > 1
      ? `; measured ${load.attempts.length} times because the load was above ${load.highAbove} (${load.attempts.map((a) => `${a.start} → ${a.end}`).join(', ')}), attempt ${load.kept + 1} kept`
      : '';
  return `1-minute load average ${load.start} at its start, ${load.end} at its end${high(load.start) || high(load.end) ? ` (high: above the ${load.highAbove} cores)` : ''}${tries}`;
}
