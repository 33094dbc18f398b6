import { describe, expect, it } from 'vitest';
import { OfferCreate, moveStage, newOffer, offerStageMachine, offerSummary, type Offer } from './offer';

const input = {
  title: 'Visite guidate', format: 'guided-tour package', clientType: 'private' as const, clientName: 'Viaggi srl', valueCents: 100_000,
  participants: [{ memberId: 'a', shareBasisPoints: 6000 }, { memberId: 'b', shareBasisPoints: 4000 }],
};
const context = { by: 'p', today: '2026-05-10', now: '2026-05-10T09:00:00Z' };
const draft = () => newOffer(input, { id: 'o', consortiumId: 'c', projectId: 'p' }, 'p', '2026-05-01', '2026-05-01T09:00:00Z');

describe('offers', () => {
  it('need shares summing to 10000 basis points, each member once', () => {
    expect(OfferCreate.safeParse(input).success).toBe(true);
    const short = OfferCreate.safeParse({ ...input, participants: [{ memberId: 'a', shareBasisPoints: 6000 }] });
    expect(short.success ? [] : short.error.issues.map((i) => i.path.join('.'))).toEqual(['participants']);
    const twice = OfferCreate.safeParse({ ...input, participants: [{ memberId: 'a', shareBasisPoints: 5000 }, { memberId: 'a', shareBasisPoints: 5000 }] });
    expect(twice.success ? [] : twice.error.issues.map((i) => i.path.join('.'))).toEqual(['participants.1.memberId']);
  });

  it('start as drafts and move through the pipeline, dating each stage', () => {
    const offer = draft();
    expect(offer.stageHistory).toEqual([expect.objectContaining({ stage: 'draft', on: '2026-05-01' })]);
    const proposed = { ...offer, ...moveStage(offer, { stage: 'proposed', version: 1, on: '2026-05-03' }, context) };
    expect(proposed.stage).toBe('proposed');
    expect(proposed.stageHistory.map((s) => [s.stage, s.on])).toEqual([['draft', '2026-05-01'], ['proposed', '2026-05-03']]);
    expect(moveStage(proposed, { stage: 'won', version: 2 }, context).stageHistory?.at(-1)?.on).toBe('2026-05-10');
  });

  it('refuse forbidden moves and dates out of order or in the future', () => {
    expect(() => moveStage(draft(), { stage: 'won', version: 1 }, context)).toThrow(/from draft to won/);
    expect(offerStageMachine.canMove('won', 'lost')).toBe(false);
    expect(() => moveStage(draft(), { stage: 'proposed', version: 1, on: '2026-04-30' }, context)).toThrow(/Invalid on/);
    expect(() => moveStage(draft(), { stage: 'proposed', version: 1, on: '2026-05-11' }, context)).toThrow(/Invalid on/);
  });

  it('sum up by stage and client type, with the won value and the win rate of decided offers', () => {
    const offers: Pick<Offer, 'stage' | 'clientType' | 'valueCents'>[] = [
      { stage: 'won', clientType: 'private', valueCents: 300 },
      { stage: 'won', clientType: 'public', valueCents: 200 },
      { stage: 'lost', clientType: 'private', valueCents: 50 },
      { stage: 'draft', clientType: 'public', valueCents: 10 },
    ];
    const summary = offerSummary(offers);
    expect(summary).toMatchObject({ offers: 4, wonCount: 2, wonCents: 500, winRatePercent: 66.7 });
    expect(summary.byStage.lost).toEqual({ count: 1, valueCents: 50 });
    expect(summary.byClientType.public).toEqual({ count: 2, valueCents: 210, won: 1, wonCents: 200 });
    expect(offerSummary([]).winRatePercent).toBeNull();
  });
});
