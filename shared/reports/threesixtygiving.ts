// The 360Giving export: a grant package (standard 1.4) with the project's grant, written field by
// field from sections, each reading the snapshot records it needs (the header, then receipts).
import { once } from 'node:events';
import { addDays, addMonths, daysBetween } from '../domain/clock';
import type { Receipt } from '../domain/payment';
import { header, recordsOf, type SnapshotHeader, type SnapshotSource } from './snapshot';

export const THREESIXTYGIVING_VERSION = '1.4';

/** Slashes, spaces and other characters the guidance advises against in identifiers become underscores. */
const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * A grant identifier: the publisher's 360Giving prefix, a hyphen and the grant's own reference.
 * Until a funder registers a `360G-…` prefix with 360Giving, `360G-` and its org-id stand in for one.
 */
export function grantIdentifier(funderOrgId: string, projectId: string, publisherPrefix = `360G-${funderOrgId}`): string {
  return `${safe(publisherPrefix)}-${safe(projectId)}`;
}

/** Money is integer cents in Rete and a number of euros in 360Giving. */
export const euros = (cents: number) => cents / 100;

/** A duration in months, as 360Giving's `plannedDates.duration`: whole months, then the rest's share of a month. */
export function durationInMonths(start: string, end: string): number {
  const dayAfter = addDays(end, 1);
  let months = 0;
  while (addMonths(start, months + 1) <= dayAfter) months++;
  const from = addMonths(start, months);
  const rest = daysBetween(from, dayAfter) / daysBetween(from, addMonths(start, months + 1));
  return Math.round((months + rest) * 10) / 10;
}

// ---- Sections of the grant: each yields fields in the order they are written ----

type Field = [name: string, value: unknown];
type Section = (header: SnapshotHeader, source: SnapshotSource) => AsyncIterable<Field> | Iterable<Field>;

function* identification({ funder, project }: SnapshotHeader): Iterable<Field> {
  yield ['id', grantIdentifier(funder.orgId, project.id)];
  yield ['title', project.title];
  yield ['description', project.summary || [project.title, ...project.objectives].join('\n')];
}

function* amounts({ project }: SnapshotHeader): Iterable<Field> {
  yield ['currency', project.currency];
  yield ['amountAwarded', euros(project.grantCents)];
}

/**
 * The project does not record when the funder decided the award: its start date stands in, as
 * 360Giving's guidance allows proxy dates. Actual dates appear once reached.
 */
function* dates({ project, asOf }: SnapshotHeader): Iterable<Field> {
  const { startDate, endDate } = project;
  yield ['awardDate', startDate];
  yield ['plannedDates', [{ startDate, endDate, duration: durationInMonths(startDate, endDate) }]];
  if (startDate <= asOf) yield ['actualDates', [endDate < asOf ? { startDate, endDate } : { startDate }]];
}

function* organisations({ consortium, funder }: SnapshotHeader): Iterable<Field> {
  yield ['recipientOrganization', [{ id: consortium.orgId, name: consortium.name }]];
  yield ['fundingOrganization', [{ id: funder.orgId, name: funder.name }]];
}

function* programme({ funder, project }: SnapshotHeader): Iterable<Field> {
  yield ['grantProgramme', [{ title: project.call, ...(funder.programme !== project.call ? { description: funder.programme } : {}) }]];
}

/** One 360Giving disbursement per receipt, from the funder to the consortium (the receipt's note stays internal). */
export function disbursement(receipt: Pick<Receipt, 'id' | 'date' | 'amountCents'>, { funder, consortium, project }: SnapshotHeader) {
  return {
    id: `${grantIdentifier(funder.orgId, project.id)}-${safe(receipt.id)}`,
    transactionDate: receipt.date,
    value: euros(receipt.amountCents),
    currency: project.currency,
    valueDate: receipt.date,
    provider: funder.orgId,
    recipient: consortium.orgId,
  };
}

/**
 * What the funder has paid so far: the receipts' sum, added up in cents, and each receipt. Nothing
 * before the first receipt, so that a snapshot without payments does not claim that none was made.
 */
async function* disbursements(h: SnapshotHeader, source: SnapshotSource): AsyncIterable<Field> {
  const transactions = [];
  let cents = 0;
  for await (const { receipt } of recordsOf(source, 'receipt')) {
    cents += receipt.amountCents;
    transactions.push(disbursement(receipt, h));
  }
  if (transactions.length === 0) return;
  yield ['amountDisbursed', euros(cents)];
  yield ['disbursementTransaction', transactions];
}

function* metadata({ generatedAt }: SnapshotHeader): Iterable<Field> {
  yield ['dateModified', generatedAt];
}

const SECTIONS: Section[] = [identification, amounts, dates, organisations, programme, disbursements, metadata];

// ---- The package ----

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

export async function buildThreeSixtyGiving(source: SnapshotSource, out: NodeJS.WritableStream): Promise<void> {
  const h = await header(source);
  const publisher = { name: h.consortium.name, identifier: h.consortium.orgId };
  await write(out, `{\n  "version": "${THREESIXTYGIVING_VERSION}",\n  "issued": ${JSON.stringify(h.generatedAt)},\n`);
  await write(out, `  "publisher": ${indented(publisher, 1)},\n  "grants": [\n    {`);
  let first = true;
  for (const section of SECTIONS) {
    for await (const [name, value] of section(h, source)) {
      await write(out, `${first ? '' : ','}\n      ${JSON.stringify(name)}: ${indented(value, 3)}`);
      first = false;
    }
  }
  await write(out, '\n    }\n  ]\n}\n');
  await new Promise<void>((resolve) => out.end(resolve));
}
