// The dashboard's build: web/src bundled by esbuild into dist/web (app.js, app.css, index.html and
// the share page), minified. It prints the gzip size of the JavaScript and fails above the budget.
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const webOut = join(root, 'dist', 'web');

/** The budget: the app's JavaScript, charts included, stays under 60 KB gzip. */
export const SCRIPT_BUDGET_GZIP_BYTES = 60 * 1024;

export interface WebBuild {
  files: { name: string; bytes: number; gzipBytes: number }[];
  scriptGzipBytes: number;
}

export async function buildWeb(): Promise<WebBuild> {
  await rm(webOut, { recursive: true, force: true });
  await mkdir(webOut, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'web', 'src', 'main.tsx'), share: join(root, 'web', 'src', 'share', 'share.ts') },
    outdir: webOut,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const publicDir = join(root, 'web', 'public');
  for (const name of await readdir(publicDir)) await copyFile(join(publicDir, name), join(webOut, name));

  const files = [];
  for (const name of (await readdir(webOut)).sort()) {
    const bytes = (await stat(join(webOut, name))).size;
    files.push({ name, bytes, gzipBytes: gzipSync(await readFile(join(webOut, name))).length });
  }
  const scriptGzipBytes = files.filter((file) => file.name.endsWith('.js')).reduce((sum, file) => sum + file.gzipBytes, 0);
  if (scriptGzipBytes > SCRIPT_BUDGET_GZIP_BYTES) {
    throw new Error(`The dashboard's JavaScript is ${kb(scriptGzipBytes)} gzip, above the budget of ${kb(SCRIPT_BUDGET_GZIP_BYTES)}`);
  }
  return { files, scriptGzipBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function describeWebBuild({ files, scriptGzipBytes }: WebBuild): string[] {
  return [
    ...files.map((file) => `dist/web/${file.name}  ${kb(file.bytes)}, ${kb(file.gzipBytes)} gzip`),
    `dist/web JavaScript: ${kb(scriptGzipBytes)} gzip of ${kb(SCRIPT_BUDGET_GZIP_BYTES)} allowed`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of describeWebBuild(await buildWeb())) console.log(line);
}
