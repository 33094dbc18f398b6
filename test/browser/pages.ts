// What every browser flow does: a context of its own (viewport, language), sign-in as a demo
// person, screenshots under test-results/, axe-core checks, and the page's CSP complaints.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RESULTS = join(root, 'test-results', 'browser');
mkdirSync(RESULTS, { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export const VIEWPORTS: Viewport[] = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: '375px', width: 375, height: 812 },
];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Messages about blocked content (the content security policy) and uncaught errors. */
  problems: string[];
}

/** A fresh context: nothing stored, the dashboard in `language`. */
export async function openContext(browser: Browser, viewport: Viewport, language: 'it' | 'en' = 'en'): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: language === 'it' ? 'it-IT' : 'en-GB' });
  await context.addInitScript((chosen) => {
    if (!localStorage.getItem('rete.language')) localStorage.setItem('rete.language', chosen);
  }, language);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export async function signIn(page: Page, base: string, person: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('#demo-user').selectOption(person);
  await page.locator('form button[type=submit]').click();
  await page.locator('header nav').waitFor();
}

export async function saveScreenshot(page: Page, viewport: Viewport, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}-${viewport.name}.png`), fullPage: true });
}

/** Saves a screenshot, and checks that the page fits its width (wide tables scroll in their own box). */
export async function screenshot(page: Page, viewport: Viewport, name: string): Promise<void> {
  await saveScreenshot(page, viewport, name);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > viewport.width) throw new Error(`${name}: the page is ${width} px wide in a ${viewport.width} px viewport`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Presses Tab until the focused element is the one `matches` names; fails after `limit` presses. */
export async function tabTo(page: Page, describe: string, matches: (element: Element) => boolean, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`${limit} presses of Tab never reached ${describe}`);
}

/** The focused element's outline: what shows keyboard users where they are. */
export function focusOutline(page: Page): Promise<{ style: string; width: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
}
