// The dashboard in a real browser against the running suite: the acceptance flows of each role, at
// a desktop width and at 375 px. Each flow saves a screenshot under test-results/browser/, and
// fails if the page's content security policy blocked anything.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { COORDINATOR_PERSON_ID, memberPersonId } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { apiOf, type TestApi } from './api';
import { VIEWPORTS, focusOutline, openContext, saveScreenshot, screenshot, seriousViolations, signIn, tabTo, type Session, type Viewport } from './pages';
import { launchChromium, startRuntime, type Runtime } from './runtime';

let runtime: Runtime;
let browser: Browser;
let api: TestApi;
const sessions: Session[] = [];

beforeAll(async () => {
  runtime = await startRuntime();
  browser = await launchChromium();
  api = apiOf(runtime.base);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
}, 60_000);

async function open(viewport: Viewport) {
  const session = await openContext(browser, viewport);
  sessions.push(session);
  // What the page showed when a step failed, to see why.
  onTestFailed(async () => {
    if (!session.page.isClosed()) await saveScreenshot(session.page, viewport, `failed-${sessions.indexOf(session)}`);
  });
  return session;
}

const used = new Set<string>();

/** An open deliverable of the active phase that no earlier flow took, with its owner. */
async function openDeliverable(): Promise<{ id: string; title: string; ownerMemberId: string; phaseId: string }> {
  const page = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/deliverables?phaseId=offer&limit=100');
  const found = page.items.find((d: { id: string; status: string }) => ['planned', 'in_progress'].includes(d.status) && !used.has(d.id));
  if (!found) throw new Error('the demo has no open deliverable left in cultnetwork/offer');
  used.add(found.id);
  return found;
}

const phasePercent = async (phaseId: string): Promise<number> =>
  (await api.get(COORDINATOR_PERSON_ID, `/projects/cultnetwork/phases/${phaseId}`)).progress.acceptedPercent;

/** An export of cultnetwork, done and marked as submitted to the funder. */
async function submittedExport(): Promise<string> {
  const asked = await api.call(COORDINATOR_PERSON_ID, 'POST', '/projects/cultnetwork/exports', { formats: ['csv', 'pdf'], language: 'it' });
  let current = asked;
  for (let round = 0; round < 240 && current.status !== 'done'; round++) {
    if (current.status === 'failed') throw new Error(`the export failed: ${current.failureReason}`);
    await new Promise((done) => setTimeout(done, 250));
    current = await api.get(COORDINATOR_PERSON_ID, `/projects/cultnetwork/exports/${asked.id}`);
  }
  await api.call(COORDINATOR_PERSON_ID, 'POST', `/projects/cultnetwork/exports/${asked.id}/submission`, { version: current.version });
  return asked.id;
}

afterAll(() => {
  for (const { problems } of sessions) expect(problems).toEqual([]);
});

describe.each(VIEWPORTS)('the dashboard at $name', { timeout: 180_000 }, (viewport) => {
  it("a member logs progress and submits; a coordinator accepts it from the review queue; the phase's progress on the timeline grows", async () => {
    const deliverable = await openDeliverable();
    const member = await open(viewport);
    await signIn(member.page, runtime.base, memberPersonId(deliverable.ownerMemberId));
    await member.page.getByRole('link', { name: deliverable.title }).click();
    await member.page.getByLabel('What was done').fill('Materials ready and shared with the partners');
    await member.page.getByLabel('Percent done').fill('100');
    await member.page.getByLabel('Evidence link').fill('https://example.org/materials.pdf');
    await member.page.getByLabel('Evidence file').setInputFiles({ name: 'verbale.txt', mimeType: 'text/plain', buffer: Buffer.from('Verbale della riunione') });
    await member.page.getByRole('button', { name: 'Save progress' }).click();
    await member.page.getByText('Progress saved.').waitFor();
    // The uploaded file is in the log, and opens through its download link.
    await member.page.getByRole('button', { name: 'verbale.txt' }).waitFor();
    const logged = await api.get(COORDINATOR_PERSON_ID, `/projects/cultnetwork/deliverables/${deliverable.id}`);
    expect(logged.recentLog[0].evidence).toEqual([{ url: 'https://example.org/materials.pdf' }, { fileId: expect.any(String), name: 'verbale.txt' }]);
    await member.page.getByRole('button', { name: 'Submit for review' }).click();
    await member.page.locator('dd .status-submitted').waitFor();
    await screenshot(member.page, viewport, 'member-submitted');
    await member.context.close();

    const before = await phasePercent(deliverable.phaseId);
    const coordinator = await open(viewport);
    await signIn(coordinator.page, runtime.base, COORDINATOR_PERSON_ID);
    await coordinator.page.goto(`${runtime.base}/projects/cultnetwork`);
    const row = coordinator.page.locator(`tr[data-phase="${deliverable.phaseId}"] .phase-progress`);
    const shownBefore = await row.innerText();
    await coordinator.page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: 'Review queue' }).click();
    const card = coordinator.page.locator(`[data-deliverable="${deliverable.id}"]`);
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.waitFor({ state: 'detached' });
    await coordinator.page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => row.innerText()).not.toBe(shownBefore);
    const after = await phasePercent(deliverable.phaseId);
    expect(after).toBeGreaterThan(before);
    expect(await row.innerText()).toBe(`${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(after)}%`);
    await screenshot(coordinator.page, viewport, 'coordinator-accepted');
    await coordinator.context.close();
  });

  it("a coordinator reads a member's submission in the dashboard's language, though it was sent in Italian", async () => {
    const deliverable = await openDeliverable();
    await api.call(memberPersonId(deliverable.ownerMemberId), 'POST', `/projects/cultnetwork/deliverables/${deliverable.id}/submit`, { note: 'Pronto' });
    const coordinator = await open(viewport);
    await signIn(coordinator.page, runtime.base, COORDINATOR_PERSON_ID);
    await coordinator.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Notifications' }).click();
    await coordinator.page.getByRole('link', { name: `To review: ${deliverable.title}` }).first().waitFor();
    expect(await coordinator.page.getByText(/Da rivedere/).count()).toBe(0);
    await coordinator.context.close();
  });

  it("the project page says who funds it, under which call, each partner's role, and draws the timeline with phase names, a time axis and a readable today", async () => {
    const project = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    const funder = await api.get(COORDINATOR_PERSON_ID, `/funders/${project.funderId}`);
    const phases = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/phases?limit=100')).items;
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork`);
    const facts = page.getByRole('region', { name: 'The project' });
    await facts.getByText(funder.name).waitFor();
    await facts.getByText(project.call).waitFor();
    const partners = facts.getByRole('table', { name: 'Partners, their roles and budget shares' });
    expect(await partners.getByRole('cell', { name: 'Lead partner' }).count()).toBe(project.partners.filter((p: { role: string }) => p.role === 'lead').length);
    expect(await partners.getByRole('cell', { name: 'Partner', exact: true }).count()).toBe(project.partners.filter((p: { role: string }) => p.role === 'partner').length);

    const labels = await page.locator('.timeline-label').allInnerTexts();
    expect(labels).toEqual(phases.map((p: { order: number; title: string }) => `${p.order}. ${p.title}`));
    const ticks = page.locator('.tick-label').filter({ visible: true });
    expect(await ticks.count()).toBeGreaterThanOrEqual(3);
    const nextYear = String(Number(project.startDate.slice(0, 4)) + 1);
    expect((await ticks.allInnerTexts()).some((text) => text.includes(nextYear))).toBe(true);
    const today = page.locator('.today-label');
    expect(await today.innerText()).toBe('Today');
    const fontSize = await today.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(12);
    for (const label of [today, page.locator('.timeline-label').first()]) {
      const box = (await label.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    await screenshot(page, viewport, 'project-overview');

    // Each phase offers the status changes the server allows: an active phase with open work, none.
    const shown = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/overview')).phases;
    expect(shown.some((p: { status: string; actions: string[] }) => p.status === 'active' && p.actions.length === 0)).toBe(true);
    for (const phase of shown) {
      const card = page.getByRole('region', { name: 'Phases and gates' }).locator('li.card').filter({ hasText: phase.title });
      for (const [action, name] of [['start', 'Start the phase'], ['close', 'Close the phase'], ['reopen', 'Reopen the phase']]) {
        expect(await card.getByRole('button', { name }).count(), `${phase.id} ${action}`).toBe(phase.actions.includes(action) ? 1 : 0);
      }
      const gateShut = phase.status === 'active' && !phase.actions.includes('close');
      expect(await card.getByText('It closes once every deliverable of it is accepted.').count()).toBe(gateShut ? 1 : 0);
    }

    // A table wider than the screen says so; one that fits says nothing.
    await page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: 'Deliverables' }).click();
    await page.locator('tbody tr').first().waitFor();
    const wrap = page.locator('.table-wrap');
    const wider = await wrap.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    expect(await page.getByText('This table is wider than the screen').count()).toBe(wider ? 1 : 0);
    if (viewport.width === 375) expect(wider).toBe(true);
    await context.close();
  });

  it('the indicators are each drawn against their own target, money in euros; the offers say "1 offer"; a paid request reads received', async () => {
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork/indicators`);
    const overview = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/overview');
    const rows = page.locator('.indicator-bars li');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(overview.indicators.items.length);
    const money = overview.indicators.items.find((i: { progress: { inEuroCents: boolean } }) => i.progress.inEuroCents);
    const moneyRow = rows.filter({ hasText: money.name });
    expect(await moneyRow.innerText()).toContain(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(money.target / 100));
    expect(await page.getByText(money.unit).count()).toBe(0);
    // Each bar is the indicator's own share of the way to its target.
    for (const [index, indicator] of overview.indicators.items.entries()) {
      const label = await rows.nth(index).locator('.bar').getAttribute('aria-label');
      expect(label).toContain(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(indicator.progress.percent / 100));
    }
    await screenshot(page, viewport, 'indicators');

    await page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: 'Offers' }).click();
    await page.locator('.pipeline').waitFor();
    expect(await page.locator('.pipeline').innerText()).not.toMatch(/\b1 offers\b/);
    for (const [stage, { count }] of Object.entries(overview.offers.byStage as Record<string, { count: number }>)) {
      if (count === 1) expect(await page.locator(`.stage-${stage}`).innerText()).toContain('1 offer');
    }

    const instalments = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/instalments')).items;
    const paid = instalments.filter((i: { requestedCents: number; receivedCents: number }) => i.requestedCents > 0 && i.receivedCents >= i.requestedCents);
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.map((i: { status: string }) => i.status)).toEqual(paid.map(() => 'received'));
    await page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: 'Money' }).click();
    const table = page.getByRole('region', { name: "The funder's instalments" });
    await table.locator('tbody tr').first().waitFor();
    for (const instalment of paid) {
      expect(await table.locator('tbody tr', { has: page.locator(`th:text-is("${instalment.order}")`) }).innerText()).toContain('Received');
    }
    await context.close();
  });

  it('an export asked for says when it is ready, and its files still open once it is marked as submitted', async () => {
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork/exports`);
    await page.getByLabel('PDF').uncheck();
    await page.getByLabel('XLSX').uncheck();
    await page.getByLabel('CSV').check();
    await page.getByRole('button', { name: 'Create the export' }).click();
    await page.getByText('The export is ready').waitFor({ timeout: 60_000 });
    expect(await page.getByText('The export is being prepared').count()).toBe(0);
    const exports = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/exports?limit=25')).items;
    const newest = exports.reduce((a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt > b.createdAt ? a : b));
    const card = page.locator(`[data-export="${newest.id}"]`);
    await card.getByRole('button', { name: 'Show the files' }).click();
    const link = card.getByRole('link', { name: 'deliverables.csv' });
    const before = await link.getAttribute('href');
    // Submitting locks the export for good: the dashboard asks first.
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); void dialog.accept(); }));
    await card.getByRole('button', { name: 'Mark as submitted to the funder' }).click();
    expect(await asked).toContain('locked for good');
    await card.locator('.status-accepted', { hasText: 'Submitted' }).waitFor();
    await expect.poll(() => link.getAttribute('href')).not.toBe(before);
    expect((await page.request.get((await link.getAttribute('href'))!)).status()).toBe(200);
    await screenshot(page, viewport, 'export-submitted');
    await context.close();
  });

  it('a member reports a cost with a document and a coordinator downloads the document and approves the cost', async () => {
    const budget = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/budget');
    const memberId: string = budget.lines[VIEWPORTS.indexOf(viewport)].memberId;
    const description = `Printing of the programme (${viewport.name})`;
    const member = await open(viewport);
    await signIn(member.page, runtime.base, memberPersonId(memberId));
    await member.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Costs' }).click();
    await member.page.getByLabel('Project').selectOption('cultnetwork');
    await member.page.getByLabel('Description').fill(description);
    await member.page.getByLabel('Supplier').fill('Tipografia Virgiliana');
    await member.page.getByLabel('Amount before VAT (€)').fill('240,50');
    await member.page.getByLabel('VAT you bear (€)').fill('52,91');
    await member.page.getByLabel('Document file').setInputFiles({ name: 'fattura.txt', mimeType: 'text/plain', buffer: Buffer.from('Fattura 12/2026') });
    await member.page.getByRole('button', { name: 'Save as draft' }).click();
    const card = member.page.locator('li.card', { hasText: description });
    await card.getByRole('button', { name: 'fattura.txt' }).waitFor();
    await card.getByRole('button', { name: 'Submit for review' }).click();
    await card.locator('.status-submitted').waitFor();
    await screenshot(member.page, viewport, 'member-cost-submitted');
    await member.context.close();

    const coordinator = await open(viewport);
    await signIn(coordinator.page, runtime.base, COORDINATOR_PERSON_ID);
    await coordinator.page.goto(`${runtime.base}/projects/cultnetwork/review`);
    const review = coordinator.page.locator('li.card', { hasText: description });
    await review.getByText('€240.50').waitFor();
    // The uploaded document opens through the cost's own download link.
    const [download] = await Promise.all([coordinator.page.waitForEvent('download'), review.getByRole('button', { name: 'fattura.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('fattura.txt');
    await review.getByRole('button', { name: 'Approve' }).click();
    await review.waitFor({ state: 'detached' });
    await screenshot(coordinator.page, viewport, 'coordinator-cost-approved');
    await coordinator.context.close();

    const costs = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/costs?status=approved&limit=100');
    expect(costs.items.find((cost: { description: string }) => cost.description === description)).toMatchObject({ amountCents: 24050, vatCents: 5291, status: 'approved' });
  });

  it("a coordinator is not offered to review a cost they submitted themselves", async () => {
    const budget = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/budget');
    const description = `Room hire, submitted by the coordinator (${viewport.name})`;
    const draft = await api.call(COORDINATOR_PERSON_ID, 'POST', `/projects/cultnetwork/budget/lines/${budget.lines[0].id}/costs`, {
      date: (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/overview')).today, description, supplier: 'Sala Civica', amountCents: 15_000, vatCents: 0,
    });
    await api.call(COORDINATOR_PERSON_ID, 'POST', `/projects/cultnetwork/costs/${draft.id}/submit`, { version: draft.version });
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork/review`);
    const card = page.locator(`[data-cost="${draft.id}"]`);
    await card.getByText('You reported or submitted this cost: another coordinator reviews it.').waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await context.close();
  });

  it('a member records its training attendance of a held session', async () => {
    const project = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    const memberId: string = project.partners[VIEWPORTS.indexOf(viewport) + 2].memberId;
    const member = await open(viewport);
    await signIn(member.page, runtime.base, memberPersonId(memberId));
    await member.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Training' }).click();
    await member.page.getByLabel('Training path').selectOption('raccolta-fondi');
    const card = member.page.locator('[data-session="raccolta-fondi-6"]');
    await card.getByLabel('People who attended').fill('3');
    await card.getByLabel('Hours each').fill('2.5');
    // The names, typed from the keyboard: one a line, the blank line left out.
    const names = card.getByLabel('Names of who attended (optional)');
    await names.focus();
    await member.page.keyboard.type('Lucia Bassi\n\n  Marco Po ');
    await card.getByRole('button', { name: /Record attendance|Change attendance/ }).click();
    await card.getByText('Recorded: 3 people, 2.5 hours each.').waitFor();
    await card.getByText('Who attended: Lucia Bassi, Marco Po.').waitFor();
    expect(await names.evaluate((box) => box.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    await screenshot(member.page, viewport, 'member-training');
    await member.context.close();
    const attendance = await api.get(COORDINATOR_PERSON_ID, '/training/raccolta-fondi/sessions/raccolta-fondi-6/attendance?limit=100');
    expect(attendance.items.find((a: { memberId: string }) => a.memberId === memberId)).toMatchObject({ people: 3, hours: 2.5, attendees: ['Lucia Bassi', 'Marco Po'] });
  });

  it("a funder sees its project and not the demo's other project, and opens a submitted export", async () => {
    const exportId = await submittedExport();
    const cultnetwork = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    const museilab = await api.get(COORDINATOR_PERSON_ID, '/projects/museilab');
    const funder = await open(viewport);
    await signIn(funder.page, runtime.base, funderPersonId(cultnetwork.funderId));
    await funder.page.getByRole('link', { name: cultnetwork.title }).waitFor();
    expect(await funder.page.getByText(museilab.title).count()).toBe(0);
    await funder.page.getByRole('link', { name: cultnetwork.title }).click();
    const card = funder.page.locator(`[data-export="${exportId}"]`);
    await card.getByRole('button', { name: 'Show the files' }).click();
    const link = card.getByRole('link', { name: 'deliverables.csv' });
    await link.waitFor();
    const download = await funder.page.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain(',');
    expect(await funder.page.getByRole('button', { name: /Close the phase|Mark as submitted/ }).count()).toBe(0);
    await screenshot(funder.page, viewport, 'funder-export');
    await funder.context.close();
  });

  it('works with the keyboard alone, and shows where the focus is', async () => {
    const { page, context } = await open(viewport);
    await page.goto(`${runtime.base}/`);
    // The demo coordinator is the first person offered.
    await tabTo(page, 'the sign-in button', (element) => element.tagName === 'BUTTON' && element.getAttribute('type') === 'submit');
    await page.keyboard.press('Enter');
    await page.locator('header nav').waitFor();
    const title = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork')).title as string;
    await page.getByRole('link', { name: title }).waitFor();
    await tabTo(page, 'the project link', new Function('element', `return element.textContent === ${JSON.stringify(title)}`) as (element: Element) => boolean);
    const outline = await focusOutline(page);
    expect(outline.style).not.toBe('none');
    expect(parseFloat(outline.width)).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${runtime.base}/projects/cultnetwork`);
    await tabTo(page, 'the review queue tab', (element) => element.getAttribute('href') === '/projects/cultnetwork/review');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${runtime.base}/projects/cultnetwork/review`);
    await page.getByRole('heading', { name: 'Costs to review' }).waitFor();
    await screenshot(page, viewport, 'keyboard-review-queue');
    await context.close();
  });

  it('a member asks for a copy of their data, follows it until it is ready, and downloads it as JSON', async () => {
    const project = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    const personId = memberPersonId(project.partners[VIEWPORTS.indexOf(viewport)].memberId);
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, personId);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { name: 'My data', level: 1 }).waitFor();
    await page.getByText('the log entries and costs you wrote').waitFor();
    await page.getByRole('button', { name: 'Ask for a copy of my data' }).click();
    // No reload: the page reads the list again until the job is done.
    await page.getByText('Your copy is ready: download it below.').waitFor({ timeout: 60_000 });
    const card = page.locator('li.card').first();
    await card.locator('.status-done').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download the file (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rete-personal-data-.+\.json$/);
    const copy = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(copy).toMatchObject({ format: 'rete-personal-data/1', personId });
    expect(copy.consortia.length).toBeGreaterThan(0);
    await screenshot(page, viewport, 'member-my-data');
    await context.close();
  });

  it('a coordinator erases a named person who never signs in, after confirming, and finds the erasure in the register', async () => {
    // A trainer who never signs in, named in a session of their own.
    const trainer = `Chiara Esterna ${viewport.name === 'desktop' ? 'Prima' : 'Seconda'}`;
    const { today } = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/overview');
    const session = await api.call(COORDINATOR_PERSON_ID, 'POST', '/training/raccolta-fondi/sessions', { date: today, hours: 2, trainer, online: true });
    const before = (await api.get(COORDINATOR_PERSON_ID, '/privacy/requests?limit=100')).items.length;
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Personal data' }).click();
    const form = page.getByRole('region', { name: 'Erase someone who never signs in' });
    await form.getByLabel('Their name').fill(trainer);
    await form.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: `Erase ${trainer}?` });
    await dialog.getByText('This cannot be undone.').waitFor();
    await dialog.getByText(/What stays: the records the funder needs .* attributed to a pseudonym/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-erase-confirm');
    // Cancelled, nothing is asked and the name stays typed.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api.get(COORDINATOR_PERSON_ID, '/privacy/requests?limit=100')).items.length).toBe(before);
    expect(await form.getByLabel('Their name').inputValue()).toBe(trainer);

    await form.getByRole('button', { name: 'Erase…' }).click();
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    const said = await form.getByText(/The erasure is under way/).innerText();
    const pseudonym = /erased-[0-9a-f]{6}/.exec(said)![0];
    expect(await form.getByLabel('Their name').inputValue()).toBe('');
    const request = page.locator('li.card', { hasText: pseudonym });
    await request.locator('.status-done').waitFor({ timeout: 60_000 });
    await request.getByText('someone who never signs in').waitFor();
    await page.locator('#register tr', { hasText: pseudonym }).waitFor();
    expect(await page.locator('#register').innerText()).not.toContain(trainer);
    await screenshot(page, viewport, 'coordinator-erasure-register');
    await context.close();

    const sessions = (await api.get(COORDINATOR_PERSON_ID, '/training/raccolta-fondi/sessions?limit=100')).items;
    expect(sessions.find((s: { id: string }) => s.id === session.id).trainer).toBe(pseudonym);
  });

  it("a coordinator exports a person's data from the People page and downloads it from the personal data page; Erase… there asks first", async () => {
    const people = (await api.get(COORDINATOR_PERSON_ID, '/people?limit=100')).items;
    const person = people.filter((p: { role: string }) => p.role === 'member')[VIEWPORTS.indexOf(viewport) + 4];
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'People' }).click();
    const card = page.locator('li.card').filter({ has: page.getByRole('heading', { name: person.name, exact: true }) });
    // The coordinator's own card offers neither.
    const own = page.locator('li.card', { hasText: 'This is you.' });
    await own.waitFor();
    expect(await own.getByRole('button', { name: /Export their data|Erase…/ }).count()).toBe(0);

    // Erase… asks first, naming the person; Esc cancels and asks for nothing.
    const before = (await api.get(COORDINATOR_PERSON_ID, '/privacy/requests?limit=100')).items.length;
    await card.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: `Erase ${person.name}?` });
    await dialog.getByText('This cannot be undone.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Erase…');
    expect((await api.get(COORDINATOR_PERSON_ID, '/privacy/requests?limit=100')).items.length).toBe(before);

    await card.getByRole('button', { name: 'Export their data' }).click();
    await card.getByText('The copy of their data is being prepared.').waitFor();
    await screenshot(page, viewport, 'coordinator-people-export');
    await card.getByRole('link', { name: 'Follow it on the Personal data page.' }).click();
    await page.waitForURL(`${runtime.base}/privacy`);
    const asked = (await api.get(COORDINATOR_PERSON_ID, '/privacy/requests?limit=100')).items.find((r: { kind: string; personId?: string }) => r.kind === 'export' && r.personId === person.id);
    const request = page.locator(`[data-request="${asked.id}"]`);
    await request.getByRole('heading', { name: `Copy of their data · ${person.name}` }).waitFor();
    const button = request.getByRole('button', { name: 'Download the file (JSON)' });
    await button.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const copy = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(copy).toMatchObject({ format: 'rete-personal-data/1', personId: person.id });
    await screenshot(page, viewport, 'coordinator-privacy');
    await context.close();
  });

  it("the erasure's confirmation works from the keyboard, and the API's field error shows beside the field with what was typed", async () => {
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/privacy`);
    const field = page.getByLabel('Person id');
    await field.waitFor();
    await tabTo(page, 'the person id field', (element) => element.tagName === 'INPUT' && element.getAttribute('aria-describedby')?.endsWith('-hint') === true);
    await page.keyboard.type(COORDINATOR_PERSON_ID);
    const section = page.getByRole('region', { name: 'A person by their id' });
    // The next Erase… after the field is its own.
    await tabTo(page, 'the erase button', (element) => element.textContent === 'Erase…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Erase ${COORDINATOR_PERSON_ID}?` });
    await dialog.waitFor();
    // Cancel has the focus first: Enter by habit erases nothing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    const outline = await focusOutline(page);
    expect(outline.style).not.toBe('none');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Erase…');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Erase for good');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // A coordinator cannot erase themself: the API says so about personId, beside the field.
    const error = section.locator('.field-error');
    await error.getByText('you cannot erase yourself').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    expect(await field.inputValue()).toBe(COORDINATOR_PERSON_ID);
    await section.getByRole('alert').getByText('Check the fields marked.').waitFor();
    await screenshot(page, viewport, 'coordinator-erase-field-error');
    await context.close();
  });

  it('a share link opens in a fresh browser context without login', async () => {
    const exportId = await submittedExport();
    const coordinator = await open(viewport);
    await signIn(coordinator.page, runtime.base, COORDINATOR_PERSON_ID);
    await coordinator.page.goto(`${runtime.base}/projects/cultnetwork/exports`);
    const card = coordinator.page.locator(`[data-export="${exportId}"]`);
    await card.getByRole('button', { name: 'Create a share link' }).click();
    const url = await card.getByLabel('Share link (send it to the funder)').inputValue();
    expect(url).toMatch(new RegExp(`^${runtime.base}/share#[A-Za-z0-9_-]{40,}$`));
    await coordinator.context.close();

    const stranger = await open(viewport);
    await stranger.page.goto(url);
    const title = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork')).title;
    await stranger.page.getByRole('heading', { name: title }).waitFor();
    const link = stranger.page.getByRole('link', { name: /deliverables\.csv/ });
    await link.waitFor();
    expect((await stranger.page.request.get((await link.getAttribute('href'))!)).status()).toBe(200);
    expect(await stranger.page.evaluate(() => sessionStorage.getItem('rete.session'))).toBeNull();
    expect(stranger.page.url()).not.toContain('#');
    await screenshot(stranger.page, viewport, 'share-link');
    await stranger.context.close();
  });
});

// After every flow of both widths: the copies' deliverables bear the titles of the old ones, which
// the member flows look for by name.
describe.each(VIEWPORTS)('copying a project at $name', { timeout: 180_000 }, (viewport) => {
  it("a coordinator copies a project as a new one from its page, sees the API's field error beside the field, and lands on the new project", async () => {
    const newId = `cultnetwork-copy-${viewport.width}`;
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork`);
    const region = page.getByRole('region', { name: 'Copy as a new project' });
    const toggle = region.getByRole('button', { name: 'Copy as a new project' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const idField = region.getByLabel('Id of the new project');
    // The form opens with the focus on its first field.
    expect(await idField.evaluate((element) => element === document.activeElement)).toBe(true);

    await idField.fill('Not A Slug');
    await region.getByLabel('Title of the new project').fill('CultNetwork, seconda edizione');
    await region.getByLabel('Start date of the new project').fill('2027-03-01');
    await region.getByRole('button', { name: 'Copy the project' }).click();
    await region.locator('.field-error').first().waitFor();
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    expect(await region.locator('.field-error').innerText()).toContain('lowercase');
    expect(await seriousViolations(page)).toEqual([]);
    for (const field of await region.locator('input').all()) {
      const box = (await field.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }

    await idField.fill(newId);
    await idField.press('Enter');
    await page.waitForURL(`${runtime.base}/projects/${newId}`, { timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'CultNetwork, seconda edizione' }).waitFor();
    const copied = await api.get(COORDINATOR_PERSON_ID, `/projects/${newId}`);
    expect(copied).toMatchObject({ startDate: '2027-03-01', progress: { acceptedPercent: 0 } });
    // The new project's page offers the copy again, closed and empty.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, viewport, 'project-copied');
    await context.close();
  });
});

describe('accessibility', { timeout: 420_000 }, () => {
  const desktop = VIEWPORTS[0]!;
  const pages: Record<string, string[]> = {
    [COORDINATOR_PERSON_ID]: [
      '/', '/projects/cultnetwork', '/projects/cultnetwork/deliverables', '/projects/cultnetwork/review', '/projects/cultnetwork/money',
      '/projects/cultnetwork/training', '/projects/cultnetwork/offers', '/projects/cultnetwork/indicators', '/projects/cultnetwork/exports',
      '/projects/cultnetwork/deliverables/d13', '/people', '/privacy', '/notifications', '/my-data',
    ],
    [memberPersonId('mincio-musei')]: ['/', '/projects/cultnetwork/deliverables/d22', '/costs', '/training', '/notifications', '/my-data'],
  };

  /** Waits until nothing on the page says it is loading. */
  async function settled(session: Session) {
    await session.page.waitForLoadState('networkidle');
    await expect.poll(() => session.page.getByText(/^(Loading…|Caricamento…)$/).count()).toBe(0);
  }

  it.each(['en', 'it'] as const)('axe-core finds no serious or critical violation on any page (%s)', async (language) => {
    const found: string[] = [];
    const check = async (session: Session, name: string) => {
      await settled(session);
      expect(await session.page.locator('html').getAttribute('lang')).toBe(language);
      for (const violation of await seriousViolations(session.page)) found.push(`${name}: ${violation}`);
    };

    const signedOut = await openContext(browser, desktop, language);
    sessions.push(signedOut);
    await signedOut.page.goto(`${runtime.base}/`);
    await check(signedOut, 'login');
    await screenshot(signedOut.page, desktop, `login-${language}`);
    await signedOut.context.close();

    const cultnetwork = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    pages[funderPersonId(cultnetwork.funderId)] = ['/', '/projects/cultnetwork', '/notifications', '/my-data'];
    for (const [person, paths] of Object.entries(pages)) {
      const session = await openContext(browser, desktop, language);
      sessions.push(session);
      await signIn(session.page, runtime.base, person);
      for (const path of paths) {
        await session.page.goto(`${runtime.base}${path}`);
        await check(session, `${person} ${path}`);
      }
      await session.context.close();
    }

    // The pages this issue changed, again at 375 px: the narrow layout (timeline, scrolling tables) too.
    const narrow: Record<string, string[]> = {
      [COORDINATOR_PERSON_ID]: [
        '/projects/cultnetwork', '/projects/cultnetwork/deliverables', '/projects/cultnetwork/review', '/projects/cultnetwork/money',
        '/projects/cultnetwork/offers', '/projects/cultnetwork/indicators', '/projects/cultnetwork/exports', '/notifications',
        '/people', '/privacy', '/my-data',
      ],
      [memberPersonId('mincio-musei')]: ['/', '/costs', '/training', '/my-data'],
      [funderPersonId(cultnetwork.funderId)]: ['/projects/cultnetwork', '/my-data'],
    };
    for (const [person, paths] of Object.entries(narrow)) {
      const session = await openContext(browser, VIEWPORTS[1]!, language);
      sessions.push(session);
      await signIn(session.page, runtime.base, person);
      for (const path of paths) {
        await session.page.goto(`${runtime.base}${path}`);
        await check(session, `${person} ${path} at 375 px`);
        // The personal data pages, as read in each language at 375 px (and fitting its width).
        if (path === '/privacy' || path === '/my-data') await screenshot(session.page, VIEWPORTS[1]!, `${path.slice(1)}-${person}-${language}`);
      }
      await session.context.close();
    }

    const exportId = await submittedExport();
    const link = await api.call(COORDINATOR_PERSON_ID, 'POST', `/projects/cultnetwork/exports/${exportId}/share-links`, {});
    const stranger = await openContext(browser, desktop, language);
    sessions.push(stranger);
    await stranger.page.goto(link.url);
    await stranger.page.locator('#files li').first().waitFor();
    // The share page speaks the export's language (Italian here); axe checks it as it is.
    for (const violation of await seriousViolations(stranger.page)) found.push(`share page: ${violation}`);
    await stranger.context.close();

    expect(found).toEqual([]);
  });
});

describe('a long deliverables table', { timeout: 300_000 }, () => {
  it('shows 25 rows a page, sorted by due date, filtered by member, whatever the number read', async () => {
    const project = await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
    const owners: string[] = project.partners.map((partner: { memberId: string }) => partner.memberId);
    // Enough to need two pages of the API (100 each) and several of the table (25 each).
    const extra = 110;
    const toCreate = Array.from({ length: extra }, (_, index) => index);
    // Eight writers at a time, as a busy coordinator's imports would.
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (const index of toCreate.filter((n) => n % 8 === worker)) {
          await api.call(COORDINATOR_PERSON_ID, 'POST', '/projects/cultnetwork/deliverables', {
            phaseId: 'consolidation', ownerMemberId: owners[index % owners.length], title: `Bulk deliverable ${String(index).padStart(3, '0')}`,
            kind: 'report', dueDate: `2028-0${1 + (index % 6)}-${String(1 + (index % 28)).padStart(2, '0')}`,
          });
        }
      }),
    );
    const total = (await api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork')).progress.deliverables as number;

    const viewport = VIEWPORTS[1]!;
    const { page, context } = await open(viewport);
    await signIn(page, runtime.base, COORDINATOR_PERSON_ID);
    await page.goto(`${runtime.base}/projects/cultnetwork/deliverables`);
    await page.getByText(`${total} shown of ${total} read.`).waitFor({ timeout: 60_000 });
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(25);
    await page.getByText(`Page 1 of ${Math.ceil(total / 25)}`).waitFor();
    const dueDates = async () => page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    const firstPage = (await dueDates()).map((text) => Date.parse(text.replace(/\s*!.*$/s, '')));
    expect(firstPage).toEqual([...firstPage].sort((a, b) => a - b));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(`Page 2 of ${Math.ceil(total / 25)}`).waitFor();
    expect(await rows.count()).toBe(25);

    const consolidation: { ownerMemberId: string }[] = [];
    for (let cursor = ''; ; ) {
      const page: { items: { ownerMemberId: string }[]; nextCursor: string | null } = await api.get(
        COORDINATOR_PERSON_ID, `/projects/cultnetwork/deliverables?phaseId=consolidation&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      consolidation.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const expected = consolidation.filter((d) => d.ownerMemberId === owners[0]).length;
    expect(expected).toBeGreaterThanOrEqual(extra / owners.length);
    await page.getByLabel('Member').selectOption(owners[0]!);
    await page.getByLabel('Phase').selectOption('consolidation');
    await page.getByText(`${expected} shown of ${total} read.`).waitFor();
    await page.getByText('Page 1 of').waitFor();
    expect(await rows.count()).toBe(Math.min(25, expected));
    await screenshot(page, viewport, 'deliverables-table');
    await context.close();
  });
});
