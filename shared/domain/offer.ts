// A commercial offer: a joint product or service of the members, its clients and its pipeline stage.
import { z } from 'zod';
import { Audited, CalendarDate, Cents, Id, Instant, Text, Title, Version, patchOf } from './common';
import { ConflictError, ValidationError, type FieldIssue } from './errors';
import { defineStatusMachine } from './status-machine';

export const OfferStage = z.enum(['draft', 'proposed', 'negotiating', 'won', 'lost']);
export type OfferStage = z.infer<typeof OfferStage>;

/** A client may accept or refuse a proposal outright, or after negotiating it. */
export const offerStageMachine = defineStatusMachine<OfferStage>('offer', {
  draft: ['proposed'],
  proposed: ['negotiating', 'won', 'lost'],
  negotiating: ['won', 'lost'],
  won: [],
  lost: [],
});

export const ClientType = z.enum(['private', 'public']);
export type ClientType = z.infer<typeof ClientType>;

/** Shares are in basis points: 10000 is 100 %. */
export const FULL_SHARE = 10_000;
export const MAX_OFFERS_PER_PROJECT = 200;

export const OfferParticipant = z.strictObject({
  memberId: Id,
  shareBasisPoints: z.number().int().min(1).max(FULL_SHARE).meta({ description: 'Share in basis points (10000 = 100 %)', example: 2500 }),
});
export type OfferParticipant = z.infer<typeof OfferParticipant>;

const offerFields = {
  title: Title,
  format: z.string().trim().min(1).max(100).meta({ example: 'guided-tour package' }),
  description: Text.optional(),
  participants: z.array(OfferParticipant).min(1).max(50).meta({ description: 'Participating members; shares sum to 10000' }),
  clientType: ClientType,
  clientName: z.string().trim().min(1).max(200),
  valueCents: Cents,
};

/** Shares sum to 100 % and no member is listed twice. */
export function participantIssues(participants: OfferParticipant[] | undefined): FieldIssue[] {
  if (!participants) return [];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  participants.forEach((participant, index) => {
    if (seen.has(participant.memberId)) issues.push({ path: `participants.${index}.memberId`, message: 'is listed twice' });
    seen.add(participant.memberId);
  });
  const total = participants.reduce((sum, p) => sum + p.shareBasisPoints, 0);
  if (participants.length > 0 && total !== FULL_SHARE) {
    issues.push({ path: 'participants', message: `shares must sum to ${FULL_SHARE} basis points (100 %), not ${total}` });
  }
  return issues;
}

const withShareRules = (offer: { participants?: OfferParticipant[] }, ctx: z.RefinementCtx) => {
  for (const issue of participantIssues(offer.participants)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
  }
};

export const StageChange = z.object({
  stage: OfferStage,
  on: CalendarDate.meta({ description: 'The day the offer reached the stage' }),
  at: Instant,
  by: z.string().max(128),
});
export type StageChange = z.infer<typeof StageChange>;

export const Offer = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...offerFields,
    stage: OfferStage,
    stageHistory: z.array(StageChange).max(10).meta({ description: 'Every stage the offer reached, with its date, oldest first' }),
    ...Audited,
  })
  .meta({ id: 'Offer', description: `At most ${MAX_OFFERS_PER_PROJECT} offers per project` });
export type Offer = z.infer<typeof Offer>;

export const OfferCreate = z.strictObject(offerFields).superRefine(withShareRules).meta({ id: 'OfferCreate' });
export type OfferCreate = z.infer<typeof OfferCreate>;

export const OfferPatch = patchOf(offerFields).superRefine(withShareRules).meta({ id: 'OfferPatch' });
export type OfferPatch = z.infer<typeof OfferPatch>;

export const StageInput = z
  .strictObject({
    stage: OfferStage,
    on: CalendarDate.optional().meta({ description: 'The day of the change (default today; not in the future)' }),
    version: Version,
  })
  .meta({ id: 'OfferStageInput' });
export type StageInput = z.infer<typeof StageInput>;

export function newOffer(input: OfferCreate, ids: { id: string; consortiumId: string; projectId: string }, by: string, today: string, now: string): Offer {
  return {
    ...ids,
    ...input,
    stage: 'draft',
    stageHistory: [{ stage: 'draft', on: today, at: now, by }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const isClosed = (offer: Pick<Offer, 'stage'>) => offer.stage === 'won' || offer.stage === 'lost';

/** An offer that is won or lost is a record: its terms no longer change. */
export function assertOpen(offer: Offer): void {
  if (isClosed(offer)) throw new ConflictError(`The offer is ${offer.stage}: its terms no longer change`);
}

/** Moves the offer to a stage through the machine, dated `on` (not before the last change, not after today). */
export function moveStage(offer: Offer, input: StageInput, context: { by: string; today: string; now: string }): Partial<Offer> {
  const stage = offerStageMachine.move(offer.stage, input.stage);
  const on = input.on ?? context.today;
  const last = offer.stageHistory.at(-1)?.on;
  if (on > context.today) throw new ValidationError([{ path: 'on', message: `must not be after today (${context.today})` }]);
  if (last && on < last) throw new ValidationError([{ path: 'on', message: `must not be before the last change (${last})` }]);
  return { stage, stageHistory: [...offer.stageHistory, { stage, on, at: context.now, by: context.by }] };
}

const StageTotal = z.object({ count: z.number().int().min(0), valueCents: Cents });

export const OfferSummary = z
  .object({
    offers: z.number().int().min(0),
    byStage: z.record(OfferStage, StageTotal),
    byClientType: z.record(ClientType, StageTotal.extend({ won: z.number().int().min(0), wonCents: Cents })),
    wonCount: z.number().int().min(0),
    wonCents: Cents,
    winRatePercent: z.number().min(0).max(100).nullable().meta({ description: 'Won ÷ (won + lost), in %; null before any offer is decided' }),
  })
  .meta({ id: 'OfferSummary' });
export type OfferSummary = z.infer<typeof OfferSummary>;

/** Totals of a project's offers (all of them: at most MAX_OFFERS_PER_PROJECT). */
export function offerSummary(offers: Pick<Offer, 'stage' | 'clientType' | 'valueCents'>[]): OfferSummary {
  const byStage = Object.fromEntries(OfferStage.options.map((s) => [s, { count: 0, valueCents: 0 }])) as OfferSummary['byStage'];
  const byClientType = Object.fromEntries(ClientType.options.map((t) => [t, { count: 0, valueCents: 0, won: 0, wonCents: 0 }])) as OfferSummary['byClientType'];
  for (const offer of offers) {
    byStage[offer.stage].count += 1;
    byStage[offer.stage].valueCents += offer.valueCents;
    const client = byClientType[offer.clientType];
    client.count += 1;
    client.valueCents += offer.valueCents;
    if (offer.stage === 'won') {
      client.won += 1;
      client.wonCents += offer.valueCents;
    }
  }
  const decided = byStage.won.count + byStage.lost.count;
  return {
    offers: offers.length,
    byStage,
    byClientType,
    wonCount: byStage.won.count,
    wonCents: byStage.won.valueCents,
    winRatePercent: decided === 0 ? null : Math.round((byStage.won.count / decided) * 1000) / 10,
  };
}
