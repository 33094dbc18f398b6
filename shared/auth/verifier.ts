// Token verification only: who is calling (the token's subject). Roles come from the table, not the token.
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { UnauthorizedError } from '../domain/errors';

export interface Identity {
  /** The person id: the token's `sub`. */
  sub: string;
}

export interface TokenVerifier {
  /** Resolves the identity of a valid access token, or throws UnauthorizedError. */
  verify(token: string): Promise<Identity>;
}

type Verify = (token: string) => Promise<{ sub?: unknown }>;

function wrap(verify: Verify): TokenVerifier {
  return {
    async verify(token) {
      let payload: { sub?: unknown };
      try {
        payload = await verify(token);
      } catch (error) {
        throw new UnauthorizedError(`The bearer token is not valid: ${(error as Error).message}`, { cause: error });
      }
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
        throw new UnauthorizedError('The bearer token names no subject');
      }
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
  const verifier = JwtVerifier.create({
    issuer: options.issuer,
    audience: null,
    // Never fetched: the keys are cached below.
    jwksUri: `${options.issuer.replace(/^http:/, 'https:')}/jwks.json`,
    customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: options.clientId }),
  });
  verifier.cacheJwks(options.jwks);
  return wrap((token) => verifier.verify(token));
}
