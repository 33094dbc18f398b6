// Pure builders of DynamoDB write inputs: versioned updates, counter updates, guarded puts.
// They do no I/O, so the exact conditions every write carries are unit-tested.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DeliverableStatus } from '../domain/deliverable';
import { zeroCounters, type ProgressCounters } from '../domain/progress';
import type { Key } from './keys';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type UpdateInput = NonNullable<TransactItem['Update']>;
export type PutInput = NonNullable<TransactItem['Put']>;

class Names {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private next = 0;

  name(attribute: string): string {
    const placeholder = `#n${Object.keys(this.names).length}`;
    const existing = Object.entries(this.names).find(([, value]) => value === attribute);
    if (existing) return existing[0];
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.next++}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}

export interface VersionedUpdate {
  tableName: string;
  key: Key;
  expectedVersion: number;
  set: Record<string, unknown>;
  remove?: string[];
  /** Counter attributes that must be zero (a gate, such as closing a phase). */
  requireZero?: string[];
  /** Attributes that must still hold the values read (those the sealer changes outside the version). */
  unchanged?: Record<string, unknown>;
  now: string;
}

/**
 * Sets the given attributes and bumps `version`, only if the item exists with the version the
 * writer read (optimistic locking). Counters on the item are untouched.
 */
export function versionedUpdate(update: VersionedUpdate): UpdateInput {
  const names = new Names();
  const assignments = Object.entries({ ...update.set, updatedAt: update.now })
    .filter(([, value]) => value !== undefined)
    .map(([attribute, value]) => `${names.name(attribute)} = ${names.value(value)}`);
  const version = names.name('version');
  assignments.push(`${version} = ${version} + ${names.value(1)}`);
  const removals = (update.remove ?? []).map((attribute) => names.name(attribute));
  const conditions = [`attribute_exists(PK)`, `${version} = ${names.value(update.expectedVersion)}`];
  for (const [attribute, value] of Object.entries(update.unchanged ?? {})) conditions.push(`${names.name(attribute)} = ${names.value(value)}`);
  for (const attribute of update.requireZero ?? []) {
    const name = names.name(attribute);
    conditions.push(`(attribute_not_exists(${name}) OR ${name} = ${names.value(0)})`);
  }
  return {
    TableName: update.tableName,
    Key: update.key,
    UpdateExpression:
      `SET ${assignments.join(', ')}` + (removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''),
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names.names,
    ExpressionAttributeValues: names.values,
  };
}

/** Counter attributes on project and phase items (top-level, so that ADD applies to them). */
export const COUNTER_ATTRIBUTES = {
  count: (status: DeliverableStatus) => `count_${status}`,
  weightTotal: 'weightTotal',
  weightAccepted: 'weightAccepted',
  reportedWeighted: 'reportedWeighted',
  acceptedOnTime: 'acceptedOnTime',
} as const;

export function counterAttributes(counters: ProgressCounters): Record<string, number> {
  return {
    ...Object.fromEntries(
      DeliverableStatus.options.map((status) => [COUNTER_ATTRIBUTES.count(status), counters.counts[status]]),
    ),
    [COUNTER_ATTRIBUTES.weightTotal]: counters.weightTotal,
    [COUNTER_ATTRIBUTES.weightAccepted]: counters.weightAccepted,
    [COUNTER_ATTRIBUTES.reportedWeighted]: counters.reportedWeighted,
    [COUNTER_ATTRIBUTES.acceptedOnTime]: counters.acceptedOnTime,
  };
}

export function countersOf(item: Record<string, unknown>): ProgressCounters {
  const counters = zeroCounters();
  const read = (attribute: string) => (typeof item[attribute] === 'number' ? (item[attribute] as number) : 0);
  for (const status of DeliverableStatus.options) counters.counts[status] = read(COUNTER_ATTRIBUTES.count(status));
  counters.weightTotal = read(COUNTER_ATTRIBUTES.weightTotal);
  counters.weightAccepted = read(COUNTER_ATTRIBUTES.weightAccepted);
  counters.reportedWeighted = read(COUNTER_ATTRIBUTES.reportedWeighted);
  counters.acceptedOnTime = read(COUNTER_ATTRIBUTES.acceptedOnTime);
  return counters;
}

/**
 * Adds a delta to an item's counters with atomic ADD, outside its version, so that writes to
 * different deliverables of one project never conflict. `openOnly` refuses the change when the
 * item is a closed phase.
 */
export function counterUpdate(tableName: string, key: Key, delta: ProgressCounters, openOnly: boolean): UpdateInput {
  const names = new Names();
  const additions = Object.entries(counterAttributes(delta))
    .filter(([, value]) => value !== 0)
    .map(([attribute, value]) => `${names.name(attribute)} ${names.value(value)}`);
  const conditions = ['attribute_exists(PK)'];
  if (openOnly) conditions.push(`${names.name('status')} <> ${names.value('closed')}`);
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: `ADD ${additions.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names.names,
    ExpressionAttributeValues: names.values,
  };
}

/** Puts a new item; fails if one with the same key exists. */
export function putNew(tableName: string, item: Key & object): PutInput {
  return { TableName: tableName, Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' };
}

/** Guards a transaction on another item existing (a referenced funder, member or phase). */
export function mustExist(tableName: string, key: Key): NonNullable<TransactItem['ConditionCheck']> {
  return { TableName: tableName, Key: key, ConditionExpression: 'attribute_exists(PK)' };
}
