// The benchmark's results: every figure with the baseline measured in the same run and their
// ratio, grouped by section; printed as a table and written to a JSON file.
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SectionLoad } from './load';

export interface Figure {
  /** Stable identifier, for comparing runs. */
  id: string;
  label: string;
  unit: string;
  value: number;
  baseline: { label: string; value: number };
  /** value / baseline.value */
  ratio: number;
  /** What the issue asks for, and whether this run meets it (absent when the figure has no goal). */
  goal?: { text: string; met: boolean };
  /** Anything else the reader needs (call counts, p95, sizes). */
  details?: Record<string, unknown>;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  /** What was measured and how, in a sentence or two. */
  notes: string[];
  /** Set when the section could not be measured in this run, saying why (never a figure made up instead). */
  notMeasured?: string;
  /** When the section ended, how long it took, and the machine's 1-minute load average then. */
  measuredAt?: string;
  seconds?: number;
  loadAverage?: number;
  /** The load at the section's start and end, and its attempts when a high load had it measured again (load.ts). */
  load?: SectionLoad;
}

export interface Results {
  date: string;
  quick: boolean;
  node: string;
  machine: { platform: string; release: string; arch: string; cpu: string; cores: number; memoryGb: number; loadAverage?: number[] };
  data: Record<string, unknown>;
  seconds: number;
  /** A run of some sections only (--only): the others are those of the earlier run. */
  partial?: { sections: string[]; earlierDate?: string };
  sections: Section[];
}

export function figure(
  id: string,
  label: string,
  unit: string,
  value: number,
  baseline: { label: string; value: number },
  extra: { goal?: { text: string; met: boolean }; details?: Record<string, unknown> } = {},
): Figure {
  return { id, label, unit, value, baseline, ratio: baseline.value === 0 ? Number.NaN : value / baseline.value, ...extra };
}

export function machine(): Results['machine'] {
  const cpu = cpus();
  return {
    platform: platform(), release: release(), arch: arch(), cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
}

/** A figure's value with the digits worth reading: none from 100, one from 10, two below. */
export const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2));

/** The results as a plain-text table, one block per section. */
export function formatTable(results: Results): string {
  const lines: string[] = [];
  for (const section of results.sections) {
    lines.push('', `${section.title}`);
    if (section.notMeasured) {
      lines.push(`  not measured: ${section.notMeasured}`);
      continue;
    }
    const rows = section.figures.map((f) => [
      f.label,
      `${round(f.value)} ${f.unit}`,
      `${round(f.baseline.value)} ${f.unit} (${f.baseline.label})`,
      Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}x` : '-',
      f.goal ? `${f.goal.met ? 'met' : 'NOT MET'}: ${f.goal.text}` : '',
    ]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows) lines.push(`  ${row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`.trimEnd());
  }
  return lines.join('\n');
}

/**
 * Where a run writes its results: `--out` when given; a full run into bench/results.json (the
 * committed figures); a quick run into test-results/, so that it never overwrites them.
 */
export function resultsPath(root: string, options: { quick: boolean; out?: string }): string {
  if (options.out) return options.out;
  return options.quick ? join(root, 'test-results', 'bench-quick.json') : join(root, 'bench', 'results.json');
}

export async function writeResults(path: string, results: Results): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
