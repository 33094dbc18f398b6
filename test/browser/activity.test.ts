// A coordinator runs training, offers and indicators from the dashboard alone, on the demo project:
// a training path with a session held and attendance by name, an offer with two members' shares
// moved along the pipeline, an indicator with an actual value, and an API field error shown beside
// its field; the forms in English and Italian, at a desktop width and at 375 px, checked with axe.
import { describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { addActual, createOffer, createTrainingPath, fillIndicator, fillOffer, markSessionHeld, moveOffer, openArea, planSession, recordAttendance } from './activity-steps';
import { VIEWPORTS, focusOutline, screenshot, seriousViolations, signIn, tabTo, type Viewport } from './pages';
import { startSuite } from './suite';

const suite = startSuite('activity');

async function coordinator(viewport: Viewport, language: 'it' | 'en' = 'en') {
  const session = await suite.open(viewport, language);
  await signIn(session.page, suite.runtime.base, COORDINATOR_PERSON_ID);
  await session.page.goto(`${suite.runtime.base}/projects/cultnetwork`);
  return session;
}

/** The demo consortium's today (Europe/Rome), as a date input takes it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

const partnerNames = async (): Promise<string[]> => {
  const project = await suite.api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork');
  return Promise.all(project.partners.slice(0, 2).map(async (p: { memberId: string }) => (await suite.api.get(COORDINATOR_PERSON_ID, `/members/${p.memberId}`)).name));
};

describe.each(VIEWPORTS)('the coordinator sets up activity at $name', { timeout: 180_000 }, (viewport) => {
  it('creates a training path with a session, marks it held and records attendance with names', async () => {
    const [member] = await partnerNames();
    const title = `Vendere ai privati (${viewport.name})`;
    const { page, context } = await coordinator(viewport);
    await openArea(page, 'Training');
    await createTrainingPath(page, { title, topic: 'Marketing', description: 'Per le cooperative che vendono format alle imprese' });
    await planSession(page, title, { title: 'Primo incontro', date: today(), hours: '3.5', trainer: 'Davide Rinaldi', place: 'Mantova, sede del consorzio' });
    await markSessionHeld(page, title, 'Primo incontro');
    await recordAttendance(page, title, 'Primo incontro', { member: member!, people: '2', hours: '3', names: ['Lucia Bassi', 'Marco Po'] });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-training-setup');

    const path = (await suite.api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/training?limit=100')).items.find((p: { title: string }) => p.title === title);
    expect(path).toMatchObject({ topic: 'marketing', projectId: 'cultnetwork', totals: { sessions: 1, sessionsHeld: 1, hoursDelivered: 3.5, participants: 2 } });
    const [session] = (await suite.api.get(COORDINATOR_PERSON_ID, `/training/${path.id}/sessions?limit=100`)).items;
    expect(session).toMatchObject({ status: 'held', trainer: 'Davide Rinaldi', online: false });
    const [attendance] = (await suite.api.get(COORDINATOR_PERSON_ID, `/training/${path.id}/sessions/${session.id}/attendance?limit=100`)).items;
    expect(attendance).toMatchObject({ people: 2, hours: 3, attendees: ['Lucia Bassi', 'Marco Po'] });

    // The path's form is reached and sent from the keyboard, its focus visible.
    await page.getByRole('region', { name: 'New training path' }).getByLabel('Title', { exact: true }).fill(`${title}, bis`);
    await page.getByRole('region', { name: 'New training path' }).getByLabel('Topic').focus();
    await tabTo(page, 'the create button', (element) => element.textContent === 'Create the training path');
    expect(await focusOutline(page)).toMatchObject({ style: 'solid' });
    await page.keyboard.press('Enter');
    await page.getByText('Training path created.').waitFor();
    await context.close();
  });

  it("creates an offer with two members' shares and moves it along the pipeline", async () => {
    const [first, second] = await partnerNames();
    const title = `Visite guidate per aziende (${viewport.name})`;
    const { page, context } = await coordinator(viewport);
    await openArea(page, 'Offers');
    await createOffer(page, { title, format: 'visita guidata', clientType: 'Private', client: 'Banca Agricola Mantovana', euros: '12.500,50', shares: [{ member: first!, percent: '60' }, { member: second!, percent: '40' }] });
    await moveOffer(page, title, 'Proposed');
    await moveOffer(page, title, 'Negotiating');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-offer-setup');

    const offer = (await suite.api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/offers?limit=100')).items.find((o: { title: string }) => o.title === title);
    expect(offer).toMatchObject({ stage: 'negotiating', valueCents: 1_250_050, clientType: 'private' });
    expect(offer.participants.map((p: { shareBasisPoints: number }) => p.shareBasisPoints)).toEqual([6000, 4000]);
    expect(offer.stageHistory.map((s: { stage: string }) => s.stage)).toEqual(['draft', 'proposed', 'negotiating']);

    // Shares that do not sum to 100 %: the API's message shows in the shares' box, and what was typed stays.
    const form = await fillOffer(page, { title: `${title}, bis`, format: 'visita guidata', clientType: 'Public', client: 'Comune di Mantova', euros: '900', shares: [{ member: first!, percent: '50' }, { member: second!, percent: '40' }] });
    await form.getByRole('button', { name: 'Create the offer' }).click();
    await form.locator('fieldset .field-error').getByText(/sum to 10000/).waitFor();
    expect(await form.getByLabel('Share of member 2 (%)', { exact: true }).inputValue()).toBe('40');
    expect(await form.getByLabel('Client', { exact: true }).inputValue()).toBe('Comune di Mantova');
    await context.close();
  });

  it('creates an indicator after the API refuses a target equal to the baseline beside its field, and records an actual value', async () => {
    const name = `Imprese clienti (${viewport.name})`;
    const { page, context } = await coordinator(viewport);
    await openArea(page, 'Indicators');
    const form = await fillIndicator(page, { name, unit: 'imprese', baseline: '4', target: '4', targetDate: '2030-12-31' });
    await form.getByRole('button', { name: 'Create the indicator' }).click();
    const target = form.getByLabel('Target', { exact: true });
    await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await target.getAttribute('aria-describedby'))!;
    // The error's text follows a mark that screen readers skip ("! ").
    expect(await page.locator(`#${errorId}`).innerText()).toMatch(/^(! )?must differ from the baseline$/);
    expect(await form.getByLabel('Indicator', { exact: true }).inputValue()).toBe(name);
    expect(await form.getByLabel('Unit', { exact: true }).inputValue()).toBe('imprese');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-indicator-error');

    await target.fill('20');
    await form.getByRole('button', { name: 'Create the indicator' }).click();
    await form.getByText('Indicator created.').waitFor();
    await addActual(page, name, '7');
    await page.locator('.indicator-bars li', { hasText: name }).getByText('7 imprese').waitFor();
    await screenshot(page, viewport, 'coordinator-indicator-setup');
    const indicator = (await suite.api.get(COORDINATOR_PERSON_ID, '/projects/cultnetwork/indicators?limit=100')).items.find((i: { name: string }) => i.name === name);
    expect(indicator).toMatchObject({ unit: 'imprese', baseline: 4, target: 20, actuals: [{ on: today(), value: 7 }], progress: { current: 7 } });
    await context.close();
  });

  it('shows the new forms in Italian, with the glossary’s words, and axe finds nothing serious', async () => {
    const { page, context } = await coordinator(viewport, 'it');
    await page.getByRole('navigation', { name: 'Sezioni del progetto' }).getByRole('link', { name: 'Formazione' }).click();
    await page.getByRole('region', { name: 'Nuovo percorso formativo' }).getByRole('option', { name: 'Raccolta fondi' }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Crea il percorso formativo' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-training-it');
    await page.getByRole('navigation', { name: 'Sezioni del progetto' }).getByRole('link', { name: 'Offerte' }).click();
    await page.getByRole('region', { name: 'Nuova offerta' }).getByLabel('Quota della socia 1 (%)').waitFor();
    const stages = page.getByRole('region', { name: 'Offerte e loro fasi' });
    await stages.locator('summary', { hasText: 'Fai avanzare l’offerta' }).first().click();
    await stages.getByRole('option', { name: 'In trattativa' }).first().waitFor({ state: 'attached' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-offers-it');
    await page.getByRole('navigation', { name: 'Sezioni del progetto' }).getByRole('link', { name: 'Indicatori' }).click();
    await page.getByRole('form', { name: 'Nuovo indicatore' }).getByLabel('Unità di misura').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, viewport, 'coordinator-indicators-it');
    await context.close();
  });
});
