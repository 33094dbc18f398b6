// Conversions between stored items and entities: keys and counters live only in the table.
import { KEY_ATTRIBUTES } from './keys';
import { COUNTER_ATTRIBUTES, counterAttributes } from './expressions';
import { zeroCounters } from '../domain/progress';
import { TTL_ATTRIBUTE } from './table';
import type { Item } from './db';

const STORAGE_ONLY = new Set<string>([
  ...KEY_ATTRIBUTES,
  ...Object.keys(counterAttributes(zeroCounters())),
  COUNTER_ATTRIBUTES.weightTotal,
  TTL_ATTRIBUTE,
  'itemType',
  // Which audit event recorded the item's last write (verification follows it), and up to which
  // instant the deliverable's progress entries are applied (the sealer's mark).
  'auditEvent',
  'progressAt',
  // A project being copied (project-copy.ts): invisible until the copy is complete.
  'stagedFrom',
]);

/** The attribute of a project item that is still being copied: the id of the project it copies. */
export const STAGED_FROM = 'stagedFrom';

/** The entity an item stores, without its keys, counters and item type. */
export function entityOf<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([attribute]) => !STORAGE_ONLY.has(attribute))) as T;
}
