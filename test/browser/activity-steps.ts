// What a coordinator does on a project's Training, Offers and Indicators tabs, through the dashboard
// alone (English labels): steps the browser tests call, and the final setup test can call too.
import type { Locator, Page } from 'playwright-core';

/** Opens one of the project's areas from its tab navigation (the project page is open). */
export async function openArea(page: Page, area: 'Training' | 'Offers' | 'Indicators'): Promise<void> {
  await page.getByRole('navigation', { name: 'Project areas' }).getByRole('link', { name: area, exact: true }).click();
  await page.locator('nav.tabs a[aria-current=page]', { hasText: area }).waitFor();
}

/** Opens a `<details>` by its summary, unless open already, and answers it. */
async function opened(scope: Locator, summary: string): Promise<Locator> {
  const details = scope.locator('details').filter({ has: scope.page().locator('summary', { hasText: summary }) }).first();
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator(':scope > summary').click();
  return details;
}

export const pathCard = (page: Page, title: string): Locator =>
  page.locator('li.card[data-training]').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

export const sessionItem = (page: Page, pathTitle: string, sessionTitle: string): Locator =>
  pathCard(page, pathTitle).locator('li.session').filter({ has: page.getByRole('heading', { name: sessionTitle }) });

/** A path's session, its list of sessions opened. */
async function openSession(page: Page, pathTitle: string, sessionTitle: string): Promise<Locator> {
  await opened(pathCard(page, pathTitle), 'Its ');
  const item = sessionItem(page, pathTitle, sessionTitle);
  await item.waitFor();
  return item;
}

export interface PathInput { title: string; topic: string; description?: string; consortiumWide?: boolean }

/** On the Training tab: a new training path, linked to the project unless `consortiumWide`. */
export async function createTrainingPath(page: Page, path: PathInput): Promise<void> {
  const form = page.getByRole('region', { name: 'New training path' });
  await form.getByLabel('Topic').selectOption({ label: path.topic });
  await form.getByLabel('Title', { exact: true }).fill(path.title);
  await form.getByLabel('For', { exact: true }).selectOption({ label: path.consortiumWide ? 'The whole consortium' : 'This project' });
  if (path.description) await form.getByLabel('Description (optional)').fill(path.description);
  await form.getByRole('button', { name: 'Create the training path' }).click();
  await form.getByText('Training path created.').waitFor();
  await pathCard(page, path.title).waitFor();
}

export interface SessionInput { title: string; date: string; hours: string; trainer: string; place?: string }

/** On the Training tab: a session of the path, at a place or (without one) online. */
export async function planSession(page: Page, pathTitle: string, session: SessionInput): Promise<void> {
  const form = await opened(pathCard(page, pathTitle), 'Plan a session');
  await form.getByLabel('Date').fill(session.date);
  await form.getByLabel('Hours', { exact: true }).fill(session.hours);
  await form.getByLabel('Session title (optional)').fill(session.title);
  await form.getByLabel('Trainer').fill(session.trainer);
  if (session.place) await form.getByLabel('Place (unless online)').fill(session.place);
  else await form.getByLabel('Online', { exact: true }).check();
  await form.getByRole('button', { name: 'Plan the session' }).click();
  await form.getByText('Session planned.').waitFor();
  await openSession(page, pathTitle, session.title);
}

/** Marks a session as held (its date is today or past). */
export async function markSessionHeld(page: Page, pathTitle: string, sessionTitle: string): Promise<void> {
  const item = await openSession(page, pathTitle, sessionTitle);
  await item.getByRole('button', { name: 'Mark as held' }).click();
  await item.locator('.status-held').waitFor();
}

export interface AttendanceInput { member: string; people: string; hours: string; names: string[] }

/** Records a member's attendance of a held session, with the attendees' names. */
export async function recordAttendance(page: Page, pathTitle: string, sessionTitle: string, attendance: AttendanceInput): Promise<void> {
  const item = await openSession(page, pathTitle, sessionTitle);
  const form = (await opened(item, 'Record attendance for a member')).getByRole('form', { name: 'Record attendance for a member' });
  await form.getByLabel('Member').selectOption({ label: attendance.member });
  await form.getByLabel('People who attended').fill(attendance.people);
  await form.getByLabel('Hours each').fill(attendance.hours);
  await form.getByLabel('Names of who attended').fill(attendance.names.join('\n'));
  await form.getByRole('button', { name: /Record attendance|Change attendance/ }).click();
  await item.getByText(`Who attended: ${attendance.names.join(', ')}.`).waitFor();
}

export interface OfferInput { title: string; format: string; clientType: 'Private' | 'Public'; client: string; euros: string; shares: { member: string; percent: string }[] }

/** Fills the new offer's form, one member per share (adding rows as needed), without sending it. */
export async function fillOffer(page: Page, offer: OfferInput): Promise<Locator> {
  const form = page.getByRole('region', { name: 'New offer' });
  await form.getByLabel('Offer', { exact: true }).fill(offer.title);
  await form.getByLabel('Format', { exact: true }).fill(offer.format);
  await form.getByLabel('Client type').selectOption({ label: offer.clientType });
  await form.getByLabel('Client', { exact: true }).fill(offer.client);
  await form.getByLabel('Value (€)').fill(offer.euros);
  for (const [index, share] of offer.shares.entries()) {
    const member = form.getByLabel(`Member ${index + 1}`, { exact: true });
    if ((await member.count()) === 0) await form.getByRole('button', { name: 'Add a member' }).click();
    await member.selectOption({ label: share.member });
    await form.getByLabel(`Share of member ${index + 1} (%)`, { exact: true }).fill(share.percent);
  }
  return form;
}

/** On the Offers tab: a new offer (a draft), with its members' shares. */
export async function createOffer(page: Page, offer: OfferInput): Promise<void> {
  const form = await fillOffer(page, offer);
  await form.getByRole('button', { name: 'Create the offer' }).click();
  await form.getByText('Offer created as a draft.').waitFor();
  await offerCard(page, offer.title).waitFor();
}

export const offerCard = (page: Page, title: string): Locator =>
  page.locator('li.card[data-offer]').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Moves an offer to a stage (its English word); a lost offer is confirmed. */
export async function moveOffer(page: Page, title: string, stage: string): Promise<void> {
  const card = offerCard(page, title);
  await opened(card, 'Move along the pipeline');
  await card.getByLabel('Move to stage').selectOption({ label: stage });
  if (stage === 'Lost') page.once('dialog', (dialog) => void dialog.accept());
  await card.getByRole('button', { name: 'Change the stage' }).click();
  await card.locator('p strong', { hasText: stage }).waitFor();
}

export interface IndicatorInput { name: string; unit: string; baseline: string; target: string; targetDate: string }

/** Fills the new indicator's form without sending it. */
export async function fillIndicator(page: Page, indicator: IndicatorInput): Promise<Locator> {
  const form = page.getByRole('form', { name: 'New indicator' });
  await form.getByLabel('Indicator', { exact: true }).fill(indicator.name);
  await form.getByLabel('Unit', { exact: true }).fill(indicator.unit);
  await form.getByLabel('Baseline', { exact: true }).fill(indicator.baseline);
  await form.getByLabel('Target', { exact: true }).fill(indicator.target);
  await form.getByLabel('Target date').fill(indicator.targetDate);
  return form;
}

/** On the Indicators tab: a new indicator typed in by hand. */
export async function createIndicator(page: Page, indicator: IndicatorInput): Promise<void> {
  const form = await fillIndicator(page, indicator);
  await form.getByRole('button', { name: 'Create the indicator' }).click();
  await form.getByText('Indicator created.').waitFor();
  await indicatorCard(page, indicator.name).waitFor();
}

export const indicatorCard = (page: Page, name: string): Locator =>
  page.locator('li.card[data-indicator]').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** Records an indicator's actual value on a day (today unless given). */
export async function addActual(page: Page, name: string, value: string, on?: string): Promise<void> {
  const form = indicatorCard(page, name).getByRole('form', { name: `Actual value of ${name}` });
  if (on) await form.getByLabel('Date').fill(on);
  await form.getByLabel(/^Actual value/).fill(value);
  await form.getByRole('button', { name: 'Record the value' }).click();
  await form.getByText('Saved').waitFor();
}
