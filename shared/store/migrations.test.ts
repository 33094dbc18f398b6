// The person-index migration's update of one sealed entry, built without a network.
import { describe, expect, it } from 'vitest';
import { chainLinkKey, linkIndexKeys } from './keys';
import { personIndexUpdate } from './migrations';

describe('personIndexUpdate', () => {
  const chain = { consortiumId: 'conso', projectId: 'p1' };
  const entry = { seq: 7, eventId: '2026-11-23T09:00:00.000Z#e7', actor: 'sub-coord', entity: 'person', entityId: 'sub-anna', action: 'update', changes: {} };
  const link = { ...chainLinkKey(chain, 7), itemType: 'AuditEntry', ...entry };

  it("sets only the entry's person index keys, on the entry itself, if it still exists", () => {
    const update = personIndexUpdate('rete', chain, link)!;
    expect(update.Key).toEqual(chainLinkKey(chain, 7));
    expect(update.ConditionExpression).toBe('attribute_exists(PK)');
    const set = Object.fromEntries(
      Object.entries(update.ExpressionAttributeNames!).map(([placeholder, name]) => [name, update.ExpressionAttributeValues![placeholder.replace('#', ':')]]),
    );
    expect(set).toEqual(linkIndexKeys(chain, entry));
    expect(update.UpdateExpression).toMatch(/^SET #k0 = :k0, #k1 = :k1, #k2 = :k2, #k3 = :k3$/);
  });

  it('has nothing to do on an entry that has its keys already', () => {
    expect(personIndexUpdate('rete', chain, { ...link, ...linkIndexKeys(chain, entry) })).toBeUndefined();
  });
});
