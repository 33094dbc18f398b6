import { describe, expect, it } from 'vitest';
import { hashToken, tokenMatches } from './share-link';

describe('share-link tokens', () => {
  it('match the stored hash of their own token only', () => {
    const stored = hashToken('a-token-of-forty-three-characters-0123456789');
    expect(tokenMatches('a-token-of-forty-three-characters-0123456789', stored)).toBe(true);
    expect(tokenMatches('a-token-of-forty-three-characters-0123456788', stored)).toBe(false);
  });

  it('refuse a stored hash of another length instead of throwing', () => {
    expect(tokenMatches('any-token-at-all-here', 'abcd')).toBe(false);
  });
});
