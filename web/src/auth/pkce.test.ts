// The S256 challenge matches RFC 7636's own example, and verifiers are fresh and well formed.
import { describe, expect, it } from 'vitest';
import { challengeOf, randomVerifier } from './pkce';

describe('PKCE', () => {
  it("computes the S256 challenge of RFC 7636's appendix B", async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a new 43-character base64url verifier each time', () => {
    const first = randomVerifier();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomVerifier()).not.toBe(first);
  });
});
