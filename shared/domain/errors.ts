// The few error classes that domain and store throw; the API maps each `code` to one HTTP status.

export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'too_large'
  | 'unavailable';

export interface FieldIssue {
  /** Where the field is; the request body unless said otherwise. */
  in?: 'body' | 'path' | 'query' | 'header';
  /** Dotted path of the failing field, for example `partners.1.memberId`. */
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly code = 'validation';

  constructor(
    readonly issues: FieldIssue[],
    message = `Invalid ${issues.map((issue) => issue.path || 'request').join(', ')}`,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
}

/** What `read` answers, or undefined when it finds nothing; any other failure (a throttled read) goes up. */
export async function orMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
}

/** Someone else changed the entity first (stale `version`), or a uniqueness rule was hit. */
export class ConflictError extends AppError {
  readonly code: ErrorCode = 'conflict';
}

/** A status change that the entity's status machine does not allow. */
export class InvalidTransitionError extends ConflictError {
  override readonly code = 'invalid_transition';
}

/** A transient fault of a service (throttling, timeouts): the client may retry later. */
export class UnavailableError extends AppError {
  readonly code = 'unavailable';

  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The entity's `version` is not the one the writer read: someone else wrote first. */
export class StaleVersionError extends ConflictError {
  constructor(entity: string, expected?: number, actual?: number) {
    super(
      expected !== undefined && actual !== undefined
        ? `The ${entity} changed since you read it (your version ${expected}, current ${actual}); reload and retry`
        : `The ${entity} changed since you read it; reload and retry`,
    );
  }
}

/** A declared or sent size above what the API takes. */
export class PayloadTooLargeError extends AppError {
  readonly code = 'too_large';
}
