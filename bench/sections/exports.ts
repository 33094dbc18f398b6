// 6. Exports: each format of projects of growing size, each export in a child process of its
// own, with its wall time and peak resident memory; the baseline of each size is the size before.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExportFormat } from '../../shared/domain/export';
import { FORMAT_FILES } from '../../shared/reports/formats';
import { SINGLE_PROJECT, exportConsortium } from '../data/dataset';
import type { SectionRunner } from '../lib/context';
import { progress } from '../lib/progress';
import { figure, type Figure } from '../lib/results';

const run = promisify(execFile);

interface Exported {
  status: string;
  failureReason?: string;
  bytes: number;
  seconds: number;
  peakRssMb: number;
  baselineRssMb: number;
}

/** What the issue asks of each format at 10 000 deliverables (wall time). */
const SECONDS_GOAL: Partial<Record<ExportFormat, number>> = { csv: 1, xlsx: 2, pdf: 8 };
const GOAL_SIZE = 10_000;
const PEAK_MB_GOAL = 200;

export const exportsSection: SectionRunner = async ({ root, endpoint, store, dataset }) => {
  const { exportSizes, pdfMaxSize } = dataset.plan;
  const formats = (Object.keys(FORMAT_FILES) as ExportFormat[]).filter((format) => FORMAT_FILES[format].length > 0);
  const exportOnce = async (format: ExportFormat, size: number): Promise<Exported> => {
    progress(`  ${format} at ${size.toLocaleString('en')} deliverables`);
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(root, 'bench', 'children', 'export-child.ts'), endpoint, store.db.tableName, exportConsortium(size), SINGLE_PROJECT, format],
      { cwd: root, maxBuffer: 1024 * 1024, timeout: 3_600_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Exported;
    if (result.status !== 'done') throw new Error(`${format} export of ${size} deliverables: ${result.status} ${result.failureReason ?? ''}`);
    return result;
  };

  const figures: Figure[] = [];
  for (const format of formats) {
    const sizes = exportSizes.filter((size) => format !== 'pdf' || size <= pdfMaxSize);
    const results = [];
    for (const size of sizes) results.push({ size, ...(await exportOnce(format, size)) });
    for (let index = 1; index < results.length; index++) {
      const [before, now] = [results[index - 1]!, results[index]!];
      const growth = now.size / before.size;
      const atGoalSize = now.size === GOAL_SIZE;
      const secondsGoal = SECONDS_GOAL[format];
      const details = { bytes: now.bytes, peakRssMb: now.peakRssMb, baselineRssMb: now.baselineRssMb, deliverables: now.size, deliverablesBefore: before.size };
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
      `One child process per format and size (bench/children/export-child.ts, run with tsx): it runs the export job on a project already in the table, sampling its resident memory every 10 ms; the peak includes Node, tsx and the SDK (about ${Math.round(figures[0]?.details?.baselineRssMb as number ?? 0)} MB before the export starts).`,
      `Projects of ${exportSizes.map((s) => s.toLocaleString('en')).join(', ')} deliverables with 2 log entries each; PDF up to ${pdfMaxSize.toLocaleString('en')}. The 10 000 goals are absolute (the issue's), the larger size is compared with the one before.`,
    ],
  };
};
