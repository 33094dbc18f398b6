// Turns the SDK's errors into the application's: transient faults become 503s the client may retry.
import { AppError, UnavailableError } from '../domain/errors';

const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TimeoutError',
]);

/** Two transactions touched one item at once: worth retrying at once, unlike throttling. */
export class TransactionConflictError extends UnavailableError {}

export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT.has(error.name)) return true;
  const code = (error as { code?: string }).code;
  return code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'ECONNREFUSED';
}

/** Re-throws `error` as an AppError when it is a known fault; anything else goes up unchanged. */
export function translateFault(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (error instanceof Error && error.name === 'TransactionConflictException') {
    throw new TransactionConflictError('Another write touched the same items; retry shortly', 1, { cause: error });
  }
  if (isTransient(error)) {
    throw new UnavailableError('The database is busy; retry shortly', 1, { cause: error });
  }
  throw error;
}
