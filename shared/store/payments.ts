// Instalments, payment requests and receipts: one partition per project's payments. Requests mark
// the approved costs they claim and receipts add to their instalment, by ADD, in one transaction.
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { MAX_INSTALMENTS, type Instalment, type PaymentRequest, type Receipt } from '../domain/payment';
import { auditRecord, auditStore, type Actor } from './audit';
import { projectNotFound } from './projects';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { costKey, instalmentKey, paymentItemsOf, paymentRequestKey, projectKey, receiptKey } from './keys';
import { addCounters, moneyProjections, moneyWrites } from './money';
import type { Page } from './pagination';

export const instalmentItem = (instalment: Instalment) => ({
  ...instalmentKey(instalment.consortiumId, instalment.projectId, instalment.id),
  itemType: 'Instalment',
  ...instalment,
});

export const paymentRequestItem = (request: PaymentRequest) => ({
  ...paymentRequestKey(request.consortiumId, request.projectId, request.id),
  itemType: 'PaymentRequest',
  ...request,
});

export const receiptItem = (receipt: Receipt) => ({
  ...receiptKey(receipt.consortiumId, receipt.projectId, receipt.id),
  itemType: 'Receipt',
  ...receipt,
});

type Ref = { consortiumId: string; projectId: string };

/** Claims an approved, unreversed, unclaimed cost for a request: 400 naming its place in `costIds`. */
function claimCost(tableName: string, ref: Ref, costId: string, requestId: string, index: number, now: string): TxOp {
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: costKey(ref.consortiumId, ref.projectId, costId),
        UpdateExpression: 'SET paymentRequestId = :request, updatedAt = :now ADD version :one',
        ConditionExpression:
          'attribute_exists(PK) AND #status = :approved AND kind = :cost AND attribute_not_exists(reversedBy) AND attribute_not_exists(paymentRequestId)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':request': requestId, ':now': now, ':one': 1, ':approved': 'approved', ':cost': 'cost' },
      },
    },
    onConditionFailed: () =>
      new ValidationError([{ path: `costIds.${index}`, message: `cost ${costId} is not an approved, unreversed cost that no request claims yet` }]),
  };
}

export function paymentRepository(db: Db) {
  const audit = auditStore(db);
  const refOf = (item: Ref) => ({ consortiumId: item.consortiumId, projectId: item.projectId });
  const list = async <T>(ref: Ref, kind: 'instalments' | 'requests' | 'receipts', page: { limit: number; cursor?: string }): Promise<Page<T>> => {
    const { PK, skPrefix } = paymentItemsOf(ref.consortiumId, ref.projectId, kind);
    const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
    return { items: result.items.map((item) => entityOf<T>(item)), nextCursor: result.nextCursor };
  };

  return {
    async instalment(consortiumId: string, projectId: string, instalmentId: string): Promise<Instalment> {
      const item = await db.get(instalmentKey(consortiumId, projectId, instalmentId));
      if (!item) throw new NotFoundError(`No instalment ${instalmentId} in this project`);
      return entityOf<Instalment>(item);
    },

    /** Every instalment of a project, in order: one Query (bounded by MAX_INSTALMENTS). */
    async instalments(consortiumId: string, projectId: string): Promise<Instalment[]> {
      const { PK, skPrefix } = paymentItemsOf(consortiumId, projectId, 'instalments');
      const items = await db.queryAll({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) });
      return items.map((item) => entityOf<Instalment>(item)).sort((a, b) => a.order - b.order || a.plannedDate.localeCompare(b.plannedDate));
    },

    requests: (ref: Ref, page: { limit: number; cursor?: string }) => list<PaymentRequest>(ref, 'requests', page),
    receipts: (ref: Ref, page: { limit: number; cursor?: string }) => list<Receipt>(ref, 'receipts', page),

    async createInstalment(instalment: Instalment, actor: Actor): Promise<Instalment> {
      await audit.transact(
        refOf(instalment),
        [
          {
            write: { Put: putNew(db.tableName, instalmentItem(instalment)) },
            onConditionFailed: () => new ConflictError(`An instalment ${instalment.id} exists already`),
          },
          {
            write: { ConditionCheck: mustExist(db.tableName, projectKey(instalment.consortiumId, instalment.projectId)) },
            onConditionFailed: () => projectNotFound(instalment.projectId),
          },
          ...moneyWrites(db.tableName, refOf(instalment), { instalmentsCents: instalment.amountCents, instalments: 1 }, undefined, {
            attribute: 'instalments',
            atMost: MAX_INSTALMENTS - 1,
            error: () => new ConflictError(`A project has at most ${MAX_INSTALMENTS} instalments`),
          }),
        ],
        auditRecord(actor, 'instalment', instalment.id, 'create', undefined, instalment),
      );
      return instalment;
    },

    /** Changes an instalment's plan, only while nothing was requested or received on it. */
    async updateInstalment(before: Instalment, after: Instalment, expectedVersion: number, actor: Actor): Promise<Instalment> {
      if (before.version !== expectedVersion) throw new StaleVersionError('instalment', expectedVersion, before.version);
      const { order, plannedDate, amountCents, condition } = after;
      const updated = { ...after, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        refOf(before),
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: instalmentKey(before.consortiumId, before.projectId, before.id),
                expectedVersion,
                set: { order, plannedDate, amountCents, condition },
                requireZero: ['requestedCents', 'receivedCents'],
                now: actor.at,
              }),
            },
            onConditionFailed: () => new ConflictError('The instalment changed meanwhile or was requested; reload and retry'),
          },
        ],
        auditRecord(actor, 'instalment', before.id, 'update', before, updated),
        moneyProjections(refOf(before), { instalmentsCents: amountCents - before.amountCents }),
      );
      return updated;
    },

    /**
     * Records a payment request: claims each listed cost (approved, not reversed, not claimed yet)
     * and adds the amount to its instalment, which may not be asked for more than its amount.
     */
    async createRequest(request: PaymentRequest, instalment: Instalment, actor: Actor): Promise<PaymentRequest> {
      const ref = refOf(request);
      await audit.transact(
        ref,
        [
          {
            write: { Put: putNew(db.tableName, paymentRequestItem(request)) },
            onConditionFailed: () => new ConflictError(`A payment request ${request.id} exists already`),
          },
          {
            write: {
              Update: addCounters(db.tableName, instalmentKey(ref.consortiumId, ref.projectId, request.instalmentId), { requestedCents: request.amountCents }, {
                limit: { attribute: 'requestedCents', atMost: instalment.amountCents - request.amountCents },
              }),
            },
            onConditionFailed: () =>
              new ValidationError([{ path: 'amountCents', message: `asks instalment ${request.instalmentId} for more than its unrequested amount` }]),
          },
          ...request.costIds.map((costId, index) => claimCost(db.tableName, ref, costId, request.id, index, actor.at)),
        ],
        auditRecord(actor, 'payment_request', request.id, 'create', undefined, request),
        moneyProjections(ref, { requestedCents: request.amountCents }),
      );
      return request;
    },

    async createReceipt(receipt: Receipt, actor: Actor): Promise<Receipt> {
      const ref = refOf(receipt);
      const { paymentRequestId } = receipt;
      await audit.transact(
        ref,
        [
          {
            write: { Put: putNew(db.tableName, receiptItem(receipt)) },
            onConditionFailed: () => new ConflictError(`A receipt ${receipt.id} exists already`),
          },
          {
            write: { Update: addCounters(db.tableName, instalmentKey(ref.consortiumId, ref.projectId, receipt.instalmentId), { receivedCents: receipt.amountCents }) },
            onConditionFailed: () => new ValidationError([{ path: 'instalmentId', message: `no instalment ${receipt.instalmentId} in this project` }]),
          },
          ...(paymentRequestId
            ? [
                {
                  write: {
                    ConditionCheck: {
                      TableName: db.tableName,
                      Key: paymentRequestKey(ref.consortiumId, ref.projectId, paymentRequestId),
                      ConditionExpression: 'attribute_exists(PK) AND instalmentId = :instalment',
                      ExpressionAttributeValues: { ':instalment': receipt.instalmentId },
                    },
                  },
                  onConditionFailed: () =>
                    new ValidationError([{ path: 'paymentRequestId', message: `no payment request ${paymentRequestId} for instalment ${receipt.instalmentId}` }]),
                },
              ]
            : []),
        ],
        auditRecord(actor, 'receipt', receipt.id, 'create', undefined, receipt),
        moneyProjections(ref, { receivedCents: receipt.amountCents }),
      );
      return receipt;
    },
  };
}
