// 7. Dashboard: its built JavaScript (gzip) against Preact alone built the same way, and, in
// Chromium, the time to render a project's timeline and its deliverables table with 3 000
// deliverables against an empty project, both served with the API from this process.
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { writeSyntheticProject } from '../../dev/synthetic-project';
import { personItem } from '../../shared/store/people';
import { buildWeb, webOut } from '../../web/build';
import { createBenchApp } from '../lib/bench-app';
import type { BenchContext, SectionRunner } from '../lib/context';
import { progress } from '../lib/progress';
import { figure, type Figure } from '../lib/results';
import { median } from '../lib/stats';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The goal is for what the deliverables cost: the page of the full project against the same
 * page of the empty one (loading the app, signing in and the directory are common to both).
 */
const renderGoal = ({ full, empty }: { full: number; empty: number }) => ({
  text: `the deliverables add under 500 ms to the empty project's page (here ${Math.round(full - empty)} ms)`,
  met: full - empty < 500,
});
const CONSORTIUM = 'dashboard';
const PERSON = 'bench-dashboard';

async function preactBaselineGzip(root: string): Promise<number> {
  const result = await build({
    entryPoints: [join(root, 'bench', 'baseline', 'web.ts')], bundle: true, minify: true, format: 'esm', target: ['es2020'],
    platform: 'browser', legalComments: 'none', write: false, logLevel: 'warning',
  });
  return gzipSync(result.outputFiles[0]!.contents).length;
}

async function writeProjects({ store }: BenchContext, size: number) {
  for (const [projectId, deliverables] of [['full', size], ['empty', 0]] as const) {
    await writeSyntheticProject(store, { consortiumId: CONSORTIUM, projectId, deliverables, logsPerDeliverable: 0, members: 20, concurrency: 8 });
  }
  const at = '2026-01-15T10:00:00.000Z';
  await store.db.putAll([personItem({ id: PERSON, consortiumId: CONSORTIUM, email: 'dashboard@example.org', name: 'Dashboard coordinator', language: 'en', role: 'coordinator', version: 1, createdAt: at, updatedAt: at })]);
}

export const dashboardSection: SectionRunner = async (context) => {
  const { root, quick } = context;
  if (!existsSync(CHROMIUM)) {
    return { id: 'dashboard', title: '7. Dashboard', figures: [], notes: [], notMeasured: `no Chromium at ${CHROMIUM}` };
  }
  progress('  building the dashboard');
  const built = await buildWeb();
  const baselineGzip = await preactBaselineGzip(root);

  const size = quick ? 300 : 3_000;
  const rounds = quick ? 1 : 7;
  await writeProjects(context, size);
  const { app, token } = await createBenchApp(context.store, PERSON);
  app.get('/config.json', (c) => c.json({ auth: { kind: 'local' } }));
  app.use('/*', serveStatic({ root: relative(process.cwd(), webOut) }));
  // The dashboard's addresses are History API paths: the server answers them with the page.
  app.get('*', (c) => c.html(readFileSync(join(webOut, 'index.html'), 'utf8')));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    /** Milliseconds from navigation to the page drawn with all its data (the last page of the list read). */
    const render = async (path: string, ready: string, lastRequest: RegExp) => {
      const page = await browser!.newPage();
      // Signed in already, as the local login would leave it (the session lives in sessionStorage).
      await page.addInitScript((session) => sessionStorage.setItem('rete.session', session), JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 }));
      const started = performance.now();
      const lastPage = page.waitForResponse(async (response) => lastRequest.test(response.url()) && (await response.json().catch(() => ({}))).nextCursor == null, { timeout: 120_000 });
      await page.goto(`${origin}${path}`);
      await lastPage;
      await page.waitForSelector(ready, { timeout: 120_000 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const ms = performance.now() - started;
      await page.close();
      return ms;
    };
    const measure = async (label: string, tab: string, ready: string, lastRequest: RegExp) => {
      const times = { full: [] as number[], empty: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        progress(`  ${label}: round ${round + 1} / ${rounds}`);
        times.full.push(await render(`/projects/full${tab}`, ready, lastRequest));
        times.empty.push(await render(`/projects/empty${tab}`, ready, lastRequest));
      }
      return { full: median(times.full), empty: median(times.empty) };
    };
    const timeline = await measure('timeline', '', 'figure.timeline .timeline-chart', /\/overview$/);
    const table = await measure('deliverables table', '/deliverables', 'table', /\/deliverables\?limit=100/);
    const figures: Figure[] = [
      figure('dashboard.js.gzip', 'JavaScript, gzip', 'KB', built.scriptGzipBytes / 1024, { label: 'Preact alone, same build', value: baselineGzip / 1024 }, {
        goal: { text: 'under 60 KB gzip', met: built.scriptGzipBytes < 60 * 1024 },
      }),
      figure('dashboard.timeline', `project timeline, ${size.toLocaleString('en')} deliverables`, 'ms', timeline.full, { label: 'empty project', value: timeline.empty }, {
        goal: renderGoal(timeline), details: { addedMs: timeline.full - timeline.empty },
      }),
      figure('dashboard.deliverables', `deliverables table, ${size.toLocaleString('en')} deliverables`, 'ms', table.full, { label: 'empty project', value: table.empty }, {
        goal: renderGoal(table), details: { addedMs: table.full - table.empty },
      }),
    ];
    return {
      id: 'dashboard',
      title: '7. Dashboard',
      figures,
      notes: [
        `Built by web/build.ts; served with the API from this process (node-server) on 127.0.0.1; headless Chromium (${CHROMIUM}), a fresh page each time, signed in through the session the local login leaves; median of ${rounds}.`,
        'Render time: from navigation to two animation frames after the last page of data (the overview, or the last page of 100 deliverables) arrived and the timeline or table is in the page. It includes loading the app and its start-up requests (/me, members, funders), the same for the empty project: the goal is on the difference.',
      ],
    };
  } finally {
    await browser?.close();
    server.close();
  }
};
