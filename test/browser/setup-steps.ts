// What a coordinator does to set up a consortium and a project's plan, through the dashboard alone
// (in English), as steps that browser tests put together: members and funders, a project, its
// phases and deliverables. Each step waits until the page shows that it took effect.
import type { Locator, Page } from 'playwright-core';

export interface MemberInput { name: string; sector: string; orgId: string; city?: string; status?: 'active' | 'applicant' }
export interface FunderInput { name: string; orgId: string; programme: string }
export interface PartnerInput { member: string; role: 'lead' | 'partner'; shareEuros: string }
export interface ProjectInput {
  title: string; funder: string; call: string; grantEuros: string; cofinancingEuros: string;
  startDate: string; endDate: string; objectives: string[]; partners: PartnerInput[];
}
export interface PhaseInput { title: string; start: string; end: string }
export interface DeliverableInput { title: string; kind?: string; phase: string; owner: string; due: string }

const ROLE_WORDS = { lead: 'Lead partner', partner: 'Partner' } as const;

export async function openDirectory(page: Page, base: string): Promise<void> {
  await page.getByRole('link', { name: 'Members and funders' }).click();
  await page.waitForURL(`${base}/directory`);
  await page.getByRole('heading', { name: 'Member cooperatives' }).waitFor();
}

/** Fills the add-member form and submits it; answers the form. */
export async function fillMember(page: Page, member: MemberInput): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Name', { exact: true }).fill(member.name);
  await form.getByLabel('Sector', { exact: true }).fill(member.sector);
  await form.getByLabel('Organisation identifier', { exact: true }).fill(member.orgId);
  await form.getByLabel('City', { exact: true }).fill(member.city ?? '');
  await form.getByLabel('Status', { exact: true }).selectOption(member.status ?? 'active');
  await form.getByRole('button', { name: 'Add a member' }).click();
  return form;
}

/** On the directory page: adds a member and waits for its card. */
export async function addMember(page: Page, member: MemberInput): Promise<void> {
  await fillMember(page, member);
  await page.getByRole('heading', { name: member.name, level: 3 }).waitFor();
}

/** On the directory page: adds a funder and waits for its card. */
export async function addFunder(page: Page, funder: FunderInput): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a funder' });
  await form.getByLabel('Name', { exact: true }).fill(funder.name);
  await form.getByLabel('Organisation identifier', { exact: true }).fill(funder.orgId);
  await form.getByLabel('Programme or call', { exact: true }).fill(funder.programme);
  await form.getByRole('button', { name: 'Add a funder' }).click();
  await page.getByRole('heading', { name: funder.name, level: 3 }).waitFor();
}

/** From the coordinator's home: creates a project and lands on its plan; answers the project's id. */
export async function createProject(page: Page, base: string, project: ProjectInput): Promise<string> {
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('link', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title', { exact: true }).fill(project.title);
  await form.getByLabel('Funder', { exact: true }).selectOption({ label: project.funder });
  await form.getByLabel('Call', { exact: true }).fill(project.call);
  await form.getByLabel('Grant (€)', { exact: true }).fill(project.grantEuros);
  await form.getByLabel('Co-financing (€)', { exact: true }).fill(project.cofinancingEuros);
  await form.getByLabel('Start date', { exact: true }).fill(project.startDate);
  await form.getByLabel('End date', { exact: true }).fill(project.endDate);
  await form.getByLabel('Objectives', { exact: true }).fill(project.objectives.join('\n'));
  for (const [index, partner] of project.partners.entries()) {
    await form.getByRole('button', { name: 'Add a partner' }).click();
    await form.getByLabel(`Partner ${index + 1}`, { exact: true }).selectOption({ label: partner.member });
    await form.getByLabel('Role', { exact: true }).nth(index).selectOption({ label: ROLE_WORDS[partner.role] });
    await form.getByLabel('Budget share (€)', { exact: true }).nth(index).fill(partner.shareEuros);
  }
  await form.getByRole('button', { name: 'Create the project' }).click();
  await page.waitForURL(/\/projects\/[a-z0-9-]+\/plan$/);
  await page.getByRole('heading', { name: 'Phases in order' }).waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** On a project's plan: adds a phase at the end and waits for it in the list. */
export async function addPhase(page: Page, phase: PhaseInput): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a phase' });
  await form.getByLabel('Phase title', { exact: true }).fill(phase.title);
  await form.getByLabel('Planned start', { exact: true }).fill(phase.start);
  await form.getByLabel('Planned end', { exact: true }).fill(phase.end);
  await form.getByRole('button', { name: 'Add a phase' }).click();
  await page.getByRole('button', { name: `Move ${phase.title} up` }).waitFor();
}

/** On a project's plan: moves a phase one place up. */
export async function movePhaseUp(page: Page, title: string): Promise<void> {
  const before = await page.locator('ol.plan-list > li strong').allTextContents();
  await page.getByRole('button', { name: `Move ${title} up` }).click();
  const wanted = before.findIndex((text) => text.endsWith(` ${title}`));
  await page.locator('ol.plan-list > li strong').nth(wanted - 1).filter({ hasText: title }).waitFor();
}

/** On a project's plan: changes a phase's planned dates. */
export async function changePhaseDates(page: Page, title: string, dates: { start: string; end: string }): Promise<void> {
  await page.getByText(`Change ${title}`, { exact: true }).click();
  const form = page.getByRole('form', { name: `Change ${title}` });
  await form.getByLabel('Planned start', { exact: true }).fill(dates.start);
  await form.getByLabel('Planned end', { exact: true }).fill(dates.end);
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await form.waitFor({ state: 'detached' });
}

/** On a project's plan: adds a deliverable; `phase` and `owner` are as the selects show them ("1. Title", a member's name). */
export async function addDeliverable(page: Page, deliverable: DeliverableInput): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a deliverable' });
  await form.getByLabel('Deliverable title', { exact: true }).fill(deliverable.title);
  await form.getByLabel('Kind', { exact: true }).selectOption({ label: deliverable.kind ?? 'Report' });
  await form.getByLabel('Phase', { exact: true }).selectOption({ label: deliverable.phase });
  await form.getByLabel('Owner', { exact: true }).selectOption({ label: deliverable.owner });
  await form.getByLabel('Due', { exact: true }).fill(deliverable.due);
  await form.getByRole('button', { name: 'Add a deliverable' }).click();
  await page.getByRole('link', { name: deliverable.title, exact: true }).waitFor();
}

/** On a project's plan: changes a deliverable (its owner, phase or due date). */
export async function changeDeliverable(page: Page, title: string, change: { owner?: string; phase?: string; due?: string }): Promise<void> {
  await page.getByText(`Change ${title}`, { exact: true }).click();
  const form = page.getByRole('form', { name: `Change ${title}` });
  if (change.owner) await form.getByLabel('Owner', { exact: true }).selectOption({ label: change.owner });
  if (change.phase) await form.getByLabel('Phase', { exact: true }).selectOption({ label: change.phase });
  if (change.due) await form.getByLabel('Due', { exact: true }).fill(change.due);
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await form.waitFor({ state: 'detached' });
}

/** On a project's plan: removes a planned deliverable, accepting the confirmation; answers the confirmation's text. */
export async function removeDeliverable(page: Page, title: string): Promise<string> {
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); void dialog.accept(); }));
  await page.getByRole('button', { name: `Remove ${title}` }).click();
  const message = await asked;
  await page.getByRole('link', { name: title, exact: true }).waitFor({ state: 'detached' });
  return message;
}

const memberCard = (page: Page, name: string) => page.locator('li.card').filter({ has: page.getByRole('heading', { name, level: 3 }) });

/** Unfolds a member's admission-or-exit form and gives it the day, if any; answers the member's card. */
async function unfoldStatus(page: Page, name: string, on: string | undefined): Promise<Locator> {
  const card = memberCard(page, name);
  await card.locator('summary').first().click();
  if (on) await card.getByLabel('Admission or exit on', { exact: true }).fill(on);
  return card;
}

/** On the directory page: admits an applicant, on a day (today if none); waits until its card says so. */
export async function admitMember(page: Page, name: string, on?: string): Promise<void> {
  const card = await unfoldStatus(page, name, on);
  await card.locator('button', { hasText: 'Admit as member' }).click();
  await memberCard(page, name).getByText(/^Active member/).waitFor();
}

/** On the directory page: records a member's exit, on a day (today if none), accepting the confirmation; answers its text. */
export async function recordExit(page: Page, name: string, on?: string): Promise<string> {
  const card = await unfoldStatus(page, name, on);
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); void dialog.accept(); }));
  await card.locator('button', { hasText: 'Record the exit' }).click();
  const message = await asked;
  await memberCard(page, name).getByText(/^Left/).waitFor();
  return message;
}
