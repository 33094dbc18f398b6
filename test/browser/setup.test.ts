// Setting up through the dashboard alone, in a real browser against the running suite: a
// coordinator adds members and a funder, creates a project with its phases and deliverables,
// changes dates and an owner, removes a planned deliverable, and meets the API's field errors
// beside their fields. Then the new pages in both languages, at a desktop width and at 375 px, with axe.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { VIEWPORTS, openContext, saveScreenshot, screenshot, seriousViolations, signIn, tabTo, type Session, type Viewport } from './pages';
import { launchChromium, startRuntime, type Runtime } from './runtime';
import {
  addDeliverable, addFunder, addMember, addPhase, admitMember, recordExit, changeDeliverable, changePhaseDates, createProject, fillMember, movePhaseUp,
  openDirectory, removeDeliverable,
} from './setup-steps';

let runtime: Runtime;
let browser: Browser;
const sessions: Session[] = [];
const desktop = VIEWPORTS[0]!;
/** The project the first flow creates, for the pages' checks. */
let projectId = '';

beforeAll(async () => {
  runtime = await startRuntime();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const { problems } of sessions) expect(problems).toEqual([]);
  await browser?.close();
  await runtime?.stop();
}, 60_000);

async function open(viewport: Viewport, language: 'en' | 'it' = 'en') {
  const session = await openContext(browser, viewport, language);
  sessions.push(session);
  onTestFailed(async () => {
    if (!session.page.isClosed()) await saveScreenshot(session.page, viewport, `setup-failed-${sessions.indexOf(session)}`);
  });
  return session;
}

/** A calendar date as the dashboard shows it in English. */
const day = (value: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));

const ALBA = { name: 'Cooperativa Alba Teatro', sector: 'theatre', orgId: 'IT-CF-04000000001', city: 'Mantova' };
const BORGO = { name: 'Cooperativa Borgo Musica', sector: 'music', orgId: 'IT-CF-04000000002' };
const FUNDER = { name: 'Fondazione Ponte Vecchio', orgId: 'IT-CF-05000000001', programme: 'Culture that lasts 2027' };

describe('a coordinator sets up a project from the dashboard alone', { timeout: 240_000 }, () => {
  it('adds two members and a funder, creates a project with three phases and deliverables, changes them and removes a planned one', async () => {
    const { page, context } = await open(desktop);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await openDirectory(page, runtime.base);

    // The API refuses the identifier: its words stand beside the field, and what was typed stays.
    const form = await fillMember(page, { ...ALBA, orgId: '01234567890' });
    const orgId = form.getByLabel('Organisation identifier', { exact: true });
    await form.locator('small.field-error').getByText(/must be an org-id\.guide identifier/).waitFor();
    expect(await orgId.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await orgId.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${describedBy.at(-1)}"]`).textContent()).toMatch(/org-id\.guide/);
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe(ALBA.name);
    expect(await form.getByLabel('City', { exact: true }).inputValue()).toBe(ALBA.city);
    expect(await orgId.inputValue()).toBe('01234567890');
    await screenshot(page, desktop, 'setup-field-error');
    await orgId.fill(ALBA.orgId);
    await form.getByRole('button', { name: 'Add a member' }).click();
    await page.getByRole('heading', { name: ALBA.name, level: 3 }).waitFor();

    // The second member with the keyboard alone.
    await page.goto(`${runtime.base}/directory`);
    await tabTo(page, "the new member's name", (element) => element.tagName === 'INPUT' && element.closest('form')?.getAttribute('aria-label') === 'Add a member');
    await page.keyboard.type(BORGO.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(BORGO.sector);
    await page.keyboard.press('Tab');
    await page.keyboard.type(BORGO.orgId);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: BORGO.name, level: 3 }).waitFor();
    // An applicant admitted, then leaving: the exit, which cannot be undone, is confirmed first.
    await addMember(page, { name: 'Cooperativa Canale Danza', sector: 'dance', orgId: 'IT-CF-04000000003', status: 'applicant' });
    await admitMember(page, 'Cooperativa Canale Danza', '2026-09-01');
    expect(await recordExit(page, 'Cooperativa Canale Danza', '2026-10-31')).toMatch(/Cooperativa Canale Danza will leave the consortium: this cannot be undone/);
    await page.locator('li.card').filter({ hasText: 'Cooperativa Canale Danza' }).getByText(`Left · joined ${day('2026-09-01')} · left ${day('2026-10-31')}`).waitFor();
    await addFunder(page, FUNDER);
    await screenshot(page, desktop, 'setup-directory');

    projectId = await createProject(page, runtime.base, {
      title: 'Rete dei teatri di Mantova', funder: FUNDER.name, call: 'Culture that lasts 2027', grantEuros: '120000', cofinancingEuros: '30000,50',
      startDate: '2027-01-01', endDate: '2029-12-31', objectives: ['Share one season', 'Open to new members'],
      partners: [{ member: ALBA.name, role: 'lead', shareEuros: '70000' }, { member: BORGO.name, role: 'partner', shareEuros: '50000' }],
    });

    await addPhase(page, { title: 'Avvio', start: '2027-01-01', end: '2027-12-31' });
    await addPhase(page, { title: 'Consolidamento', start: '2029-01-01', end: '2029-12-31' });
    await addPhase(page, { title: 'Stagione comune', start: '2028-01-01', end: '2028-12-31' });
    await movePhaseUp(page, 'Stagione comune');
    expect(await page.locator('ol.plan-list > li strong').allTextContents()).toEqual(['1. Avvio', '2. Stagione comune', '3. Consolidamento']);

    const deliverables = [
      { title: 'Accordo di rete', phase: '1. Avvio', owner: ALBA.name, due: '2027-03-31' },
      { title: 'Mappa delle sale', phase: '1. Avvio', owner: BORGO.name, due: '2027-06-30' },
      { title: 'Cartellone unico', kind: 'Product', phase: '2. Stagione comune', owner: ALBA.name, due: '2028-06-30' },
      { title: 'Festival di apertura', kind: 'Event', phase: '2. Stagione comune', owner: BORGO.name, due: '2028-09-30' },
      { title: 'Bilancio finale', phase: '3. Consolidamento', owner: ALBA.name, due: '2029-12-15' },
    ];
    for (const deliverable of deliverables) await addDeliverable(page, deliverable);

    await changePhaseDates(page, 'Avvio', { start: '2027-02-01', end: '2027-11-30' });
    await page.locator('ol.plan-list > li').filter({ hasText: '1. Avvio' }).getByText(`${day('2027-02-01')} – ${day('2027-11-30')}`).waitFor();
    await changeDeliverable(page, 'Bilancio finale', { owner: BORGO.name });
    await page.locator('ul.plan-list > li').filter({ hasText: 'Bilancio finale' }).filter({ hasText: BORGO.name }).waitFor();
    await changeDeliverable(page, 'Mappa delle sale', { phase: '2. Stagione comune', due: '2028-02-28' });
    const secondPhase = page.locator('div').filter({ has: page.getByRole('heading', { name: '2. Stagione comune' }) }).last();
    await secondPhase.getByRole('link', { name: 'Mappa delle sale' }).waitFor();

    const asked = await removeDeliverable(page, 'Festival di apertura');
    expect(asked).toMatch(/Festival di apertura.*cannot be undone/);
    expect(await page.locator('ul.plan-list > li').count()).toBe(4);
    await screenshot(page, desktop, 'setup-plan');

    // The project page says who funds it and each partner's role, with the phases in their order.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('cell', { name: 'Lead partner' }).waitFor();
    expect(await page.getByText(FUNDER.name).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 3 }).filter({ hasText: /^\d\. / }).allTextContents()).toEqual([
      expect.stringMatching(/^1\. Avvio/), expect.stringMatching(/^2\. Stagione comune/), expect.stringMatching(/^3\. Consolidamento/),
    ]);

    // Changing the project keeps what the form was given.
    await page.getByRole('link', { name: 'Change the project' }).click();
    const edit = page.getByRole('form', { name: 'Change Rete dei teatri di Mantova' });
    expect(await edit.getByLabel('Co-financing (€)', { exact: true }).inputValue()).toBe('30000.50');
    expect(await edit.getByLabel('Role', { exact: true }).nth(0).inputValue()).toBe('lead');
    await edit.getByLabel('Role', { exact: true }).nth(1).selectOption({ label: 'Lead partner' });
    await edit.getByLabel('End date', { exact: true }).fill('2030-06-30');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await edit.getByRole('group', { name: 'Partners, their roles and budget shares' }).getByText('may have at most one lead partner').waitFor();
    expect(await edit.getByLabel('End date', { exact: true }).inputValue()).toBe('2030-06-30');
    expect(await edit.getByLabel('Role', { exact: true }).nth(1).inputValue()).toBe('lead');
    await edit.getByLabel('Role', { exact: true }).nth(1).selectOption({ label: 'Partner' });
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(`${runtime.base}/projects/${projectId}`);
    await page.getByText(day('2030-06-30')).first().waitFor();
    await context.close();
  });
});

describe('the setting-up pages', { timeout: 300_000 }, () => {
  /** Waits until nothing on the page says it is loading, and unfolds every folded editor. */
  async function settled(session: Session) {
    await session.page.waitForLoadState('networkidle');
    await expect.poll(() => session.page.getByText(/^(Loading…|Caricamento…)$/).count()).toBe(0);
    await session.page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
  }

  it.each(['en', 'it'] as const)('fit 375 px and a desktop, and axe finds no serious or critical violation (%s)', async (language) => {
    expect(projectId, 'the first flow created a project').not.toBe('');
    const found: string[] = [];
    const paths = ['/', '/directory', '/projects/new', `/projects/${projectId}/plan`, `/projects/${projectId}/edit`];
    for (const viewport of VIEWPORTS) {
      const session = await open(viewport, language);
      await signIn(session.page, runtime.base, COORDINATOR_PERSON_ID);
      for (const path of paths) {
        await session.page.goto(`${runtime.base}${path}`);
        await settled(session);
        expect(await session.page.locator('html').getAttribute('lang')).toBe(language);
        for (const violation of await seriousViolations(session.page)) found.push(`${path} at ${viewport.name}: ${violation}`);
        await screenshot(session.page, viewport, `setup-${language}${path === '/' ? '-home' : path.replaceAll('/', '-').replace(projectId, 'project')}`);
      }
      await session.context.close();
    }
    expect(found).toEqual([]);
  });

  it('speak Italian when Italian is chosen', async () => {
    const { page, context } = await open(desktop, 'it');
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.getByRole('link', { name: 'Socie e finanziatori' }).click();
    await page.getByRole('heading', { name: 'Cooperative socie' }).waitFor();
    await page.getByRole('form', { name: 'Aggiungi una socia' }).getByLabel('Identificativo dell’organizzazione', { exact: true }).waitFor();
    await page.goto(`${runtime.base}/projects/${projectId}/plan`);
    await page.getByRole('heading', { name: 'Fasi in ordine' }).waitFor();
    await page.getByRole('button', { name: 'Elimina Cartellone unico' }).waitFor();
    await context.close();
  });
});
