// The development token issuer: signs tokens shaped like Cognito access tokens with its own key.
// Local runtime and tests only; nothing here is bundled into a Lambda function.
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Jwks } from 'aws-jwt-verify/jwk';

export const DEV_CLIENT_ID = 'rete-dev-client';

export interface DevIssuer {
  issuer: string;
  clientId: string;
  jwks: Jwks;
  /** An access token for `sub`; `claims` override the standard ones (tests make bad tokens so). */
  sign(sub: string, options?: { expiresInSeconds?: number; claims?: Record<string, unknown> }): Promise<string>;
}

export async function createDevIssuer(issuer: string, clientId = DEV_CLIENT_ID): Promise<DevIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `dev-${randomUUID().slice(0, 8)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    clientId,
    jwks: { keys: [jwk] } as unknown as Jwks,
    async sign(sub, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        sub,
        token_use: 'access',
        client_id: clientId,
        scope: 'openid email',
        username: sub,
        iss: issuer,
        iat: now,
        exp: now + (options.expiresInSeconds ?? 3600),
        jti: randomUUID(),
        ...options.claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .sign(privateKey);
    },
  };
}
