// What a coordinator does on a project's Money tab, through the dashboard alone (in English), as
// steps that any browser flow can call: the money tests, and the consortium set up end to end.
import type { Locator, Page } from 'playwright-core';

/** A form's box on the Money tab, found by its heading. */
export const form = (page: Page, heading: string): Locator => page.getByRole('region', { name: heading, exact: true });

export async function openMoney(page: Page, base: string, projectId: string): Promise<void> {
  await page.goto(`${base}/projects/${projectId}/money`);
  await form(page, 'Add a budget line').waitFor();
}

/** Confirms the next dialog (a reversal, a receipt), or dismisses it. */
export function answerNextDialog(page: Page, accept: boolean): void {
  page.once('dialog', (dialog) => void (accept ? dialog.accept() : dialog.dismiss()));
}

export interface LineInput {
  partner: string;
  category: string;
  phase?: string;
  description?: string;
  /** Euros as typed, e.g. "60000" or "1234,50". */
  grant: string;
  cofinancing?: string;
}

export async function addBudgetLine(page: Page, line: LineInput): Promise<void> {
  const box = form(page, 'Add a budget line');
  await box.getByLabel('Partner', { exact: true }).selectOption({ label: line.partner });
  await fillLine(box, line);
  await box.getByRole('button', { name: 'Add the line' }).click();
  await box.getByText('Budget line saved.').waitFor();
}

/** Changes the line of a partner and category (its partner is fixed). */
export async function changeBudgetLine(page: Page, which: { partner: string; category: string }, line: Omit<LineInput, 'partner'>): Promise<void> {
  await page.getByRole('button', { name: `Change the line of ${which.partner}, ${which.category}` }).click();
  const box = form(page, 'Change the budget line');
  await fillLine(box, line);
  await box.getByRole('button', { name: 'Save the line' }).click();
  await form(page, 'Add a budget line').waitFor();
}

async function fillLine(box: Locator, line: Omit<LineInput, 'partner'>): Promise<void> {
  await box.getByLabel('Category', { exact: true }).selectOption({ label: line.category });
  if (line.phase) await box.getByLabel('Phase (optional)').selectOption({ label: line.phase });
  if (line.description !== undefined) await box.getByLabel('Description', { exact: true }).fill(line.description);
  await box.getByLabel('Grant-funded (€)').fill(line.grant);
  await box.getByLabel('Co-financed (€)').fill(line.cofinancing ?? '0');
}

export async function recordContribution(
  page: Page,
  input: { partner: string; kind: 'Money' | 'In kind'; providedBy: string; description: string; date?: string; value: string },
): Promise<void> {
  const box = form(page, 'Record a co-financing contribution');
  await box.getByLabel('Partner', { exact: true }).selectOption({ label: input.partner });
  await box.getByLabel('Kind', { exact: true }).selectOption({ label: input.kind });
  await box.getByLabel('Provided by').fill(input.providedBy);
  await box.getByLabel('Description', { exact: true }).fill(input.description);
  if (input.date) await box.getByLabel('Date', { exact: true }).fill(input.date);
  await box.getByLabel('Value (€)').fill(input.value);
  await box.getByRole('button', { name: 'Record the contribution' }).click();
  await box.getByText('Contribution recorded.').waitFor();
}

/** Reverses a contribution (named by its description) with a reason, confirming when asked. */
export async function reverseContribution(page: Page, description: string, reason: string): Promise<void> {
  const box = form(page, 'Co-financing contributions provided');
  await box.getByRole('button', { name: `Reverse: ${description}` }).click();
  await box.getByLabel('Why it is reversed').fill(reason);
  answerNextDialog(page, true);
  await box.getByRole('button', { name: 'Reverse the contribution' }).click();
  await box.getByRole('row').filter({ hasText: description }).getByText('Reversed', { exact: true }).waitFor();
}

export interface InstalmentInput {
  order?: string;
  plannedDate: string;
  amount: string;
  condition?: string;
}

export async function planInstalment(page: Page, input: InstalmentInput): Promise<void> {
  const box = form(page, 'Plan an instalment');
  await fillInstalment(box, input);
  await box.getByRole('button', { name: 'Save the instalment' }).click();
  await box.getByText('Instalment saved.').waitFor();
}

export async function changeInstalment(page: Page, order: number, input: InstalmentInput): Promise<void> {
  await page.getByRole('button', { name: `Change instalment ${order}` }).click();
  const box = form(page, `Change instalment ${order}`);
  await fillInstalment(box, input);
  await box.getByRole('button', { name: 'Save the instalment' }).click();
  await form(page, 'Plan an instalment').waitFor();
}

async function fillInstalment(box: Locator, input: InstalmentInput): Promise<void> {
  if (input.order) await box.getByLabel('Number').fill(input.order);
  await box.getByLabel('Planned date').fill(input.plannedDate);
  await box.getByLabel('Amount (€)').fill(input.amount);
  if (input.condition !== undefined) await box.getByLabel('Condition').fill(input.condition);
}

/** Options read "Instalment 3 · €12,000.00": the one of that number. */
async function chooseInstalment(box: Locator, order: number): Promise<void> {
  const select = box.getByLabel('Instalment', { exact: true });
  const value = await select.locator('option', { hasText: new RegExp(`^Instalment ${order} ·`) }).getAttribute('value');
  await select.selectOption(value!);
}

export interface RequestInput {
  /** The instalment's number. */
  instalment: number;
  amount: string;
  /** Descriptions of the approved costs to claim. */
  costs: string[];
  note?: string;
}

/** Fills the payment request form and sends it; the answer is the caller's to wait for (`requestPayment` waits for success). */
export async function fillPaymentRequest(page: Page, input: RequestInput): Promise<Locator> {
  const box = form(page, 'Request a payment from approved costs');
  await chooseInstalment(box, input.instalment);
  await box.getByLabel('Amount (€)').fill(input.amount);
  if (input.note !== undefined) await box.getByLabel('Note', { exact: true }).fill(input.note);
  for (const cost of input.costs) await box.getByRole('checkbox', { name: cost }).check();
  await box.getByRole('button', { name: 'Create the payment request' }).click();
  return box;
}

export async function requestPayment(page: Page, input: RequestInput): Promise<void> {
  const box = await fillPaymentRequest(page, input);
  await box.getByText('Payment request created.').waitFor();
}

/** Records a payment received, confirming when asked (a receipt cannot be changed afterwards). */
export async function recordReceipt(page: Page, input: { instalment: number; request?: string; date?: string; amount: string; note?: string }): Promise<void> {
  const box = form(page, 'Record a payment received');
  await chooseInstalment(box, input.instalment);
  if (input.request) {
    // Requests read "12 Mar 2026 · €10,000.00": the one whose words contain `request`.
    const select = box.getByLabel('Payment request it answers (optional)');
    await select.selectOption((await select.locator('option', { hasText: input.request }).getAttribute('value'))!);
  }
  if (input.date) await box.getByLabel('Date', { exact: true }).fill(input.date);
  await box.getByLabel('Amount (€)').fill(input.amount);
  if (input.note !== undefined) await box.getByLabel('Note', { exact: true }).fill(input.note);
  answerNextDialog(page, true);
  await box.getByRole('button', { name: 'Record the payment' }).click();
  await box.getByText('Payment recorded.').waitFor();
}
