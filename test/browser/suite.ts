// One running suite and one browser for a browser test file: started before its tests, stopped
// after them, and every page opened through it checked for blocked content at the end.
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiOf, type TestApi } from './api';
import { openContext, saveScreenshot, type Session, type Viewport } from './pages';
import { launchChromium, startRuntime, type Runtime } from './runtime';

export interface Suite {
  readonly runtime: Runtime;
  readonly browser: Browser;
  /** Arranges and checks through the API (never the step under test). */
  readonly api: TestApi;
  /** A fresh context in `language`; a failing test saves what its page showed, as `<name>-failed-<n>`. */
  open(viewport: Viewport, language?: 'it' | 'en'): Promise<Session>;
}

export function startSuite(name: string): Suite {
  const sessions: Session[] = [];
  const started = {} as { runtime: Runtime; browser: Browser; api: TestApi };
  beforeAll(async () => {
    started.runtime = await startRuntime();
    started.browser = await launchChromium();
    started.api = apiOf(started.runtime.base);
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.runtime?.stop();
    for (const { problems } of sessions) expect(problems).toEqual([]);
  }, 60_000);
  return {
    get runtime() { return started.runtime; },
    get browser() { return started.browser; },
    get api() { return started.api; },
    async open(viewport, language = 'en') {
      const session = await openContext(started.browser, viewport, language);
      sessions.push(session);
      onTestFailed(async () => {
        if (!session.page.isClosed()) await saveScreenshot(session.page, viewport, `${name}-failed-${sessions.indexOf(session)}`);
      });
      return session;
    },
  };
}
