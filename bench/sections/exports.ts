// 6. Exports: each format of projects of growing size, each export in a child process of its
// own, with its wall time and peak resident memory; the baseline of each size is the size before.
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExportFormat } from '../../shared/domain/export';
import { FORMAT_LOADERS } from '../../shared/reports/formats';
import { SINGLE_PROJECT, exportConsortium } from '../data/dataset';
import { buildLikeAFunction } from '../lib/bundles';
import type { SectionRunner } from '../lib/context';
import { progress } from '../lib/progress';
import { figure, type Figure } from '../lib/results';

const run = promisify(execFile);

interface Exported {
  status: string;
  failureReason?: string;
  bytes: number;
  seconds: number;
  /** Of `seconds`: reading the project from the table into the snapshot file. */
  snapshotSeconds: number;
  peakRssMb: number;
  baselineRssMb: number;
}

/** What the issue asks of each format at 10 000 deliverables (wall time). */
const SECONDS_GOAL: Partial<Record<ExportFormat, number>> = { csv: 1, xlsx: 2, pdf: 8 };
const GOAL_SIZE = 10_000;
const PEAK_MB_GOAL = 200;

/**
 * The child, bundled as functions are (so that it runs as the export worker would, without a
 * TypeScript loader in its memory), with the PDF fonts beside it as `npm run build` puts them.
 */
async function bundleChild(root: string, workDir: string): Promise<string> {
  const folder = join(workDir, 'export-child');
  await buildLikeAFunction(join(root, 'bench', 'children', 'export-child.ts'), join(folder, 'index.mjs'));
  await mkdir(join(folder, 'fonts'), { recursive: true });
  for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    await copyFile(join(root, 'node_modules', 'dejavu-fonts-ttf', 'ttf', font), join(folder, 'fonts', font));
  }
  return join(folder, 'index.mjs');
}

/** Runs `tasks` `concurrency` at a time, keeping their order in the answer. */
async function inTurn<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < tasks.length; index = next++) results[index] = await tasks[index]!();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

export const exportsSection: SectionRunner = async ({ root, workDir, endpoint, store, dataset, quick }) => {
  const { exportSizes, pdfMaxSize } = dataset.plan;
  const formats = Object.keys(FORMAT_LOADERS) as ExportFormat[];
  const child = await bundleChild(root, workDir);
  const exportOnce = async (format: ExportFormat, size: number): Promise<Exported> => {
    const label = `  ${format} at ${size.toLocaleString('en')} deliverables`;
    progress(label);
    const started = performance.now();
    // A large export runs for minutes: say that it still does.
    const ticker = setInterval(() => progress(`${label}: ${Math.round((performance.now() - started) / 1000)} s`), 15_000);
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', child, endpoint, store.db.tableName, exportConsortium(size), SINGLE_PROJECT, format],
      { cwd: root, maxBuffer: 1024 * 1024, timeout: 3_600_000 },
    ).finally(() => clearInterval(ticker));
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Exported;
    if (result.status !== 'done') throw new Error(`${format} export of ${size} deliverables: ${result.status} ${result.failureReason ?? ''}`);
    return result;
  };

  const runs = formats.flatMap((format) => exportSizes.filter((size) => format !== 'pdf' || size <= pdfMaxSize).map((size) => ({ format, size })));
  // A quick run only checks that every export works: its children may share the machine.
  const exported = await inTurn(runs.map((r) => async () => ({ ...r, ...(await exportOnce(r.format, r.size)) })), quick ? 4 : 1);
  const figures: Figure[] = [];
  for (const format of formats) {
    const results = exported.filter((r) => r.format === format);
    for (let index = 1; index < results.length; index++) {
      const [before, now] = [results[index - 1]!, results[index]!];
      const growth = now.size / before.size;
      const atGoalSize = now.size === GOAL_SIZE;
      const secondsGoal = SECONDS_GOAL[format];
      const details = {
        bytes: now.bytes, snapshotSeconds: now.snapshotSeconds, buildSeconds: now.seconds - now.snapshotSeconds,
        peakRssMb: now.peakRssMb, baselineRssMb: now.baselineRssMb, deliverables: now.size, deliverablesBefore: before.size,
      };
      figures.push(
        figure(`exports.${format}.${now.size}.seconds`, `${format} at ${now.size.toLocaleString('en')}: wall time`, 's', now.seconds, {
          label: `at ${before.size.toLocaleString('en')}`, value: before.seconds,
        }, {
          goal: atGoalSize && secondsGoal
            ? { text: `under ${secondsGoal} s at ${GOAL_SIZE.toLocaleString('en')}`, met: now.seconds < secondsGoal }
            : { text: `grows at most about linearly (${growth}x the deliverables: ratio at most ${(growth * 1.2).toFixed(0)})`, met: now.seconds <= before.seconds * growth * 1.2 },
          details,
        }),
        figure(`exports.${format}.${now.size}.peakMb`, `${format} at ${now.size.toLocaleString('en')}: peak memory`, 'MB', now.peakRssMb, {
          label: `at ${before.size.toLocaleString('en')}`, value: before.peakRssMb,
        }, {
          goal: atGoalSize
            ? { text: `under ${PEAK_MB_GOAL} MB at ${GOAL_SIZE.toLocaleString('en')}`, met: now.peakRssMb < PEAK_MB_GOAL }
            : { text: 'at most 1.5x the size before', met: now.peakRssMb <= 1.5 * before.peakRssMb },
          details,
        }),
      );
    }
  }
  return {
    id: 'exports',
    title: '6. Exports (wall time and peak resident memory of a child process; baseline the size before)',
    figures,
    notes: [
      `One child process per format and size, one at a time (bench/children/export-child.ts, bundled as the functions are and run with plain node): it runs the export job on a project already in the table, sampling its resident memory every 10 ms; the peak includes Node and the SDK (about ${Math.round((exported[0]?.baselineRssMb ?? 0))} MB before the export starts).`,
      `Reading the project from the table into the snapshot (one Query per page of deliverables and one per deliverable's log), against the whole export: ${exported.map((r) => `${r.format} at ${r.size.toLocaleString('en')} ${r.snapshotSeconds.toFixed(1)} of ${r.seconds.toFixed(1)} s`).join('; ')}.`,
      `Projects of ${exportSizes.map((s) => s.toLocaleString('en')).join(', ')} deliverables with one log entry each; PDF up to ${pdfMaxSize.toLocaleString('en')}. At 10 000 the goals are the issue's absolute ones; each larger size is compared with the one before (time about linear, memory at most 1.5x).`,
    ],
  };
};
