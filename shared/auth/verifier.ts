// Token verification only: who is calling (the token's subject). Roles come from the table, not the token.
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache, type Jwks } from 'aws-jwt-verify/jwk';
import { UnauthorizedError } from '../domain/errors';

export interface Identity {
  /** The person id: the token's `sub`. */
  sub: string;
}

export interface TokenVerifier {
  /** Resolves the identity of a valid access token, or throws UnauthorizedError. */
  verify(token: string): Promise<Identity>;
}

type Verify = (token: string) => Promise<{ sub?: unknown; exp?: unknown }>;

/** One answer for every bad token: what exactly failed would help someone forging one. */
const INVALID = 'The bearer token is not a valid access token (signature, issuer, client, use or expiry)';

function wrap(verify: Verify): TokenVerifier {
  return {
    async verify(token) {
      let payload: { sub?: unknown; exp?: unknown };
      try {
        payload = await verify(token);
      } catch (error) {
        throw new UnauthorizedError(INVALID, { cause: error });
      }
      // The library checks `exp` only when present; a token without one would never expire.
      if (typeof payload.exp !== 'number') throw new UnauthorizedError(INVALID);
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new UnauthorizedError(INVALID);
      return { sub: payload.sub };
    },
  };
}

/** Production: access tokens of a Cognito user pool's app client (issuer, client id, expiry, token use). */
export function cognitoVerifier(options: { userPoolId: string; clientId: string }): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId: options.userPoolId, clientId: options.clientId, tokenUse: 'access' });
  return wrap((token) => verifier.verify(token));
}

/**
 * Local runtime and tests: tokens shaped like Cognito access tokens from an issuer whose keys are
 * given here (the library fetches keys only over https, so they are primed with `cacheJwks`).
 */
export function jwksVerifier(options: { issuer: string; clientId: string; jwks: Jwks }): TokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      audience: null,
      jwksUri: `${options.issuer.replace(/^http:/, 'https:')}/jwks.json`,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: options.clientId }),
    },
    // The keys are all given: a token naming another key is refused at once, never fetched for.
    { jwksCache: new SimpleJwksCache({ fetcher: { fetch: () => Promise.reject(new Error('no key fetching')) } }) },
  );
  verifier.cacheJwks(options.jwks);
  return wrap((token) => verifier.verify(token));
}
