import { describe, expect, it } from 'vitest';
import { DeliverableStatus } from '../domain/deliverable';
import { contributionOf, zeroCounters, type ProgressCounters } from '../domain/progress';
import {
  COUNTER_ATTRIBUTES,
  counterAttributes,
  counterUpdate,
  countersOf,
  mustExist,
  putNew,
  versionedUpdate,
  type UpdateInput,
} from './expressions';
import { phaseKey, projectKey } from './keys';

const TABLE = 'rete-test';
const KEY = phaseKey('conso', 'p-culture', 'phase-2');
const NOW = '2026-03-02T10:15:00.000Z';

/** The expressions with every placeholder replaced by its attribute name or JSON value, for reading. */
function resolved(input: UpdateInput) {
  const names = input.ExpressionAttributeNames ?? {};
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const resolve = (expression: string | undefined) =>
    (expression ?? '')
      .replace(/#n\d+/g, (placeholder) => names[placeholder] ?? `<missing ${placeholder}>`)
      .replace(/:v\d+/g, (placeholder) =>
        placeholder in values ? JSON.stringify(values[placeholder]) : `<missing ${placeholder}>`,
      );
  return { update: resolve(input.UpdateExpression), condition: resolve(input.ConditionExpression) };
}

/** DynamoDB refuses placeholders that are defined but unused, or used but undefined. */
function placeholders(input: UpdateInput) {
  const text = `${input.UpdateExpression ?? ''} ${input.ConditionExpression ?? ''}`;
  const used = new Set(text.match(/[#:][a-z]\d+/g) ?? []);
  const defined = new Set([
    ...Object.keys(input.ExpressionAttributeNames ?? {}),
    ...Object.keys(input.ExpressionAttributeValues ?? {}),
  ]);
  return { used, defined };
}

function counters(
  counts: Partial<ProgressCounters['counts']>,
  totals: Partial<Omit<ProgressCounters, 'counts'>> = {},
): ProgressCounters {
  const zero = zeroCounters();
  return { ...zero, ...totals, counts: { ...zero.counts, ...counts } };
}

describe('versionedUpdate', () => {
  const update = (overrides: Partial<Parameters<typeof versionedUpdate>[0]> = {}) =>
    versionedUpdate({ tableName: TABLE, key: KEY, expectedVersion: 4, set: { title: 'Pilot' }, now: NOW, ...overrides });

  it('targets the given table and key', () => {
    const input = update();

    expect(input.TableName).toBe(TABLE);
    expect(input.Key).toEqual(KEY);
  });

  it('is conditional on the item existing with the version the writer read', () => {
    const input = update({ expectedVersion: 7 });

    expect(resolved(input).condition).toBe('attribute_exists(PK) AND version = 7');
  });

  it('sets the given attributes and updatedAt, and bumps the version by one', () => {
    const input = update({ set: { title: 'Pilot', order: 2 } });

    expect(resolved(input).update).toBe(
      `SET title = "Pilot", order = 2, updatedAt = "${NOW}", version = version + 1`,
    );
  });

  it('uses placeholders for every attribute name, so reserved words such as status are safe', () => {
    const input = update({ set: { status: 'closed', order: 1 } });

    expect(input.UpdateExpression).not.toMatch(/\bstatus\b|\border\b|\bversion\b/);
    expect(Object.values(input.ExpressionAttributeNames ?? {})).toEqual(
      expect.arrayContaining(['status', 'order', 'version', 'updatedAt']),
    );
  });

  it('never sets an undefined value', () => {
    const input = update({ set: { title: 'Pilot', description: undefined } });

    expect(Object.values(input.ExpressionAttributeValues ?? {})).not.toContain(undefined);
    expect(Object.values(input.ExpressionAttributeNames ?? {})).not.toContain('description');
    expect(resolved(input).update).not.toContain('description');
  });

  it('stamps updatedAt with now even when the caller passes its own', () => {
    const input = update({ set: { updatedAt: '1999-01-01T00:00:00.000Z' } });

    expect(resolved(input).update).toBe(`SET updatedAt = "${NOW}", version = version + 1`);
  });

  it('removes the given attributes', () => {
    const input = update({ set: { status: 'accepted' }, remove: ['GSI2PK', 'GSI2SK'] });

    expect(resolved(input).update).toBe(
      `SET status = "accepted", updatedAt = "${NOW}", version = version + 1 REMOVE GSI2PK, GSI2SK`,
    );
  });

  it('has no REMOVE clause when nothing is removed', () => {
    const input = update({ remove: [] });

    expect(input.UpdateExpression).not.toContain('REMOVE');
  });

  it('requires each requireZero counter to be absent or zero', () => {
    const input = update({ set: { status: 'closed' }, requireZero: ['count_planned', 'count_submitted'] });

    expect(resolved(input).condition).toBe(
      'attribute_exists(PK) AND version = 4' +
        ' AND (attribute_not_exists(count_planned) OR count_planned = 0)' +
        ' AND (attribute_not_exists(count_submitted) OR count_submitted = 0)',
    );
  });

  it('does not touch counters it is not asked about', () => {
    const input = update({ set: { title: 'Pilot' } });

    expect(resolved(input).update).not.toMatch(/count_|weight/);
    expect(input.UpdateExpression).not.toContain('ADD');
  });

  it('defines exactly the placeholders its expressions use', () => {
    const input = update({
      set: { title: 'Pilot', status: 'closed', note: undefined },
      remove: ['GSI2PK'],
      requireZero: ['count_planned'],
    });

    const { used, defined } = placeholders(input);

    expect(used).toEqual(defined);
  });
});

describe('counterUpdate', () => {
  it('adds only the non-zero parts of the delta, with atomic ADD', () => {
    const delta = counters({ submitted: -1, accepted: 1 }, { weightAccepted: 2, reportedWeighted: 20 });

    const input = counterUpdate(TABLE, KEY, delta, false);

    expect(resolved(input).update).toBe('ADD count_submitted -1, count_accepted 1, weightAccepted 2, reportedWeighted 20');
  });

  it('is conditional only on the item existing when the change need not be open', () => {
    const input = counterUpdate(TABLE, projectKey('conso', 'p-culture'), contributionOf({ status: 'planned', weight: 1, reportedPercent: 0 }), false);

    expect(input.Key).toEqual(projectKey('conso', 'p-culture'));
    expect(resolved(input).condition).toBe('attribute_exists(PK)');
  });

  it('refuses to change a closed phase when openOnly', () => {
    const input = counterUpdate(TABLE, KEY, contributionOf({ status: 'planned', weight: 1, reportedPercent: 0 }), true);

    expect(resolved(input).condition).toBe('attribute_exists(PK) AND status <> "closed"');
  });

  it('never sets anything, and never touches the version', () => {
    const input = counterUpdate(TABLE, KEY, contributionOf({ status: 'accepted', weight: 3, reportedPercent: 100 }), true);

    expect(input.UpdateExpression).toMatch(/^ADD /);
    expect(input.UpdateExpression).not.toMatch(/\b(SET|REMOVE)\b/);
    expect(Object.values(input.ExpressionAttributeNames ?? {})).not.toContain('version');
  });

  it('defines exactly the placeholders its expressions use', () => {
    const input = counterUpdate(TABLE, KEY, counters({ planned: 1 }, { weightTotal: 1 }), true);

    const { used, defined } = placeholders(input);

    expect(used).toEqual(defined);
  });
});

describe('counter attributes', () => {
  it('names one top-level counter per status, the three weights and the on-time count', () => {
    const attributes = counterAttributes(zeroCounters());

    expect(Object.keys(attributes).sort()).toEqual(
      [
        ...DeliverableStatus.options.map((status) => `count_${status}`),
        'weightTotal',
        'weightAccepted',
        'reportedWeighted',
        'acceptedOnTime',
      ].sort(),
    );
    expect(COUNTER_ATTRIBUTES.count('changes_requested')).toBe('count_changes_requested');
  });

  it('reads back the counters it wrote', () => {
    const original = counters({ planned: 2, accepted: 3 }, { weightTotal: 9, weightAccepted: 5, reportedWeighted: 640 });

    expect(countersOf(counterAttributes(original))).toEqual(original);
  });

  it('reads missing or non-numeric counters as zero', () => {
    const read = countersOf({ PK: 'x', SK: 'y', count_planned: '3', weightTotal: 4 });

    expect(read).toEqual(counters({}, { weightTotal: 4 }));
  });
});

describe('putNew', () => {
  it('puts the item only if no item with its key exists', () => {
    const item = { ...KEY, title: 'Pilot', version: 1 };

    const input = putNew(TABLE, item);

    expect(input).toEqual({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(PK)' });
  });
});

describe('mustExist', () => {
  it('checks that the referenced item exists', () => {
    const check = mustExist(TABLE, projectKey('conso', 'p-culture'));

    expect(check).toEqual({
      TableName: TABLE,
      Key: { PK: 'C#conso#P#p-culture', SK: 'PROJECT' },
      ConditionExpression: 'attribute_exists(PK)',
    });
  });
});
