// The money totals in the project's summary collection: pure builders of their ADD updates, and
// the reading of them from the collection, so that no money sum needs a read of the items.
import { ConflictError, type AppError } from '../domain/errors';
import { moneyCountersOf, nonZero, type MoneyCounters, type MoneyDelta } from '../domain/money';
import type { Item, TxOp } from './db';
import { countersMoved, type Projection } from './projections';
import type { UpdateInput } from './expressions';
import { MONEY_SUMMARY_SK, PARTNER_MONEY_PREFIX, moneySummaryKey, partnerMoneyKey, type Key } from './keys';

/** A bound a counter must stay within after the ADD (checked before it, on the old value). */
export interface CounterLimit {
  attribute: string;
  /** The largest value the counter may have before the ADD. */
  atMost: number;
}

/**
 * Adds `delta` to counters on an item with atomic ADD, outside any version. `create` lets the
 * ADD create a missing summary item (stamped with its item type and `fields`); without it the
 * item must exist.
 */
export function addCounters(
  tableName: string,
  key: Key,
  delta: Record<string, number>,
  options: { create?: { itemType: string; fields?: Record<string, unknown> }; limit?: CounterLimit } = {},
): UpdateInput {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const name = (attribute: string) => {
    const placeholder = `#a${Object.keys(names).length}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const value = (v: unknown) => {
    const placeholder = `:a${Object.keys(values).length}`;
    values[placeholder] = v;
    return placeholder;
  };
  const sets: string[] = [];
  if (options.create) {
    for (const [attribute, v] of Object.entries({ itemType: options.create.itemType, ...options.create.fields })) {
      const n = name(attribute);
      sets.push(`${n} = if_not_exists(${n}, ${value(v)})`);
    }
  }
  const adds = Object.entries(delta)
    .filter(([, v]) => v !== 0)
    .map(([attribute, v]) => `${name(attribute)} ${value(v)}`);
  const conditions: string[] = options.create ? [] : ['attribute_exists(PK)'];
  if (options.limit) {
    const n = name(options.limit.attribute);
    conditions.push(`(attribute_not_exists(${n}) OR ${n} <= ${value(options.limit.atMost)})`);
  }
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : '']
      .filter(Boolean)
      .join(' '),
    ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

type ProjectRef = { consortiumId: string; projectId: string };

/**
 * The projections that move the project's money summary and, when `memberId` is given, that
 * partner's share, by `delta` (applied when the write's event is sealed). Nothing when zero.
 */
export function moneyProjections(project: ProjectRef, delta: MoneyDelta, memberId?: string): Projection[] {
  const moved = nonZero(delta) as Record<string, number>;
  return [
    ...countersMoved(moneySummaryKey(project.consortiumId, project.projectId), moved, { itemType: 'MoneySummary', fields: { projectId: project.projectId } }),
    ...(memberId
      ? countersMoved(partnerMoneyKey(project.consortiumId, project.projectId, memberId), moved, {
          itemType: 'PartnerMoney',
          fields: { projectId: project.projectId, memberId },
        })
      : []),
  ];
}

/**
 * The same moves as writes of the request's own transaction, for the few writes bounded by a
 * total (at most so many budget lines or instalments): the bound must hold when the write commits.
 */
export function moneyWrites(
  tableName: string,
  project: ProjectRef,
  delta: MoneyDelta,
  memberId?: string,
  limit?: CounterLimit & { error: () => AppError },
): TxOp[] {
  const moved = nonZero(delta) as Record<string, number>;
  if (Object.keys(moved).length === 0) return [];
  const ops: TxOp[] = [
    {
      write: {
        Update: addCounters(tableName, moneySummaryKey(project.consortiumId, project.projectId), moved, {
          create: { itemType: 'MoneySummary', fields: { projectId: project.projectId } },
          limit,
        }),
      },
      // The summary is created on first use, so only a limit can fail.
      onConditionFailed: limit?.error ?? (() => new ConflictError('The money summary refused the change')),
    },
  ];
  if (memberId) {
    ops.push({
      write: {
        Update: addCounters(tableName, partnerMoneyKey(project.consortiumId, project.projectId, memberId), moved, {
          create: { itemType: 'PartnerMoney', fields: { projectId: project.projectId, memberId } },
        }),
      },
    });
  }
  return ops;
}

export interface PartnerMoney {
  memberId: string;
  counters: MoneyCounters;
}

/**
 * The money totals among the project collection's other items (`projects.collection().others`):
 * the project's, and each partner's. Zero when the project has no money written yet.
 */
export function moneyIn(others: Item[]): { project: MoneyCounters; partners: PartnerMoney[] } {
  const summary = others.find((item) => item.SK === MONEY_SUMMARY_SK);
  const partners = others
    .filter((item) => String(item.SK).startsWith(PARTNER_MONEY_PREFIX))
    .map((item) => ({ memberId: String(item.memberId), counters: moneyCountersOf(item) }));
  return { project: moneyCountersOf(summary), partners };
}

/** The project's money counters among the collection's other items. */
export const moneyCountersIn = (others: Item[]): MoneyCounters => moneyIn(others).project;

/** The project's money summary item with given totals (seeding and rebuilding). */
export const moneySummaryItem = (ref: ProjectRef, counters: MoneyCounters) => ({
  ...moneySummaryKey(ref.consortiumId, ref.projectId),
  itemType: 'MoneySummary',
  projectId: ref.projectId,
  ...counters,
});

export const partnerMoneyItem = (ref: ProjectRef, memberId: string, counters: MoneyCounters) => ({
  ...partnerMoneyKey(ref.consortiumId, ref.projectId, memberId),
  itemType: 'PartnerMoney',
  projectId: ref.projectId,
  memberId,
  ...counters,
});
