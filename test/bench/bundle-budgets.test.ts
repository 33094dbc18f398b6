// The API bundle keeps its budget against the baseline bundle (bench/lib/budgets.ts): a change that
// grows its cold-start part or its whole beyond the ceiling fails here, naming what it holds beyond
// the baseline; and it loads no route group at cold start. Built as `npm run build` builds it, into
// a temporary folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BUNDLE_BUDGET, buildBaseline, bundleBudgetFailures } from '../../bench/lib/budgets';
import { buildFunctions, bundle, type BundleFigures } from '../../dev/build';

let folder: string;
let api: BundleFigures;
let baseline: Awaited<ReturnType<typeof buildBaseline>>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-budgets-'));
  const [functions, base] = await Promise.all([
    buildFunctions({ outRoot: join(folder, 'functions'), names: ['api'] }),
    buildBaseline(resolve('.'), join(folder, 'baseline')),
  ]);
  [api, baseline] = [functions[0]!, base];
}, 60_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the API bundle budget', () => {
  it('keeps its cold-start part and its whole within their ceilings', () => {
    expect(bundleBudgetFailures(api, baseline, API_BUNDLE_BUDGET)).toEqual([]);
    const ratio = (bytes: number) => (bytes / baseline.bytes).toFixed(2);
    console.log(`The API bundle: cold-start part ${ratio(api.coldStartBytes)}x, whole ${ratio(api.bytes)}x the baseline's ${(baseline.bytes / 1024).toFixed(0)} KB.`);
  });

  it('loads no route group, route schema or OpenAPI code at cold start', () => {
    const coldFiles = new Set(api.files.slice(0, api.coldStartFiles));
    const coldInputs = Object.entries(api.metafile.outputs)
      .filter(([file]) => coldFiles.has(relative(api.dir, resolve(file))))
      .flatMap(([, output]) => Object.keys(output.inputs));
    const routeCode = /(^shared\/api\/(routes\/|openapi|group-app|guard))|node_modules\/(@asteasolutions\/zod-to-openapi|@hono\/zod-openapi)\//;

    expect([...new Set(coldInputs.filter((input) => routeCode.test(input)))]).toEqual([]);
    expect(coldInputs).toContain('shared/api/route-groups.ts');
  });

  it('fails a bundle that loads more at cold start, naming what it holds beyond the baseline', async () => {
    // A deliberate excess: a handler that imports the route schemas statically, against a budget of 1x.
    const entry = join(folder, 'fat.ts');
    await writeFile(entry, `export { memberRoutes as handler } from ${JSON.stringify(resolve('shared/api/routes/directory.ts'))};\n`);
    const fat = await bundle('fat', entry, join(folder, 'fat'));

    const failures = bundleBudgetFailures(fat, { bytes: 64 * 1024, parts: new Map() }, { coldStart: 1, whole: 100 });

    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^fat: cold-start part \d+ KB is over its budget of 64 KB \(1x the baseline's 64 KB\); beyond the baseline it holds zod \+\d+ KB, /);
    expect(failures[0]).toMatch(/@asteasolutions\/zod-to-openapi \+\d+ KB/);
  });
});
