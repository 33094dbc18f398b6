// The funder's side of the accounts: the instalments it pays, the payment requests the coordinator
// prepares from approved costs, and the receipts of what arrived.
import { z } from 'zod';
import { Audited, CalendarDate, Cents, Id, Text, patchOf } from './common';
import { ConflictError } from './errors';

/** Instalments per project, and approved costs per payment request (one transaction writes them all). */
export const MAX_INSTALMENTS = 24;
export const MAX_COSTS_PER_REQUEST = 80;

const SignedCents = z.number().int();

const instalmentFields = {
  order: z.number().int().min(1).max(MAX_INSTALMENTS),
  plannedDate: CalendarDate,
  amountCents: Cents.min(1),
  condition: z.string().trim().max(500).meta({ example: 'costs reported up to 50 %' }),
};

export const InstalmentStatus = z.enum(['planned', 'requested', 'received']);
export type InstalmentStatus = z.infer<typeof InstalmentStatus>;

export const Instalment = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...instalmentFields,
    requestedCents: SignedCents.meta({ description: 'Asked for in payment requests (kept by the server)' }),
    receivedCents: SignedCents.meta({ description: 'Received (kept by the server)' }),
    ...Audited,
  })
  .meta({ id: 'Instalment' });
export type Instalment = z.infer<typeof Instalment>;

export const InstalmentWithStatus = Instalment.extend({
  status: InstalmentStatus.meta({ description: 'Derived: requested once asked for, received once paid in full or once all that was asked for is paid' }),
  dueCents: SignedCents.meta({ description: 'Amount minus received' }),
}).meta({ id: 'InstalmentWithStatus' });

export const InstalmentCreate = z
  .strictObject({ ...instalmentFields, condition: instalmentFields.condition.default('') })
  .meta({ id: 'InstalmentCreate' });
export type InstalmentCreate = z.infer<typeof InstalmentCreate>;

/** An instalment's plan changes only until it is requested. */
export const InstalmentPatch = patchOf(instalmentFields).meta({ id: 'InstalmentPatch' });
export type InstalmentPatch = z.infer<typeof InstalmentPatch>;

export function newInstalment(input: InstalmentCreate, ids: { id: string; consortiumId: string; projectId: string }, now: string): Instalment {
  return { ...ids, ...input, requestedCents: 0, receivedCents: 0, version: 1, createdAt: now, updatedAt: now };
}

export function patchInstalment(instalment: Instalment, patch: InstalmentPatch, now: string): Instalment {
  if (instalment.requestedCents !== 0 || instalment.receivedCents !== 0) {
    throw new ConflictError('A requested instalment cannot change; its plan is what the funder was asked for');
  }
  const { version: _version, ...fields } = patch;
  return { ...instalment, ...fields, updatedAt: now };
}

/**
 * Derived, never stored: money moves only through requests and receipts. An instalment is received
 * once paid in full, or once everything asked for is paid (a request for less than the plan, paid:
 * nothing is waited for; `dueCents` still says what is left of the plan).
 */
export function instalmentStatus(instalment: Pick<Instalment, 'amountCents' | 'requestedCents' | 'receivedCents'>): InstalmentStatus {
  if (instalment.receivedCents >= instalment.amountCents) return 'received';
  if (instalment.requestedCents > 0 && instalment.receivedCents >= instalment.requestedCents) return 'received';
  if (instalment.requestedCents > 0 || instalment.receivedCents > 0) return 'requested';
  return 'planned';
}

export function withStatus(instalment: Instalment) {
  return { ...instalment, status: instalmentStatus(instalment), dueCents: instalment.amountCents - instalment.receivedCents };
}

export const PaymentRequest = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    instalmentId: Id,
    date: CalendarDate,
    amountCents: Cents.min(1).meta({ description: 'The amount asked of the funder' }),
    costIds: z.array(Id).max(MAX_COSTS_PER_REQUEST).meta({ description: 'The approved costs it accounts for' }),
    costsCents: SignedCents.meta({ description: 'What those costs count against the budget' }),
    note: Text,
    requestedBy: z.string().max(128),
    ...Audited,
  })
  .meta({ id: 'PaymentRequest' });
export type PaymentRequest = z.infer<typeof PaymentRequest>;

export const PaymentRequestCreate = z
  .strictObject({
    instalmentId: Id,
    date: CalendarDate.optional().meta({ description: 'Defaults to today' }),
    amountCents: Cents.min(1),
    costIds: z
      .array(Id)
      .max(MAX_COSTS_PER_REQUEST)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'lists a cost twice')
      .meta({ description: `Approved costs not yet claimed, at most ${MAX_COSTS_PER_REQUEST}; none for an advance` }),
    note: Text.default(''),
  })
  .meta({ id: 'PaymentRequestCreate' });
export type PaymentRequestCreate = z.infer<typeof PaymentRequestCreate>;

export const Receipt = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    instalmentId: Id,
    paymentRequestId: Id.optional(),
    date: CalendarDate,
    amountCents: Cents.min(1),
    note: Text,
    recordedBy: z.string().max(128),
    ...Audited,
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof Receipt>;

export const ReceiptCreate = z
  .strictObject({
    instalmentId: Id,
    paymentRequestId: Id.optional(),
    date: CalendarDate,
    amountCents: Cents.min(1),
    note: Text.default(''),
  })
  .meta({ id: 'ReceiptCreate' });
export type ReceiptCreate = z.infer<typeof ReceiptCreate>;
