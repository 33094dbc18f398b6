// Building blocks of the route declarations: parameters, pagination, bodies and problem answers.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../domain/common';
import type { AppEnv } from './env';
import { validationHook } from './problem';

/** A router whose validation failures become 400 problems naming the fields. */
export const newRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ in: z.enum(['body', 'path', 'query', 'header']), path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'For validation errors: each failing field' }),
  })
  .meta({ id: 'Problem' });

export const problemOf = (description: string) => problem(description);

const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: ProblemSchema } },
  description,
});

export const readErrors = {
  400: problem('Invalid parameters; `errors` names them'),
  401: problem('No valid access token'),
  403: problem('Your role may not do this to this resource'),
  404: problem('No such consortium or resource'),
  503: problem('A transient fault; retry after `Retry-After` seconds'),
};

export const writeErrors = {
  ...readErrors,
  400: problem('Invalid input; `errors` names the failing fields'),
  409: problem('Stale `version`, a transition the status machine forbids, or a broken rule'),
  415: problem('The body is not JSON'),
};

export const ConsortiumParams = z.object({ consortiumId: Id });
export const MemberParams = ConsortiumParams.extend({ memberId: Id });
export const FunderParams = ConsortiumParams.extend({ funderId: Id });
export const ProjectParams = ConsortiumParams.extend({ projectId: Id });
export const PhaseParams = ProjectParams.extend({ phaseId: Id });
export const DeliverableParams = ProjectParams.extend({ deliverableId: Id });

export const MAX_PAGE = 100;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(25),
  cursor: z.string().min(1).max(2048).optional().meta({ description: 'The `nextCursor` of the previous page' }),
});

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
    })
    .meta({ id });

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters')
    .optional()
    .meta({ description: 'Retrying a create with the same key returns the first result' }),
});
