// `npm run bench -- --quick` runs end to end so that the benchmark code cannot rot: the results
// file it writes holds every section's figures, each with its baseline. No timing is asserted.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../bench/lib/results';

const run = promisify(execFile);

describe('the quick benchmark', () => {
  let folder: string;
  let results: Results;
  let table: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rete-bench-quick-'));
    const out = join(folder, 'results.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      maxBuffer: 16 * 1024 * 1024, timeout: 300_000,
    });
    table = stdout;
    results = JSON.parse(await readFile(out, 'utf8')) as Results;
  }, 300_000);

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('says where and on what it ran', () => {
    expect(results.quick).toBe(true);
    expect(results.node).toBe(process.version);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(Date.parse(results.date)).not.toBeNaN();
    expect(results.data.items).toBeGreaterThan(1_000);
  });

  it('has figures with a baseline and a ratio in every measured section', () => {
    const ids = results.sections.map((section) => section.id);
    expect(ids).toEqual(['coldStart', 'bundle', 'overhead', 'calls', 'scaling', 'exports', 'dashboard', 'writers']);
    for (const section of results.sections) {
      expect(section.notMeasured, section.id).toBeUndefined();
      expect(section.figures.length, section.id).toBeGreaterThan(0);
      for (const figure of section.figures) {
        expect(Number.isFinite(figure.value), figure.id).toBe(true);
        expect(figure.baseline.value, figure.id).toBeGreaterThan(0);
        expect(figure.ratio, figure.id).toBeCloseTo(figure.value / figure.baseline.value, 6);
      }
    }
  });

  it('measures the API bundle, its cold start, each export format and every dashboard read', () => {
    const figureIds = results.sections.flatMap((section) => section.figures.map((figure) => figure.id));
    expect(figureIds).toEqual(expect.arrayContaining([
      'coldStart.api', 'bundle.api.coldStart.min', 'bundle.api.whole.gzip', 'overhead.overview.median', 'overhead.logProgress.p95',
      'overhead.overview.cpu', 'overhead.memberDeliverables.cpu', 'overhead.deliverablePage.cpu', 'overhead.deliverablePage100.cpu',
      'overhead.projects.cpu', 'overhead.logProgress.cpu',
      'calls.GET.project overview', 'exports.csv.100.seconds', 'exports.pdf.100.peakMb', 'exports.xlsx.100.seconds',
    ]));
    const overview = results.sections.find((s) => s.id === 'calls')!.figures.find((f) => f.id === 'calls.GET.project overview')!;
    expect(overview.details).toMatchObject({ callsAtLarge: 'Query×4' });
  });

  it('measures the CPU time per request beside the wall time, against the raw calls\' and with its goal', () => {
    const overhead = results.sections.find((s) => s.id === 'overhead')!;
    const cpu = overhead.figures.filter((f) => f.id.endsWith('.cpu'));
    expect(cpu.map((f) => f.id)).toHaveLength(6);
    for (const f of cpu) {
      expect(f.goal, f.id).toBeDefined();
      expect(f.details, f.id).toMatchObject({ appCpuMedianMs: expect.any(Number), rawCpuMedianMs: f.baseline.value });
      expect(f.value, f.id).toBeCloseTo((f.details!.appCpuMedianMs as number) - f.baseline.value, 6);
    }
    expect(overhead.notes.join(' ')).toMatch(/load average .* at the section's start, .* at its end/);
  });

  it('measures the dashboard against Preact alone and an empty project', () => {
    const dashboard = results.sections.find((s) => s.id === 'dashboard')!;
    expect(dashboard.figures.map((figure) => figure.id)).toEqual(['dashboard.js.gzip', 'dashboard.timeline', 'dashboard.deliverables']);
  });

  it('measures 32 writers through the app against the same writes by hand, with the sealing lag, and its goal', () => {
    const writers = results.sections.find((s) => s.id === 'writers')!;
    expect(writers.figures.map((figure) => figure.id)).toEqual(['writers.throughput', 'writers.lag.p50', 'writers.lag.p95', 'writers.sealing', 'writers.appCalls']);
    const throughput = writers.figures[0]!;
    expect(throughput.goal?.text).toMatch(/at least 0\.7x the writes by hand/);
    expect(throughput.details).toMatchObject({ writers: 32, app: { status409: expect.any(Number), status503: expect.any(Number) } });
  });

  it('prints the table', () => {
    expect(table).toContain('1. Cold start');
    expect(table).toContain('7. Dashboard');
    expect(table).toContain('8. Writers');
  });
});
