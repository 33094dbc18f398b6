// Writes the latest run's figures into bench/README.md, between its two results markers, so that
// the README always shows the figures of the results file beside it. Run alone
// (`npx tsx bench/lib/readme.ts`) it renders bench/results.json again.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, type Results } from './results';
import { describeLoad } from './load';

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function resultsMarkdown(results: Results): string {
  const { machine } = results;
  const loads = results.sections.map((section) => section.loadAverage).filter((load) => load !== undefined);
  const lines = [
    `Latest run of ${when(results.date)}${results.quick ? ' (quick)' : ''}${results.partial ? ` (sections ${results.partial.sections.join(', ')} only; the others are from the run of ${when(results.partial.earlierDate ?? '')})` : ''}: ` +
      `Node ${results.node}, ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, ${machine.platform} ${machine.release}; ` +
      `data set of ${Number(results.data.items).toLocaleString('en')} items written in ${results.data.seconds} s. ` +
      `The machine's ${machine.cores} cores were shared with other work during the run (1-minute load average ${loads.length > 0 ? `${Math.min(...loads)} to ${Math.max(...loads)}` : machine.loadAverage?.join(', ') ?? 'not recorded'} at the sections' ends), so read ratios rather than absolute times.`,
  ];
  for (const section of results.sections) {
    lines.push('', `#### ${section.title}`, '');
    if (section.measuredAt) {
      const load = section.load ? describeLoad(section.load) : `load average ${section.loadAverage}`;
      lines.push(`Measured ${when(section.measuredAt)} in ${Math.round(section.seconds ?? 0)} s, ${load}.`, '');
    }
    if (section.notMeasured) {
      lines.push(`Not measured: ${section.notMeasured}.`);
      continue;
    }
    lines.push('| figure | value | baseline | ratio | goal |', '| --- | ---: | ---: | ---: | --- |');
    for (const f of section.figures) {
      const goal = f.goal ? `${f.goal.met ? 'met' : '**not met**'}: ${f.goal.text}` : '';
      lines.push(`| ${f.label} | ${round(f.value)} ${f.unit} | ${round(f.baseline.value)} ${f.unit} (${f.baseline.label}) | ${Number.isFinite(f.ratio) ? f.ratio.toFixed(2) : '–'} | ${goal} |`);
    }
    if (section.notes.length > 0) lines.push('', ...section.notes.map((note) => `- ${note}`));
  }
  return lines.join('\n');
}

export async function updateReadme(readmePath: string, results: Results): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath} has no ${START} … ${END} block`);
  await writeFile(readmePath, `${readme.slice(0, start + START.length)}\n${resultsMarkdown(results)}\n${readme.slice(end)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bench = resolve(fileURLToPath(new URL('..', import.meta.url)));
  await updateReadme(join(bench, 'README.md'), JSON.parse(await readFile(join(bench, 'results.json'), 'utf8')) as Results);
}
