// Every error becomes an RFC 9457 problem document; unknown errors are logged and hidden.
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, UnauthorizedError, UnavailableError, ValidationError, type ErrorCode, type FieldIssue } from '../domain/errors';
import type { AppEnv } from './env';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  too_large: 413,
  unavailable: 503,
};

const TITLE: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
}

export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string, extra: Partial<Problem> = {}) {
  const body: Problem = { type: `urn:rete:problem:${code}`, title: TITLE[status] ?? 'Error', status, detail, ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

const LOCATION: Record<string, FieldIssue['in']> = { json: 'body', param: 'path', query: 'query', header: 'header' };

/** Zod's issues as field paths a person can read: `partners.1.memberId` in the body. */
export function fieldIssues(error: ZodError, target: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    in: LOCATION[target] ?? 'body',
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

const describeIssue = (issue: FieldIssue) =>
  `${issue.in && issue.in !== 'body' ? `${issue.in} parameter ` : ''}${issue.path || 'body'}: ${issue.message}`;

/** The validation hook of every route: a failed zod parse becomes a ValidationError. */
export function validationHook(result: { success: boolean; target: string; error?: ZodError }) {
  if (!result.success && result.error) throw new ValidationError(fieldIssues(result.error, result.target));
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ValidationError) {
    const detail = error.issues.map(describeIssue).join('; ');
    const errors = error.issues.map((issue) => ({ in: 'body' as const, ...issue }));
    return problem(c, 400, 'validation', detail, { errors });
  }
  if (error instanceof UnavailableError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return problem(c, 503, 'unavailable', error.message);
  }
  if (error instanceof UnauthorizedError) c.header('WWW-Authenticate', 'Bearer');
  if (error instanceof AppError) return problem(c, STATUS[error.code], error.code, error.message);
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 413 ? 'too_large' : error.status === 415 ? 'unsupported_media_type' : 'bad_request';
    return problem(c, error.status as ContentfulStatusCode, code, error.message || (TITLE[error.status] ?? 'Bad request'));
  }
  const requestId = c.get('requestId');
  console.error(JSON.stringify({ level: 'error', requestId, message: 'Unhandled error', error: String(error), stack: (error as Error)?.stack }));
  return problem(c, 500, 'internal', `Something went wrong on our side (request ${requestId})`);
};
