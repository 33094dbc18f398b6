// Transient faults of the file store (S3 busy or timing out, a disk briefly out of handles) become
// UnavailableError, which the API answers with 503 and Retry-After; anything else goes up unchanged.
import { AppError, UnavailableError } from '../domain/errors';
import type { FileStore } from './file-store';

/** S3's error names for "slow down / try again", the SDK's timeouts, and the file system's busy codes. */
const TRANSIENT_NAMES = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'TimeoutError', 'ThrottlingException']);
const TRANSIENT_CODES = new Set(['EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

export function isTransientFileFault(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof AppError) return false;
  const code = (error as { code?: string }).code;
  return TRANSIENT_NAMES.has(error.name) || (code !== undefined && TRANSIENT_CODES.has(code));
}

function translate(error: unknown): never {
  if (isTransientFileFault(error)) throw new UnavailableError('The file store is busy; retry shortly', 2, { cause: error });
  throw error;
}

const translated = <T>(work: Promise<T>): Promise<T> => work.catch(translate);

/** The same store, its transient faults translated. */
export function translatingFaults(files: FileStore): FileStore {
  return {
    put: (key, body, contentType) => translated(files.put(key, body, contentType)),
    get: (key) => translated(files.get(key)),
    head: (key) => translated(files.head(key)),
    async *list(prefix) {
      try {
        yield* files.list(prefix);
      } catch (error) {
        translate(error);
      }
    },
    delete: (key) => translated(files.delete(key)),
    move: (from, to) => translated(files.move(from, to)),
    downloadLink: (key, options) => translated(files.downloadLink(key, options)),
    uploadForm: (key, limits) => translated(files.uploadForm(key, limits)),
  };
}
