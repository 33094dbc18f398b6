import { describe, expect, it } from 'vitest';
import { sampleHeader, sourceOf } from '../../test/support/standards';
import { newDeliverable, type Deliverable } from '../domain/deliverable';
import {
  dateOf,
  fill,
  formatDate,
  formatFact,
  formatInstant,
  formatMoney,
  formatNumber,
  formatPercent,
  offerFacts,
  partnerAccounts,
  reviewDays,
  tally,
  utcMidnight,
  wallClock,
} from './format';
import { offerSummary } from '../domain/offer';
import { reportLabels } from './i18n';
import type { SnapshotRecord } from './snapshot';

/** Intl separates amounts from the euro sign with a no-break space: compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('money', () => {
  it('writes euro cents as euros the way each language does', () => {
    expect(plain(formatMoney(36_000_000, 'it'))).toBe('360.000,00 €');
    expect(formatMoney(36_000_000, 'en')).toBe('€360,000.00');
    expect(plain(formatMoney(5, 'it'))).toBe('0,05 €');
  });
});

describe('percentages', () => {
  it('writes a share given from 0 to 100 with at most one decimal', () => {
    expect(formatPercent(62.5, 'it')).toBe('62,5%');
    expect(formatPercent(62.5, 'en')).toBe('62.5%');
    expect(formatPercent(100, 'en')).toBe('100%');
  });
});

describe('numbers', () => {
  it('writes counts and hours with the separators of each language, with at most two decimals', () => {
    expect(formatNumber(1234.5, 'it')).toBe('1234,5');
    expect(formatNumber(12_345.5, 'it')).toBe('12.345,5');
    expect(formatNumber(12_345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(2 / 3, 'en')).toBe('0.67');
  });
});

describe('facts of a summary', () => {
  it('writes euro cents with the euro sign, percentages, counts, and a dash for a missing value', () => {
    const facts = offerFacts(offerSummary([{ stage: 'proposed', clientType: 'public', valueCents: 250_000 }]), reportLabels.it);

    expect(facts.map((fact) => [fact.label, plain(formatFact(fact, 'it'))])).toEqual([
      ['Offerte', '1'],
      ['Offerte vinte', '0'],
      ['Valore delle offerte vinte', '0,00 €'],
      ['Tasso di successo (vinte sulle decise)', '–'],
    ]);
    expect(formatFact({ label: 'x', value: 62.5, as: 'percent' }, 'en')).toBe('62.5%');
    expect(formatFact({ label: 'x', value: 123_456, as: 'cents' }, 'en')).toBe('€1,234.56');
  });
});

describe('dates', () => {
  it('writes a calendar date short or long, in either language, without shifting the day', () => {
    expect(formatDate('2026-03-05', 'it')).toBe('05/03/2026');
    expect(formatDate('2026-03-05', 'en')).toBe('05/03/2026');
    expect(formatDate('2026-03-05', 'it', 'long')).toBe('5 marzo 2026');
    expect(formatDate('2026-03-05', 'en', 'long')).toBe('5 March 2026');
    expect(formatDate('2026-12-31', 'it', 'long')).toBe('31 dicembre 2026');
  });

  it('writes an instant at the time the consortium’s clocks showed, summer time included', () => {
    expect(formatInstant('2026-07-01T08:00:00.000Z', 'en', 'Europe/Rome')).toContain('1 July 2026');
    expect(formatInstant('2026-07-01T08:00:00.000Z', 'en', 'Europe/Rome')).toContain('10:00');
    expect(formatInstant('2026-01-15T08:00:00.000Z', 'it', 'Europe/Rome')).toContain('09:00');
  });

  it('takes the day of an instant in the consortium’s time zone, which may be the next day in UTC terms', () => {
    expect(dateOf('2026-03-28T23:30:00.000Z', 'Europe/Rome')).toBe('2026-03-29');
    expect(dateOf('2026-03-28T22:30:00.000Z', 'Europe/Rome')).toBe('2026-03-28');
  });

  it('gives spreadsheets calendar dates at UTC midnight and instants as the wall clock of the zone', () => {
    expect(utcMidnight('2026-03-05').toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(wallClock('2026-07-01T08:00:00.000Z', 'Europe/Rome').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(wallClock('2026-01-01T23:30:00.000Z', 'Europe/Rome').toISOString()).toBe('2026-01-02T00:30:00.000Z');
  });

  it('prefers the stored day of a submission, and dates an acceptance in the consortium’s zone', () => {
    const days = reviewDays({ submittedAt: '2026-03-28T23:30:00.000Z', submittedOn: '2026-03-29', acceptedAt: '2026-04-01T22:30:00.000Z' }, 'Europe/Rome');
    expect(days).toEqual({ submitted: '2026-03-29', accepted: '2026-04-02' });
    expect(reviewDays({ submittedAt: '2026-03-28T23:30:00.000Z' }, 'Europe/Rome')).toEqual({ submitted: '2026-03-29', accepted: undefined });
    expect(reviewDays({}, 'Europe/Rome')).toEqual({ submitted: undefined, accepted: undefined });
  });
});

describe('labels', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(fill('Pagina {page} di {total}', { page: 3 })).toBe('Pagina 3 di {total}');
    expect(fill('{from} – {to}', { from: 'a', to: 'b' })).toBe('a – b');
  });
});

describe('the tally of a snapshot', () => {
  const deliverable = (id: string, phaseId: string, dueDate: string, status: Deliverable['status'], weight = 1): SnapshotRecord => ({
    kind: 'deliverable',
    deliverable: {
      ...newDeliverable({ phaseId, ownerMemberId: 'lead', title: id, kind: 'report', dueDate, weight }, { id, consortiumId: 'coop', projectId: 'net' }, '2026-01-01T10:00:00.000Z'),
      status,
    },
    history: [],
  });

  it('counts overdue work and weights, lists the phases, and sets apart deliverables of unknown phases', async () => {
    const header = sampleHeader({ asOf: '2026-03-02' });
    const phase = { kind: 'phase', phase: { id: 'p1', consortiumId: 'coop', projectId: 'net', order: 1, title: 'One', plannedStart: '2026-01-01', plannedEnd: '2026-12-31', status: 'active', version: 1, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z', progress: header.project.progress } } as SnapshotRecord;
    const records = [
      header,
      phase,
      deliverable('late', 'p1', '2026-03-01', 'in_progress', 2),
      deliverable('done-late', 'p1', '2026-03-01', 'accepted', 3),
      deliverable('due-today', 'p1', '2026-03-02', 'planned'),
      deliverable('stray', 'gone', '2026-01-01', 'submitted'),
      { kind: 'offer', value: 1 } as unknown as SnapshotRecord,
    ];

    const result = await tally(sourceOf(records), header.asOf);

    expect(result.phases.map((p) => p.id)).toEqual(['p1']);
    expect(result.overdue).toBe(2);
    expect(result.weightTotal).toBe(7);
    expect(result.unplaced).toBe(1);
  });

  it('keeps the summary record for the reports that show it', async () => {
    const header = sampleHeader();
    const summary = { kind: 'summary', training: {}, offers: {}, indicators: {}, money: {} } as unknown as SnapshotRecord;

    expect((await tally(sourceOf([header]), header.asOf)).summary).toBeUndefined();
    expect((await tally(sourceOf([header, summary]), header.asOf)).summary).toBe(summary);
  });
});

describe('the accounts of each partner', () => {
  it('adds up budget lines and co-financing per partner, a reversed contribution counting negative', async () => {
    const line = (memberId: string, grantCents: number, cofinancingCents: number, approvedCents: number) =>
      ({ kind: 'budgetLine', line: { memberId, grantCents, cofinancingCents, approvedCents } }) as unknown as SnapshotRecord;
    const contribution = (memberId: string, valueCents: number, entry: 'contribution' | 'reversal') =>
      ({ kind: 'contribution', contribution: { memberId, valueCents, entry } }) as unknown as SnapshotRecord;

    const accounts = await partnerAccounts(
      sourceOf([sampleHeader(), line('a', 1_000, 200, 300), line('a', 500, 0, 600), line('b', 100, 50, 0), contribution('a', 80, 'contribution'), contribution('a', 30, 'reversal'), contribution('c', 10, 'contribution')]),
    );

    expect(Object.fromEntries(accounts)).toEqual({
      a: { grantCents: 1_500, cofinancingCents: 200, approvedCents: 900, providedCents: 50 },
      b: { grantCents: 100, cofinancingCents: 50, approvedCents: 0, providedCents: 0 },
      c: { grantCents: 0, cofinancingCents: 0, approvedCents: 0, providedCents: 10 },
    });
  });
});
