// Commercial offers of a project: joint products and services, their clients, shares and pipeline stage.
import { createRoute } from '@hono/zod-openapi';
import { Id } from '../../domain/common';
import { Offer, OfferCreate, OfferPatch, StageInput, assertOpen, moveStage, newOffer } from '../../domain/offer';
import { seesProject, takesPartIn } from '../../domain/visibility';
import { offerRepository } from '../../store/offers';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const OfferParams = ProjectParams.extend({ offerId: Id });

export function offerRoutes(deps: AppDeps) {
  const offers = offerRepository(deps.store.db);
  const tags = ['Offers'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/offers';
  const item = `${base}/{offerId}`;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the project's commercial offers (a member person outside the project: those it takes part in)",
      ...guarded(deps, 'offers.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(Offer, 'OfferPage'), 'A page of offers'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const access = c.get('access');
      if (seesProject(access, c.get('projectReach'))) return c.json(await offers.list(consortiumId, projectId, c.req.valid('query')), 200);
      // A member outside the project sees the offers it takes part in: one page, all of them.
      const all = await offers.all(consortiumId, projectId);
      return c.json({ items: all.filter((offer) => takesPartIn(access, offer)), nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add an offer (as a draft); participants’ shares sum to 10000 basis points',
      ...guarded(deps, 'offers.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(OfferCreate) },
      responses: { 201: json(Offer, 'The new offer'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const actor = actorOf(c.get('access'), deps);
      const offer = newOffer(c.req.valid('json'), { id: deps.newId(), consortiumId, projectId }, actor.personId, todayIn(c.get('consortium'), deps), actor.at);
      return c.json(await offers.create(offer, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: item, tags, summary: 'Read an offer with its stage history',
      ...guarded(deps, 'offers.get'),
      request: { params: OfferParams },
      responses: { 200: json(Offer, 'The offer'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, offerId } = c.req.valid('param');
      return c.json(await offers.get(consortiumId, projectId, offerId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: item, tags, summary: 'Change an open offer’s terms (not its stage; not once won or lost)',
      ...guarded(deps, 'offers.update'),
      request: { params: OfferParams, body: body(OfferPatch) },
      responses: { 200: json(Offer, 'The offer as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, offerId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const current = await offers.get(consortiumId, projectId, offerId);
      assertOpen(current);
      return c.json(await offers.update(current, version, changes, 'update', actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${item}/stage`, tags,
      summary: 'Move the offer along its pipeline: draft → proposed → negotiating → won | lost (proposed may go straight to won or lost)',
      ...guarded(deps, 'offers.stage'),
      request: { params: OfferParams, body: body(StageInput) },
      responses: { 200: json(Offer, 'The offer at its new stage'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, offerId } = c.req.valid('param');
      const input = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const current = await offers.get(consortiumId, projectId, offerId);
      const changes = moveStage(current, input, { by: actor.personId, today: todayIn(c.get('consortium'), deps), now: actor.at });
      return c.json(await offers.update(current, input.version, changes, changes.stage!, actor), 200);
    },
  );

  return app;
}
