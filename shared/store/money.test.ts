import { describe, expect, it } from 'vitest';
import { zeroMoney } from '../domain/money';
import { moneySummaryKey } from './keys';
import { addCounters, moneyIn, moneySummaryItem, moneyWrites, partnerMoneyItem } from './money';

const TABLE = 'rete-test';
const ref = { consortiumId: 'conso', projectId: 'p1' };

describe('addCounters', () => {
  it('adds the non-zero counters and creates a missing summary with its item type', () => {
    const update = addCounters(TABLE, moneySummaryKey('conso', 'p1'), { approvedCents: 500, submittedCents: 0 }, {
      create: { itemType: 'MoneySummary', fields: { projectId: 'p1' } },
    });
    expect(update.UpdateExpression).toBe('SET #a0 = if_not_exists(#a0, :a0), #a1 = if_not_exists(#a1, :a1) ADD #a2 :a2');
    expect(update.ExpressionAttributeNames).toEqual({ '#a0': 'itemType', '#a1': 'projectId', '#a2': 'approvedCents' });
    expect(update.ExpressionAttributeValues).toEqual({ ':a0': 'MoneySummary', ':a1': 'p1', ':a2': 500 });
    expect(update.ConditionExpression).toBeUndefined();
  });

  it('requires an existing item unless told to create it, and checks a limit before the ADD', () => {
    const update = addCounters(TABLE, moneySummaryKey('conso', 'p1'), { requestedCents: 100 }, { limit: { attribute: 'requestedCents', atMost: 900 } });
    expect(update.ConditionExpression).toBe('attribute_exists(PK) AND (attribute_not_exists(#a1) OR #a1 <= :a1)');
    expect(update.ExpressionAttributeValues).toEqual({ ':a0': 100, ':a1': 900 });
  });
});

describe('moneyWrites', () => {
  it('moves the project summary and the partner share together, and nothing for a zero delta', () => {
    expect(moneyWrites(TABLE, ref, { approvedCents: 5 }, 'alfa').map((op) => op.write.Update!.Key)).toEqual([
      { PK: 'C#conso#P#p1', SK: 'MONEY' },
      { PK: 'C#conso#P#p1', SK: 'MONEY#PARTNER#alfa' },
    ]);
    expect(moneyWrites(TABLE, ref, { approvedCents: 0 }, 'alfa')).toEqual([]);
  });
});

describe('moneyIn', () => {
  it("finds the project's and the partners' totals among the collection's other items", () => {
    const others = [
      { PK: 'C#conso#P#p1', SK: 'OFFER#o1', itemType: 'Offer' },
      moneySummaryItem(ref, { ...zeroMoney(), receivedCents: 7 }),
      partnerMoneyItem(ref, 'alfa', { ...zeroMoney(), approvedCents: 3 }),
    ];
    const money = moneyIn(others);
    expect(money.project.receivedCents).toBe(7);
    expect(money.partners).toEqual([{ memberId: 'alfa', counters: { ...zeroMoney(), approvedCents: 3 } }]);
    expect(moneyIn([]).project).toEqual(zeroMoney());
  });
});
