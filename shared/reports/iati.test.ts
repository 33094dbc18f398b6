import { describe, expect, it } from 'vitest';
import { collect, sampleHeader, sampleRecords, sourceOf } from '../../test/support/standards';
import {
  activityDates,
  activityStatus,
  budgetPeriods,
  buildIati,
  countryOf,
  element,
  escapeAttribute,
  escapeText,
  iatiIdentifier,
  withinOneYear,
} from './iati';

describe('escaping', () => {
  it('escapes markup characters in text and keeps accents and line breaks', () => {
    expect(escapeText('Arte & Mestieri <Società> "già"\nfine')).toBe('Arte &amp; Mestieri &lt;Società&gt; "già"\nfine');
  });

  it('escapes quotes, line breaks and tabs in attributes so that parsing gives them back', () => {
    expect(escapeAttribute('a "b" & c\n\td')).toBe('a &quot;b&quot; &amp; c&#10;&#9;d');
  });

  it('drops characters that XML 1.0 cannot carry, even escaped', () => {
    expect(escapeText('a\u0000b\u0008c\uFFFEd\uD800e')).toBe('abcde');
    expect(escapeText('emoji 🎭 stays')).toBe('emoji 🎭 stays');
  });

  it('writes attributes it is given, skips undefined ones, and closes empty elements', () => {
    expect(element('sector', { vocabulary: '1', code: 16061, percentage: undefined })).toBe('<sector vocabulary="1" code="16061"/>');
    expect(element('narrative', { 'xml:lang': 'it' }, escapeText('A & B'))).toBe('<narrative xml:lang="it">A &amp; B</narrative>');
  });
});

describe('identifiers', () => {
  it('starts an activity identifier with the reporting organisation identifier and a hyphen', () => {
    expect(iatiIdentifier('IT-CF-01234567890', 'cultnetwork')).toBe('IT-CF-01234567890-cultnetwork');
  });

  it('reads the country of an org-id, and none from the registries that are not countries', () => {
    expect(countryOf('IT-CF-01234567890')).toBe('IT');
    expect(countryOf('GB-CHC-1070468')).toBe('GB');
    expect(countryOf('XI-IATI-EC_INTPA')).toBeUndefined();
    expect(countryOf('XM-DAC-41114')).toBeUndefined();
  });
});

describe('activity status and dates', () => {
  const project = { startDate: '2025-02-01', endDate: '2027-01-31' };

  it('is in pipeline before the start, in implementation until the end day, and in finalisation after', () => {
    expect(activityStatus(project, '2025-01-31')).toBe('1');
    expect(activityStatus(project, '2025-02-01')).toBe('2');
    expect(activityStatus(project, '2027-01-31')).toBe('2');
    expect(activityStatus(project, '2027-02-01')).toBe('3');
  });

  it('gives planned dates always and actual dates only once they are past', () => {
    expect(activityDates(project, '2025-01-15')).toEqual([
      { type: '1', date: '2025-02-01' },
      { type: '3', date: '2027-01-31' },
    ]);
    expect(activityDates(project, '2026-03-02').map((d) => d.type)).toEqual(['1', '2', '3']);
    expect(activityDates(project, '2027-06-01')).toEqual([
      { type: '1', date: '2025-02-01' },
      { type: '2', date: '2025-02-01' },
      { type: '3', date: '2027-01-31' },
      { type: '4', date: '2027-01-31' },
    ]);
  });
});

describe('budget periods', () => {
  it('accepts a period that ends at most one year after it starts, as the Ruleset does', () => {
    expect(withinOneYear({ start: '2025-01-01', end: '2025-12-31' })).toBe(true);
    expect(withinOneYear({ start: '2025-01-01', end: '2026-01-01' })).toBe(true);
    expect(withinOneYear({ start: '2025-01-01', end: '2026-01-02' })).toBe(false);
  });

  it('splits a three-year project into three project years', () => {
    expect(budgetPeriods({ start: '2025-08-01', end: '2028-07-31' })).toEqual([
      { start: '2025-08-01', end: '2026-07-31' },
      { start: '2026-08-01', end: '2027-07-31' },
      { start: '2027-08-01', end: '2028-07-31' },
    ]);
  });

  it('keeps a short period whole and puts the rest of a longer one in a last, shorter period', () => {
    expect(budgetPeriods({ start: '2025-03-10', end: '2025-03-10' })).toEqual([{ start: '2025-03-10', end: '2025-03-10' }]);
    expect(budgetPeriods({ start: '2025-01-15', end: '2026-02-14' })).toEqual([
      { start: '2025-01-15', end: '2026-01-14' },
      { start: '2026-01-15', end: '2026-02-14' },
    ]);
  });

  it('covers every day exactly once, each period within a year and in order, leap days included', () => {
    for (const [start, end] of [['2024-02-29', '2029-03-01'], ['2023-03-01', '2024-02-29'], ['2025-12-31', '2031-01-30']] as const) {
      const periods = budgetPeriods({ start, end });
      expect(periods[0]!.start).toBe(start);
      expect(periods.at(-1)!.end).toBe(end);
      periods.forEach((period, i) => {
        expect(period.start <= period.end).toBe(true);
        expect(withinOneYear(period)).toBe(true);
        if (i > 0) expect(new Date(period.start).getTime() - new Date(periods[i - 1]!.end).getTime()).toBe(86_400_000);
      });
    }
  });
});

describe('buildIati', () => {
  it('writes one activity in the schema order, escaped, and ends its output', async () => {
    const xml = await collect(buildIati, sourceOf(sampleRecords()));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03"')).toBe(true);
    expect(xml).toContain('<iati-identifier>IT-CF-01234567890-net</iati-identifier>');
    expect(xml).toContain('<reporting-org ref="IT-CF-01234567890" type="22"><narrative>Coop &amp; Co. &lt;Città&gt;</narrative></reporting-org>');
    expect(xml).toContain('<title><narrative xml:lang="en">Rete "Net" – à la carte</narrative></title>');
    const order = ['iati-identifier', 'reporting-org', '<title', 'participating-org', 'activity-status', 'activity-date', 'recipient-country', '<sector', 'default-finance-type', 'default-aid-type', '<result'];
    const positions = order.map((name) => xml.indexOf(name));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(xml.trimEnd().endsWith('</iati-activity>\n</iati-activities>')).toBe(true);
  });

  it('names the funder as funding, the consortium as accountable and each partner as implementing', async () => {
    const xml = await collect(buildIati, sourceOf(sampleRecords()));
    expect(xml).toContain('<participating-org ref="IT-CF-09876543210" type="60" role="1">');
    expect(xml).toContain('<participating-org ref="IT-CF-01234567890" type="22" role="2">');
    expect(xml).toContain('<participating-org ref="IT-CF-01111111110" type="22" role="4"><narrative>Lead Società &lt;coop&gt;</narrative>');
  });

  it('measures each phase by its accepted deliverables, with an actual only for phases that have started', async () => {
    const xml = await collect(buildIati, sourceOf(sampleRecords(sampleHeader({ asOf: '2026-01-15' }))));
    const results = xml.match(/<result .*<\/result>/g)!;
    expect(results).toHaveLength(2);
    expect(results[0]).toContain('<baseline year="2025" iso-date="2025-02-01" value="0"/>');
    expect(results[0]).toContain('<target value="100"/><actual value="50">');
    expect(results[0]).toContain('1 of 2 deliverables accepted as of 2026-01-15');
    expect(results[1]).toContain('<title><narrative xml:lang="en">Phase 2 &amp; more</narrative></title>');
    expect(results[1]).not.toContain('<actual');
  });

  it('labels what it writes in the export language', async () => {
    const xml = await collect(buildIati, sourceOf(sampleRecords(sampleHeader({ language: 'it' }))));
    expect(xml).toContain('<iati-activity xml:lang="it" default-currency="EUR"');
    expect(xml).toContain('Quota di deliverable della fase accettati (%)');
  });

  it('skips record kinds it does not know yet', async () => {
    const xml = await collect(buildIati, sourceOf(sampleRecords()));
    expect(xml).not.toContain('payment');
  });
});
