// A coordinator keeps a project's money from the Money tab alone: budget lines that add up,
// co-financing recorded and reversed, an instalment planned and changed, a payment request from
// approved costs (after an API field error shown beside its field) and a receipt. Then the tab in
// Italian at 375 px and in English at a desktop width, with axe and the keyboard.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { COORDINATOR_PERSON_ID, DEMO_TIME_ZONE, memberPersonId } from '../../dev/demo/demo-data';
import { todayIn } from '../../web/src/i18n/format';
import { apiOf, type TestApi } from './api';
import {
  addBudgetLine, answerNextDialog, changeBudgetLine, changeInstalment, fillPaymentRequest, form, openMoney, planInstalment,
  recordContribution, recordReceipt, requestPayment, reverseContribution,
} from './money-steps';
import { VIEWPORTS, focusOutline, openContext, saveScreenshot, screenshot, seriousViolations, signIn, tabTo, type Session, type Viewport } from './pages';
import { launchChromium, startRuntime, type Runtime } from './runtime';

let runtime: Runtime;
let browser: Browser;
let api: TestApi;
let projectId: string;
const sessions: Session[] = [];
const [desktop, narrow] = VIEWPORTS as [Viewport, Viewport];
const MINCIO = 'Mincio Musei – Società cooperativa di servizi museali';
const AULA = 'Aula Aperta – Cooperativa sociale di educazione al patrimonio';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = todayIn(DEMO_TIME_ZONE);

beforeAll(async () => {
  runtime = await startRuntime();
  browser = await launchChromium();
  api = apiOf(runtime.base);
  // A project with two partners and no money yet: €100,000 of grant and €20,000 of co-financing.
  const project = await api.call(COORDINATOR_PERSON_ID, 'POST', '/projects', {
    title: 'Musei e scuole in rete', funderId: 'fondazione-mincio', call: 'Bando di prova', grantCents: 10_000_000, cofinancingCents: 2_000_000,
    startDate: addDays(today, -100), endDate: addDays(today, 600),
    partners: [{ memberId: 'mincio-musei', role: 'lead', budgetShareCents: 7_200_000 }, { memberId: 'aula-aperta', role: 'partner', budgetShareCents: 4_800_000 }],
  });
  projectId = project.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
}, 60_000);

afterAll(() => {
  for (const { problems } of sessions) expect(problems).toEqual([]);
});

async function open(viewport: Viewport, language: 'it' | 'en' = 'en') {
  const session = await openContext(browser, viewport, language);
  sessions.push(session);
  onTestFailed(async () => {
    if (!session.page.isClosed()) await saveScreenshot(session.page, viewport, `money-failed-${sessions.indexOf(session)}`);
  });
  await signIn(session.page, runtime.base, COORDINATOR_PERSON_ID);
  return session;
}

/** A member reports a cost against its line and submits it; the coordinator approves it (arranged through the API). */
async function approvedCost(lineId: string, memberId: string, description: string, amountCents: number): Promise<void> {
  const member = memberPersonId(memberId);
  const cost = await api.call(member, 'POST', `/projects/${projectId}/budget/lines/${lineId}/costs`, {
    date: addDays(today, -1), description, supplier: 'Studio Rossi', amountCents, vatCents: 0,
  });
  const submitted = await api.call(member, 'POST', `/projects/${projectId}/costs/${cost.id}/submit`, { version: cost.version });
  await api.call(COORDINATOR_PERSON_ID, 'POST', `/projects/${projectId}/costs/${cost.id}/review`, { version: submitted.version, decision: 'approved' });
}

/** A test of the focused element for `tabTo`, which runs it in the page (so it closes over nothing). */
const focused = (test: string) => new Function('element', `return element.${test}`) as (element: Element) => boolean;

describe('the Money tab', { timeout: 240_000 }, () => {
  it('a coordinator builds a budget that adds up, records and reverses co-financing, plans an instalment, requests a payment from approved costs and records its receipt', async () => {
    const { page } = await open(desktop);
    await openMoney(page, runtime.base, projectId);
    await page.getByText('No budget lines yet.').waitFor();

    await addBudgetLine(page, { partner: MINCIO, category: 'Staff', description: 'Operatori museali', grant: '60000', cofinancing: '12000' });
    await page.getByText(/The budget lines do not add up/).first().waitFor();
    await addBudgetLine(page, { partner: AULA, category: 'Travel', grant: '30000', cofinancing: '8000' });
    await changeBudgetLine(page, { partner: AULA, category: 'Travel' }, { category: 'External services', description: 'Laboratori nelle scuole', grant: '40000,00', cofinancing: '8000' });
    const lines = form(page, 'Budget lines');
    await lines.getByText("The budget lines add up to the project's grant and co-financing.").waitFor();
    await expect.poll(() => lines.getByRole('row').filter({ hasText: 'Laboratori nelle scuole' }).innerText()).toMatch(/External services[\s\S]*€40,000\.00[\s\S]*€8,000\.00/);

    await recordContribution(page, { partner: MINCIO, kind: 'In kind', providedBy: 'Comune di Mantova', description: 'Sala civica per i laboratori', value: '3000' });
    await recordContribution(page, { partner: MINCIO, kind: 'Money', providedBy: 'Mincio Musei', description: 'Quota registrata due volte', value: '1500,50' });
    // Dismissed, nothing is reversed; confirmed, it is.
    const contributions = form(page, 'Co-financing contributions provided');
    await contributions.getByRole('button', { name: 'Reverse: Quota registrata due volte' }).click();
    await contributions.getByLabel('Why it is reversed').fill('Registrata due volte');
    answerNextDialog(page, false);
    await contributions.getByRole('button', { name: 'Reverse the contribution' }).click();
    expect(await contributions.getByText('Reversed', { exact: true }).count()).toBe(0);
    await contributions.getByRole('button', { name: 'Cancel' }).click();
    await reverseContribution(page, 'Quota registrata due volte', 'Registrata due volte');
    await expect.poll(() => form(page, 'Co-financing').getByRole('row').filter({ hasText: MINCIO }).innerText()).toMatch(/€12,000\.00\s+€3,000\.00/);

    await planInstalment(page, { plannedDate: addDays(today, 30), amount: '50000', condition: 'Anticipo alla firma' });
    await changeInstalment(page, 1, { plannedDate: addDays(today, 20), amount: '45000' });
    const instalmentRow = form(page, "The funder's instalments").getByRole('row').filter({ hasText: 'Anticipo alla firma' });
    await expect.poll(() => instalmentRow.innerText()).toMatch(/€45,000\.00[\s\S]*Planned/);

    const line = (await api.get(COORDINATOR_PERSON_ID, `/projects/${projectId}/budget`)).lines.find((l: { description?: string }) => l.description === 'Operatori museali');
    await approvedCost(line.id, 'mincio-musei', 'Catalogazione delle collezioni', 800_000);
    await openMoney(page, runtime.base, projectId);

    // Asking for more than the instalment: the API's error beside the amount, and what was typed kept.
    const request = await fillPaymentRequest(page, { instalment: 1, amount: '50000', costs: ['Catalogazione delle collezioni'], note: 'Prima rendicontazione' });
    const amount = request.getByLabel('Amount (€)');
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await amount.getAttribute('aria-describedby'))!;
    expect(await request.locator(`[id="${errorId}"]`).innerText()).toMatch(/more than its unrequested amount/);
    expect(await amount.inputValue()).toBe('50000');
    expect(await request.getByLabel('Note', { exact: true }).inputValue()).toBe('Prima rendicontazione');
    expect(await request.getByRole('checkbox', { name: 'Catalogazione delle collezioni' }).isChecked()).toBe(true);
    await saveScreenshot(page, desktop, 'money-field-error');

    await amount.fill('8000');
    await request.getByRole('button', { name: 'Create the payment request' }).click();
    await request.getByText('Payment request created.').waitFor();
    await expect.poll(() => form(page, 'Payment requests').getByRole('row').filter({ hasText: 'Prima rendicontazione' }).innerText()).toMatch(/€8,000\.00[\s\S]*1 · €8,000\.00/);
    await request.getByText('No approved cost waits to be claimed.').waitFor();

    await recordReceipt(page, { instalment: 1, request: '€8,000.00', amount: '8000', note: 'Bonifico della fondazione' });
    await expect.poll(() => form(page, 'Payments received').getByRole('row').filter({ hasText: 'Bonifico della fondazione' }).innerText()).toContain('€8,000.00');
    // The server says what the instalment is now: all that was asked for is paid.
    await expect.poll(() => instalmentRow.innerText()).toMatch(/€8,000\.00[\s\S]*€8,000\.00[\s\S]*Received/);
    await screenshot(page, desktop, 'money-coordinator');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each([
    { viewport: narrow, language: 'it' as const, heading: 'Voci di budget', category: 'Servizi esterni', status: 'Incassata', change: 'Modifica la voce di budget', cancel: 'Annulla' },
    { viewport: desktop, language: 'en' as const, heading: 'Budget lines', category: 'External services', status: 'Received', change: 'Change the budget line', cancel: 'Cancel' },
  ])('reads in $language at $viewport.name, fits, passes axe and works from the keyboard', async ({ viewport, language, heading, category, status, change, cancel }) => {
    const { page } = await open(viewport, language);
    await page.goto(`${runtime.base}/projects/${projectId}/money`);
    const lines = form(page, heading);
    await lines.getByText(category, { exact: true }).waitFor();
    await page.locator('.status', { hasText: status }).first().waitFor();
    await screenshot(page, viewport, `money-${language}`);
    expect(await seriousViolations(page)).toEqual([]);

    // From the keyboard: a line's change button opens its form, whose cancel button closes it.
    await tabTo(page, "a budget line's change button", focused(`tagName === 'BUTTON' && (element.getAttribute('aria-label') ?? '').includes(${JSON.stringify(category)})`));
    expect((await focusOutline(page)).style).not.toBe('none');
    await page.keyboard.press('Enter');
    await form(page, change).waitFor();
    await tabTo(page, 'the cancel button', focused(`tagName === 'BUTTON' && element.textContent === ${JSON.stringify(cancel)}`));
    await page.keyboard.press('Enter');
    await expect.poll(() => form(page, change).count()).toBe(0);
  });
});
