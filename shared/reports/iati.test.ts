import { describe, expect, it } from 'vitest';
import { collect, sampleCosts, sampleHeader, sampleIndicators, sampleReceipts, sampleRecords, sourceOf } from '../../test/support/standards';
import { progressOf } from '../domain/indicator';
import {
  activityDates,
  activityStatus,
  amountOf,
  budgetPeriods,
  budgetStatus,
  budgetsByPeriod,
  buildIati,
  countryOf,
  element,
  escapeAttribute,
  escapeText,
  expenditure,
  iatiIdentifier,
  incomingFunds,
  indicatorPeriod,
  indicatorResult,
  transaction,
  withinOneYear,
} from './iati';

/** The sample with the records that follow the deliverables, which the money and results sections read. */
const withProjectRecords = (header = sampleHeader()) => sampleRecords(header, { projectRecords: true });

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

describe('amounts', () => {
  it('writes integer cents as an exact decimal amount, negative ones with a minus sign', () => {
    expect(amountOf(12_345_678)).toBe('123456.78');
    expect(amountOf(5)).toBe('0.05');
    expect(amountOf(0)).toBe('0.00');
    expect(amountOf(-61_000)).toBe('-610.00');
    expect(amountOf(-5)).toBe('-0.05');
  });
});

describe('budgets by period', () => {
  const project = { start: '2025-08-01', end: '2028-07-31' };
  const sum = (budgets: { cents: number }[]) => budgets.reduce((total, b) => total + b.cents, 0);

  it('spreads the total over the project years pro rata by days, to the cent', () => {
    const budgets = budgetsByPeriod(36_000_000, project);
    expect(budgets.map((b) => [b.start, b.end])).toEqual(budgetPeriods(project).map((p) => [p.start, p.end]));
    expect(sum(budgets)).toBe(36_000_000);
    // 365, 365 and 366 days (2028 is a leap year): the leap year weighs a day more.
    expect(budgets.map((b) => b.cents)).toEqual([11_989_051, 11_989_051, 12_021_898]);
  });

  it('keeps the sum exact whatever the rounding, and gives a short last period its share of days', () => {
    for (const total of [0, 1, 2, 99_999, 12_345_679]) expect(sum(budgetsByPeriod(total, { start: '2025-01-15', end: '2026-02-14' }))).toBe(total);
    const [year, rest] = budgetsByPeriod(39_600, { start: '2025-01-15', end: '2026-02-14' });
    expect([year!.cents, rest!.cents]).toEqual([36_500, 3_100]);
  });

  it('puts a project of at most a year in one committed budget, and a longer one in indicative ones', () => {
    expect(budgetsByPeriod(1_000, { start: '2025-01-01', end: '2025-12-31' })).toEqual([{ start: '2025-01-01', end: '2025-12-31', cents: 1_000 }]);
    expect(budgetStatus(1)).toBe('2');
    expect(budgetStatus(3)).toBe('1');
  });
});

describe('transactions', () => {
  const header = sampleHeader();

  it('records a receipt as incoming funds from the funder to the consortium, on its date', () => {
    const xml = transaction(incomingFunds(sampleReceipts[0]!, header), 'en');
    expect(xml).toBe(
      '<transaction ref="rc-1"><transaction-type code="1"/><transaction-date iso-date="2025-03-01"/>' +
        '<value value-date="2025-03-01">37037.03</value>' +
        '<provider-org ref="IT-CF-09876543210" type="60"><narrative>Fondazione Più</narrative></provider-org>' +
        '<receiver-org ref="IT-CF-01234567890" type="22"><narrative>Coop &amp; Co. &lt;Città&gt;</narrative></receiver-org></transaction>',
    );
  });

  it('records an approved cost as expenditure of its partner, paid to its supplier, VAT borne included', () => {
    const spent = expenditure(sampleCosts.find((c) => c.id === 'c2')!, header.partners);
    expect(spent).toMatchObject({ type: '4', date: '2025-07-15', cents: 61_000, receiver: { name: 'Treni' } });
    expect(spent.provider).toEqual({ ref: 'IT-CF-01111111110', type: '22', name: 'Lead Società <coop>' });
    const xml = transaction(spent, 'it');
    expect(xml).toContain('<description><narrative xml:lang="it">Cost c2 &amp; &lt;more&gt;</narrative></description>');
    expect(xml).toContain('<receiver-org><narrative>Treni</narrative></receiver-org>');
  });

  it('records a reversal as a negative expenditure on its own date, and names no provider it does not know', () => {
    const reversal = sampleCosts.find((c) => c.id === 'c2-r')!;
    expect(expenditure(reversal, header.partners)).toMatchObject({ ref: 'c2-r', date: '2025-09-01', cents: -61_000 });
    expect(transaction(expenditure(reversal, header.partners), 'en')).toContain('<value value-date="2025-09-01">-610.00</value>');
    expect(expenditure(reversal, [])).not.toHaveProperty('provider');
  });
});

describe('indicator results', () => {
  const header = sampleHeader();
  const withProgress = (id: string, computed?: number) => {
    const indicator = sampleIndicators.find((i) => i.id === id)!;
    const sources = computed === undefined ? undefined : { training_hours: computed, members_trained: 0, offers_won: 0, offers_won_value: 0, deliverables_accepted_on_time: 0, members_admitted: 0 };
    return { ...indicator, progress: progressOf(indicator, sources, header.asOf) };
  };

  it('keeps an indicator period within the project, from its start to the target date', () => {
    const project = { startDate: '2025-02-01', endDate: '2027-01-31' };
    expect(indicatorPeriod('2026-06-30', project)).toEqual({ start: '2025-02-01', end: '2026-06-30' });
    expect(indicatorPeriod('2027-06-30', project)).toEqual({ start: '2025-02-01', end: '2027-01-31' });
    expect(indicatorPeriod('2024-12-31', project)).toEqual({ start: '2025-02-01', end: '2025-02-01' });
  });

  it('measures an indicator in its unit from its baseline at the project start to its target, with the latest actual', () => {
    const xml = indicatorResult(withProgress('visitors'), header, 'en', 'it');
    expect(xml).toBe(
      '<result type="2"><title><narrative xml:lang="it">Indicator visitors &amp; co.</narrative></title>' +
        '<indicator measure="1" ascending="1"><title><narrative xml:lang="it">Indicator visitors &amp; co. (people)</narrative></title>' +
        '<description><narrative xml:lang="it">People at the joint events</narrative></description>' +
        '<baseline year="2025" iso-date="2025-02-01" value="0"/>' +
        '<period><period-start iso-date="2025-02-01"/><period-end iso-date="2027-01-31"/><target value="100"/>' +
        '<actual value="40"><comment><narrative xml:lang="en">As of 2026-01-31: 40% of the way from the baseline to the target</narrative></comment></actual>' +
        '</period></indicator></result>',
    );
  });

  it('gives a computed value as the actual, none before any value, and a descending indicator as such', () => {
    expect(indicatorResult(withProgress('hours', 4), header, 'it', 'it')).toContain('<actual value="4"><comment><narrative xml:lang="it">Al 2026-03-02: 5% del percorso');
    expect(indicatorResult(withProgress('hours'), header, 'en', 'en')).not.toContain('<actual');
    const down = indicatorResult(withProgress('waste'), header, 'en', 'en');
    expect(down).toContain('<indicator measure="1" ascending="0">');
    expect(down).toContain('<period-end iso-date="2027-01-31"/><target value="10"/><actual value="30">');
  });
});

describe('buildIati', () => {
  it('writes one activity in the schema order, escaped, and ends its output', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03"')).toBe(true);
    expect(xml).toContain('<iati-identifier>IT-CF-01234567890-net</iati-identifier>');
    expect(xml).toContain('<reporting-org ref="IT-CF-01234567890" type="22"><narrative>Coop &amp; Co. &lt;Città&gt;</narrative></reporting-org>');
    expect(xml).toContain('<title><narrative xml:lang="en">Rete "Net" – à la carte</narrative></title>');
    const order = [
      'iati-identifier', 'reporting-org', '<title', 'participating-org', 'activity-status', 'activity-date', 'recipient-country', '<sector',
      'default-finance-type', 'default-aid-type', '<budget', '<transaction', '<result type="1"', '<result type="2"',
    ];
    const positions = order.map((name) => xml.indexOf(name));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(xml.trimEnd().endsWith('</iati-activity>\n</iati-activities>')).toBe(true);
  });

  it('names the funder as funding, the consortium as accountable and each partner as implementing', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    expect(xml).toContain('<participating-org ref="IT-CF-09876543210" type="60" role="1">');
    expect(xml).toContain('<participating-org ref="IT-CF-01234567890" type="22" role="2">');
    expect(xml).toContain('<participating-org ref="IT-CF-01111111110" type="22" role="4"><narrative>Lead Società &lt;coop&gt;</narrative>');
  });

  it('measures each phase by its accepted deliverables, with an actual only for phases that have started', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords(sampleHeader({ asOf: '2026-01-15' }))));
    const results = xml.match(/<result type="1".*<\/result>/g)!;
    expect(results).toHaveLength(2);
    expect(results[0]).toContain('<baseline year="2025" iso-date="2025-02-01" value="0"/>');
    expect(results[0]).toContain('<target value="100"/><actual value="50">');
    expect(results[0]).toContain('1 of 2 deliverables accepted as of 2026-01-15');
    expect(results[1]).toContain('<title><narrative xml:lang="en">Phase 2 &amp; more</narrative></title>');
    expect(results[1]).not.toContain('<actual');
  });

  it('budgets the budget lines’ total in periods of at most a year, each valued on its first day', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    const budgets = [...xml.matchAll(/<budget type="1" status="1"><period-start iso-date="(.*?)"\/><period-end iso-date="(.*?)"\/><value value-date="(.*?)">(.*?)<\/value><\/budget>/g)];
    expect(budgets.map(([, start, end]) => [start, end])).toEqual([['2025-02-01', '2026-01-31'], ['2026-02-01', '2027-01-31']]);
    for (const [, start, end, valueDate] of budgets) {
      expect(withinOneYear({ start: start!, end: end! })).toBe(true);
      expect(valueDate).toBe(start);
    }
    expect(budgets.reduce((sum, [, , , , value]) => sum + Math.round(Number(value) * 100), 0)).toBe(12_345_678 + 1_000_000);
  });

  it('reports every receipt as incoming funds and approved costs net of reversals as expenditure', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    const total = (type: string) =>
      [...xml.matchAll(new RegExp(`<transaction-type code="${type}"/><transaction-date iso-date="[^"]+"/><value value-date="[^"]+">(.*?)</value>`, 'g'))]
        .reduce((sum, [, value]) => sum + Math.round(Number(value) * 100), 0);
    expect(total('1')).toBe(3_703_703 + 1_234_567);
    expect(total('4')).toBe(1_000_000);
    expect(xml.match(/<transaction ref="(.*?)"/g)).toEqual(['rc-1', 'rc-2', 'c1', 'c2', 'c2-r'].map((ref) => `<transaction ref="${ref}"`));
  });

  it('writes no budget without budget lines and no transaction without money', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords().filter((r) => !['budgetLine', 'cost', 'receipt'].includes(r.kind))));
    expect(xml).not.toContain('<budget');
    expect(xml).not.toContain('<transaction');
  });

  it('adds one outcome per funder’s indicator after the phases’ outputs', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    const titles = [...xml.matchAll(/<result type="(\d)"><title><narrative xml:lang="en">(.*?)<\/narrative>/g)].map(([, type, title]) => `${type} ${title}`);
    expect(titles).toEqual(['1 Phase 1 &amp; more', '1 Phase 2 &amp; more', '2 Indicator visitors &amp; co.', '2 Training hours', '2 Public clients', '2 Printed leaflets']);
  });

  it('labels what it writes in the export language', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords(sampleHeader({ language: 'it' }))));
    expect(xml).toContain('<iati-activity xml:lang="it" default-currency="EUR"');
    expect(xml).toContain('Quota di deliverable della fase accettati (%)');
  });

  it('skips record kinds it does not know yet', async () => {
    const xml = await collect(buildIati, sourceOf(withProjectRecords()));
    expect(xml).not.toContain('payment');
  });
});
