// The real clock and id source, wired by the entry points (tests inject their own).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../domain/clock';

export const systemClock: Clock = { now: () => new Date() };

// Crockford's base32 without i, l, o, u: ids read aloud or typed by hand stay unambiguous.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random 16-character id (80 bits). */
export function newId(): string {
  return Array.from(randomBytes(16), (byte) => ALPHABET[byte & 31]).join('');
}
