// The build refuses a bundle that would carry development-only code into a Lambda function, and
// keeps the PDF and XLSX code out of what the export worker loads for a CSV job, and anything but the
// store and the DynamoDB client out of the sealer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions, bundle, loadedWith } from './build';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-build-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the function build', () => {
  it('fails when a function imports the development token issuer', async () => {
    const entry = join(folder, 'handler.ts');
    await writeFile(entry, `export { createDevIssuer as handler } from ${JSON.stringify(resolve('dev/dev-issuer.ts'))};\n`);

    const failure = await bundle('leaky', entry, join(folder, 'out')).then(() => undefined, (error: Error) => error.message);

    expect(failure).toMatch(/^Development-only code in the leaky bundle: /);
    expect(failure).toContain('dev/dev-issuer.ts');
    expect(failure).toMatch(/node_modules\/jose\//);
  });

  it('measures a clean bundle: its entry first, what a cold start loads within the whole', async () => {
    const entry = join(folder, 'clean.ts');
    await writeFile(entry, `export const handler = async () => (await import('node:zlib')).gzipSync('x').length;\n`);

    const figures = await bundle('clean', entry, join(folder, 'clean'));

    expect(figures.files[0]).toBe('index.mjs');
    expect(figures.coldStartBytes).toBeGreaterThan(0);
    expect(figures.coldStartBytes).toBeLessThanOrEqual(figures.bytes);
  });
});

/**
 * What the PDF and XLSX builders bring: the packages (and the compression libraries they use,
 * as esbuild's metafile of the worker shows them) and fonts. A CSV job loads none of them.
 */
const PDF_AND_XLSX_CODE = /node_modules\/(exceljs|pdfkit|fontkit|brotli|pako|jszip|archiver|archiver-utils|zip-stream|compress-commons|crc32-stream|unzipper|tiny-inflate|fflate)\//;
const FONT_FILE = /\.(ttf|otf|afm|woff2?)$/i;
const PDF_AND_XLSX_BUILDERS = /^shared\/reports\/(pdf|pdf-layout|xlsx)\.ts$/;
/** The offending package, font or builder of each input, once each: a short message when the check fails. */
const offending = (inputs: string[]) => [
  ...new Set(
    inputs
      .filter((input) => PDF_AND_XLSX_CODE.test(input) || FONT_FILE.test(input) || PDF_AND_XLSX_BUILDERS.test(input))
      .map((input) => input.match(PDF_AND_XLSX_CODE)?.[1] ?? input),
  ),
];

describe('the export worker bundle', () => {
  it("loads for a CSV job (its cold-start part and the CSV builder's chunks) no PDF or XLSX code, compression or fonts", async () => {
    const [worker] = await buildFunctions({ outRoot: join(folder, 'functions'), names: ['export-worker'] });

    const csvJob = loadedWith(worker!, 'shared/reports/csv.ts');
    const pdfJob = loadedWith(worker!, 'shared/reports/pdf.ts');

    expect(offending(csvJob.inputs)).toEqual([]);
    expect(csvJob.inputs).toContain('shared/reports/csv.ts');
    expect(csvJob.inputs.some((input) => /node_modules\/csv-stringify\//.test(input))).toBe(true);
    expect(csvJob.bytes).toBeGreaterThan(worker!.coldStartBytes);
    console.log(`The export worker loads ${(csvJob.bytes / 1024).toFixed(0)} KB for a CSV job (${(worker!.coldStartBytes / 1024).toFixed(0)} KB at cold start, ${(worker!.bytes / 1024).toFixed(0)} KB in all).`);
    // The check sees them where they are: a PDF job loads pdfkit, fontkit and brotli.
    expect(offending(pdfJob.inputs)).toEqual(expect.arrayContaining(['pdfkit', 'fontkit', 'brotli', 'shared/reports/pdf-layout.ts']));
  });
});

describe('the sealer bundle', () => {
  it('holds the store and the DynamoDB client only: no HTTP app, no other AWS client, no report builder', async () => {
    const [sealer] = await buildFunctions({ outRoot: join(folder, 'functions'), names: ['sealer'] });

    const inputs = Object.keys(sealer!.metafile.inputs);

    expect(inputs).toContain('functions/sealer/handler.ts');
    expect(inputs.some((input) => /node_modules\/@aws-sdk\/client-dynamodb\//.test(input))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(hono|@hono|@aws-sdk\/client-(s3|sqs|sesv2|cognito-identity-provider))\//.test(input))).toEqual([]);
    expect(inputs.filter((input) => /^shared\/(api|reports|files|mail)\//.test(input))).toEqual([]);
  });
});
