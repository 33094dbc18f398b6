// Refuses a JSON body that is not valid UTF-8: decoded leniently it would be stored with U+FFFD.
import { createMiddleware } from 'hono/factory';
import { ValidationError } from '../domain/errors';

/** The media types Hono's JSON validator reads; any other body is left to the routes' 415. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Throws on invalid sequences, overlong encodings and encoded surrogates, where the default decoder substitutes. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const utf8JsonBody = createMiddleware(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (c.req.raw.body && JSON_MEDIA_TYPE.test(mediaType)) {
    // Hono caches the bytes read here: the validator and the idempotency hash reuse them, not the stream.
    const bytes = await c.req.arrayBuffer();
    try {
      strictUtf8.decode(bytes);
    } catch {
      throw new ValidationError([{ in: 'body', path: '', message: 'is not valid UTF-8' }]);
    }
  }
  await next();
});
