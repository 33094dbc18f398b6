import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sampleHeader, sampleRecords, sourceOf } from '../../test/support/standards';
import { newDeliverable, type Deliverable } from '../domain/deliverable';
import { moneySummary, zeroMoney } from '../domain/money';
import { newOffer, offerSummary, type Offer } from '../domain/offer';
import { trainingSummary, zeroTrainingTotals } from '../domain/training';
import { buildPdf } from './pdf';
import type { SnapshotRecord } from './snapshot';

const deliverable = (i: number): Deliverable =>
  newDeliverable(
    { phaseId: i % 2 ? 'p2' : 'p1', ownerMemberId: 'lead', title: `Deliverable ${i} – attività`, kind: 'event', dueDate: '2026-02-15', weight: 1 },
    { id: `d${i}`, consortiumId: 'coop', projectId: 'net' },
    '2026-01-10T10:00:00.000Z',
  );

/** The sample snapshot (two phases and a kind no builder knows) with `count` deliverables before its footer. */
function snapshotWith(count: number, header = sampleHeader()): SnapshotRecord[] {
  const records = sampleRecords(header);
  const footer = records.pop()!;
  const deliverables = Array.from({ length: count }, (_, i): SnapshotRecord => ({ kind: 'deliverable', deliverable: deliverable(i), history: [] }));
  return [...records, ...deliverables, footer];
}

const offer = (i: number): Offer =>
  newOffer(
    { title: `Offer ${i} – visite`, format: 'tour', participants: [{ memberId: 'lead', shareBasisPoints: 10_000 }], clientType: 'private', clientName: 'Viaggi srl', valueCents: 100_000 * i },
    { id: `o${i}`, consortiumId: 'coop', projectId: 'net' },
    'p',
    '2026-01-10',
    '2026-01-10T10:00:00.000Z',
  );

/** The sample snapshot with a summary and `count` offers after its deliverables (none). */
function withOffers(count: number, header = sampleHeader()): SnapshotRecord[] {
  const records = snapshotWith(0, header);
  const footer = records.pop()!;
  const offers = Array.from({ length: count }, (_, i) => offer(i + 1));
  const summary: SnapshotRecord = {
    kind: 'summary',
    training: trainingSummary({ ...zeroTrainingTotals(), paths: 0 }, [], ['lead']),
    offers: offerSummary(offers),
    indicators: { indicators: 0, achieved: 0, late: 0 },
    money: moneySummary(header.project, zeroMoney()),
  };
  return [...records, summary, ...offers.map((o): SnapshotRecord => ({ kind: 'offer', offer: o })), footer];
}

async function pdfOf(records: SnapshotRecord[]): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (chunk, _encoding, done) => (chunks.push(Buffer.from(chunk)), done()) });
  await buildPdf(sourceOf(records), out, { snapshotSha256: 'a'.repeat(64) });
  expect(out.writableFinished).toBe(true);
  // Latin-1 keeps one character per byte, enough to look at the PDF's own (uncompressed) syntax.
  return Buffer.concat(chunks).toString('latin1');
}

const pagesOf = (pdf: string) => pdf.match(/\/Type \/Page\b/g)?.length ?? 0;

describe('the PDF report', () => {
  it('is a whole PDF document that embeds DejaVu Sans, regular and bold, and no standard font', async () => {
    const pdf = await pdfOf(snapshotWith(3));

    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(pdf).toMatch(/\/FontFile2 /);
    expect(pdf).not.toMatch(/Helvetica/);
  });

  it('has a cover, a summary, phase progress and deliverables pages even with no deliverables', async () => {
    const pdf = await pdfOf(snapshotWith(0));

    expect(pagesOf(pdf)).toBe(4);
  });

  it('breaks pages as the deliverables grow', async () => {
    const few = pagesOf(await pdfOf(snapshotWith(5)));
    const many = pagesOf(await pdfOf(snapshotWith(300)));

    expect(few).toBe(4);
    expect(many).toBeGreaterThan(10);
  });

  it('adds a training, an offers, an indicators and an accounts section when the snapshot has a summary', async () => {
    const none = pagesOf(await pdfOf(withOffers(0)));
    const few = pagesOf(await pdfOf(withOffers(3, sampleHeader({ language: 'it' }))));
    const many = pagesOf(await pdfOf(withOffers(150)));

    expect(none).toBe(8);
    expect(few).toBe(8);
    expect(many).toBeGreaterThan(10);
  });
});
