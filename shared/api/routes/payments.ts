// The funder's payments: instalments (planned), payment requests prepared from approved costs, and
// receipts. Granted, requested, received and still due are in the money summary.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../domain/common';
import { countedCents } from '../../domain/cost';
import { NotFoundError, ValidationError } from '../../domain/errors';
import {
  Instalment,
  InstalmentCreate,
  InstalmentPatch,
  InstalmentWithStatus,
  PaymentRequest,
  PaymentRequestCreate,
  Receipt,
  ReceiptCreate,
  newInstalment,
  patchInstalment,
  withStatus,
} from '../../domain/payment';
import { costRepository } from '../../store/costs';
import { paymentRepository } from '../../store/payments';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const InstalmentParams = ProjectParams.extend({ instalmentId: Id });
const InstalmentList = z.object({ items: z.array(InstalmentWithStatus) }).meta({ id: 'InstalmentList' });

/** A reference the body names that does not exist is a 400 on its field; any other failure (a throttled read) goes up. */
const unknownAs = (path: string, message: string) => (error: unknown): never => {
  if (error instanceof NotFoundError) throw new ValidationError([{ path, message }]);
  throw error;
};

export function paymentRoutes(deps: AppDeps) {
  const payments = paymentRepository(deps.store.db);
  const costs = costRepository(deps.store.db);
  const tags = ['Payments'];
  const base = '/consortia/{consortiumId}/projects/{projectId}';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/instalments`, tags,
      summary: "The funder's instalments in order, each with what was requested and received and its derived status (at most 24: one Query)",
      ...guarded(deps, 'instalments.list'),
      request: { params: ProjectParams },
      responses: { 200: json(InstalmentList, 'The instalments'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      return c.json({ items: (await payments.instalments(consortiumId, projectId)).map(withStatus) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/instalments`, tags, summary: 'Plan an instalment of the grant: date, amount and the condition for it',
      ...guarded(deps, 'instalments.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(InstalmentCreate) },
      responses: { 201: json(Instalment, 'The instalment'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const actor = actorOf(c.get('access'), deps);
      const instalment = newInstalment(c.req.valid('json'), { id: deps.newId(), consortiumId, projectId }, actor.at);
      return c.json(await payments.createInstalment(instalment, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/instalments/{instalmentId}`, tags,
      summary: "Change an instalment's plan; once requested it cannot change (409)",
      ...guarded(deps, 'instalments.update'),
      request: { params: InstalmentParams, body: body(InstalmentPatch) },
      responses: { 200: json(Instalment, 'The instalment as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, instalmentId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const before = await payments.instalment(consortiumId, projectId, instalmentId);
      return c.json(await payments.updateInstalment(before, patchInstalment(before, patch, actor.at), patch.version, actor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/payment-requests`, tags, summary: 'List the payment requests sent to the funder',
      ...guarded(deps, 'paymentRequests.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(PaymentRequest, 'PaymentRequestPage'), 'A page of payment requests'), ...readErrors },
    }),
    async (c) => c.json(await payments.requests(c.req.valid('param'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/payment-requests`, tags,
      summary: 'Prepare a payment request for an instalment from approved costs (at most 80, each claimed once)',
      ...guarded(deps, 'paymentRequests.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(PaymentRequestCreate) },
      responses: { 201: json(PaymentRequest, 'The payment request'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      const instalment = await payments
        .instalment(consortiumId, projectId, input.instalmentId)
        .catch(unknownAs('instalmentId', `no instalment ${input.instalmentId} in this project`));
      const claimed = await Promise.all(
        input.costIds.map((costId, index) =>
          costs.get(consortiumId, projectId, costId).catch(unknownAs(`costIds.${index}`, `no cost ${costId} in this project`)),
        ),
      );
      const actor = actorOf(c.get('access'), deps);
      const request: PaymentRequest = {
        id: deps.newId(),
        consortiumId,
        projectId,
        instalmentId: instalment.id,
        date: input.date ?? todayIn(c.get('consortium'), deps),
        amountCents: input.amountCents,
        costIds: input.costIds,
        costsCents: claimed.reduce((sum, cost) => sum + countedCents(cost), 0),
        note: input.note,
        requestedBy: actor.personId,
        version: 1,
        createdAt: actor.at,
        updatedAt: actor.at,
      };
      return c.json(await payments.createRequest(request, instalment, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/receipts`, tags, summary: 'List the payments received from the funder',
      ...guarded(deps, 'receipts.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(Receipt, 'ReceiptPage'), 'A page of receipts'), ...readErrors },
    }),
    async (c) => c.json(await payments.receipts(c.req.valid('param'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/receipts`, tags, summary: 'Record a payment received for an instalment (and the request it answers)',
      ...guarded(deps, 'receipts.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(ReceiptCreate) },
      responses: { 201: json(Receipt, 'The receipt'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      if (input.date > todayIn(c.get('consortium'), deps)) throw new ValidationError([{ path: 'date', message: 'must not be in the future' }]);
      const actor = actorOf(c.get('access'), deps);
      const receipt: Receipt = { id: deps.newId(), consortiumId, projectId, ...input, recordedBy: actor.personId, version: 1, createdAt: actor.at, updatedAt: actor.at };
      return c.json(await payments.createReceipt(receipt, actor), 201);
    },
  );

  return app;
}
