// 2. Bundle: each function's size (minified, gzip) and the part it loads at cold start, against a
// baseline bundle holding only the DocumentClient and one Query, built the same way in this run.
import { join } from 'node:path';
import { buildLikeAFunction, ensureBuilt, functionNames, measureBundle } from '../lib/bundles';
import type { SectionRunner } from '../lib/context';
import { say } from '../lib/progress';
import { figure, type Figure } from '../lib/results';

const kb = (bytes: number) => bytes / 1024;

/** Where the cold-start section finds the baseline bundle this section builds. */
export const baselineBundle = (workDir: string) => join(workDir, 'baseline', 'index.mjs');

export const bundleSection: SectionRunner = async ({ root, workDir, quick }) => {
  // A full run measures the code as it is now; a quick run reuses a build that exists.
  say(quick ? '  build: npm run build unless dist/api exists' : '  build: npm run build');
  const weighs = await ensureBuilt(root, !quick);
  const base = await buildLikeAFunction(join(root, 'bench', 'baseline', 'handler.ts'), baselineBundle(workDir));
  const baseline = (what: string, bytes: number) => ({ label: `baseline ${what}`, value: kb(bytes) });
  const figures: Figure[] = [];
  const notes = [
    `Baseline: bench/baseline/handler.ts (DocumentClient + one Query), bundled with the options of dev/build.ts: ${kb(base.bytes).toFixed(0)} KB minified, ${kb(base.gzipBytes).toFixed(0)} KB gzip.`,
    'Whole: every .mjs/.js file in dist/<name>/. Cold-start part: the entry and the chunks it imports statically (what import() loads later is left out), read from esbuild\'s metafile of the built files.',
  ];
  for (const name of await functionNames(root)) {
    say(`  measuring dist/${name}`);
    const { whole, coldStart } = await measureBundle(root, join(root, 'dist', name));
    const analysis = weighs.get(name);
    const api = name === 'api';
    const details = { files: whole.files, coldStartFiles: coldStart.files, heaviest: analysis?.heaviest, developmentModules: analysis?.developmentModules };
    figures.push(
      figure(`bundle.${name}.coldStart.min`, `${name}: cold-start part, minified`, 'KB', kb(coldStart.bytes), baseline('minified', base.bytes), {
        ...(api ? { goal: { text: 'at most 1.5x the baseline', met: coldStart.bytes <= 1.5 * base.bytes } } : {}),
        details,
      }),
      figure(`bundle.${name}.coldStart.gzip`, `${name}: cold-start part, gzip`, 'KB', kb(coldStart.gzipBytes), baseline('gzip', base.gzipBytes)),
      figure(`bundle.${name}.whole.min`, `${name}: whole, minified`, 'KB', kb(whole.bytes), baseline('minified', base.bytes), {
        ...(api ? { goal: { text: 'at most 3x the baseline, no development-only code', met: whole.bytes <= 3 * base.bytes && (analysis?.developmentModules.length ?? 0) === 0 } } : {}),
      }),
      figure(`bundle.${name}.whole.gzip`, `${name}: whole, gzip`, 'KB', kb(whole.gzipBytes), baseline('gzip', base.gzipBytes)),
      // E.g. what the export worker loads for a CSV job: its cold-start part and the CSV builder's chunks.
      ...(analysis?.loads ?? []).map((load) =>
        figure(`bundle.${name}.${load.id}.min`, `${name}: ${load.job} loads, minified`, 'KB', kb(load.bytes), baseline('minified', base.bytes), {
          details: { gzipKb: kb(load.gzipBytes) },
        }),
      ),
    );
    if (analysis) {
      notes.push(`${name}: heaviest parts of the cold-start part (KB minified) ${analysis.heaviest.map((p) => `${p.part} ${p.kb}`).join(', ')}; development-only modules: ${analysis.developmentModules.length === 0 ? 'none' : analysis.developmentModules.join(', ')}.`);
    }
  }
  return { id: 'bundle', title: '2. Bundle size (KB)', figures, notes };
};
