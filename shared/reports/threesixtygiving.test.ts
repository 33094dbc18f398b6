import { describe, expect, it } from 'vitest';
import { collect, sampleHeader, sampleReceipts, sampleRecords, sourceOf, threeSixtyGivingPackageValidator } from '../../test/support/standards';
import type { SnapshotRecord } from './snapshot';
import { buildThreeSixtyGiving, disbursement, durationInMonths, euros, grantIdentifier } from './threesixtygiving';

/** The sample with the records that follow the deliverables, which the disbursements section reads. */
const withProjectRecords = (header = sampleHeader()) => sampleRecords(header, { projectRecords: true });

describe('identifiers and amounts', () => {
  it('makes a grant identifier from a 360G prefix standing in for the funder and the project id', () => {
    expect(grantIdentifier('IT-CF-09876543210', 'cultnetwork')).toBe('360G-IT-CF-09876543210-cultnetwork');
  });

  it('uses the funder’s registered 360Giving prefix when it has one', () => {
    expect(grantIdentifier('IT-CF-09876543210', 'net', '360G-fondazionemincio')).toBe('360G-fondazionemincio-net');
  });

  it('replaces slashes, spaces and other characters the guidance advises against with underscores', () => {
    expect(grantIdentifier('XX-REG-12/34', 'a b')).toBe('360G-XX-REG-12_34-a_b');
  });

  it('turns integer cents into euros', () => {
    expect(euros(36_000_000)).toBe(360_000);
    expect(euros(12_345_678)).toBe(123_456.78);
    expect(euros(1)).toBe(0.01);
  });

  it('makes a disbursement of a receipt, in euros, from the funder to the consortium, identified within the grant', () => {
    expect(disbursement({ id: 'rc-1', date: '2025-03-01', amountCents: 3_703_703 }, sampleHeader())).toEqual({
      id: '360G-IT-CF-09876543210-net-rc-1',
      transactionDate: '2025-03-01',
      value: 37_037.03,
      currency: 'EUR',
      valueDate: '2025-03-01',
      provider: 'IT-CF-09876543210',
      recipient: 'IT-CF-01234567890',
    });
  });

  it('counts a duration in whole months, then the rest as a share of a month', () => {
    expect(durationInMonths('2025-08-01', '2028-07-31')).toBe(36);
    expect(durationInMonths('2025-01-15', '2025-02-14')).toBe(1);
    expect(durationInMonths('2024-02-29', '2025-02-27')).toBe(12);
    expect(durationInMonths('2025-01-01', '2025-01-15')).toBe(0.5);
  });
});

describe('buildThreeSixtyGiving', () => {
  const validate = threeSixtyGivingPackageValidator();
  const build = async (header = sampleHeader(), keep = (_record: SnapshotRecord) => true) =>
    JSON.parse(await collect(buildThreeSixtyGiving, sourceOf(withProjectRecords(header).filter(keep))));

  it('writes a grant package that the 360Giving 1.4 package schema accepts', async () => {
    const grants = await build();
    expect(validate(grants), JSON.stringify(validate.errors)).toBe(true);
    expect(grants.version).toBe('1.4');
    expect(grants.grants).toHaveLength(1);
  });

  it('describes the grant with org-id identifiers, euros, dates and the call, text as it was typed', async () => {
    const [grant] = (await build()).grants;
    expect(grant).toMatchObject({
      id: '360G-IT-CF-09876543210-net',
      title: 'Rete "Net" – à la carte',
      currency: 'EUR',
      amountAwarded: 123_456.78,
      awardDate: '2025-02-01',
      plannedDates: [{ startDate: '2025-02-01', endDate: '2027-01-31', duration: 24 }],
      actualDates: [{ startDate: '2025-02-01' }],
      recipientOrganization: [{ id: 'IT-CF-01234567890', name: 'Coop & Co. <Città>' }],
      fundingOrganization: [{ id: 'IT-CF-09876543210', name: 'Fondazione Più' }],
      grantProgramme: [{ title: 'Culture call 2025', description: 'Culture call' }],
      dateModified: '2026-03-02T10:00:00.000Z',
    });
  });

  it('gives the receipts’ sum as the amount disbursed, and one disbursement transaction per receipt', async () => {
    const grants = await build();
    expect(validate(grants), JSON.stringify(validate.errors)).toBe(true);
    const [grant] = grants.grants;
    expect(grant.amountDisbursed).toBe(euros(sampleReceipts.reduce((sum, r) => sum + r.amountCents, 0)));
    expect(grant.amountDisbursed).toBe(49_382.7);
    expect(grant.disbursementTransaction.map((t: { transactionDate: string; value: number }) => [t.transactionDate, t.value])).toEqual([
      ['2025-03-01', 37_037.03],
      ['2025-12-15', 12_345.67],
    ]);
  });

  it('claims no amount disbursed before the first receipt', async () => {
    const [grant] = (await build(sampleHeader(), (record) => record.kind !== 'receipt')).grants;
    expect(grant).not.toHaveProperty('amountDisbursed');
    expect(grant).not.toHaveProperty('disbursementTransaction');
  });

  it('gives no actual dates before the start and an actual end after the end', async () => {
    expect((await build(sampleHeader({ asOf: '2025-01-20' }))).grants[0]).not.toHaveProperty('actualDates');
    expect((await build(sampleHeader({ asOf: '2027-03-01' }))).grants[0].actualDates).toEqual([{ startDate: '2025-02-01', endDate: '2027-01-31' }]);
  });

  it('falls back to the title and objectives when the project has no summary', async () => {
    const header = sampleHeader();
    const [grant] = (await build({ ...header, project: { ...header.project, summary: undefined } })).grants;
    expect(grant.description).toBe('Rete "Net" – à la carte\nOrganise\nGrow');
  });
});
