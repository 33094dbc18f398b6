// Production sign-in: Cognito's hosted UI with the authorization-code flow and PKCE (S256). The
// verifier and state wait in sessionStorage while the browser is away at the sign-in page.
import type { CognitoAuth } from './config';
import { challengeOf, randomVerifier } from './pkce';
import type { Session } from './session';

const PENDING = 'rete.pkce';

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

export async function startSignIn(auth: CognitoAuth): Promise<void> {
  const verifier = randomVerifier();
  const state = randomVerifier();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, back: location.pathname }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: auth.scopes.join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(verifier),
  });
  location.assign(`${auth.domain}/oauth2/authorize?${query}`);
}

async function tokenRequest(auth: CognitoAuth, fields: Record<string, string>): Promise<Session> {
  const response = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: auth.clientId, ...fields }),
  });
  if (!response.ok) throw new Error(`The sign-in service answered ${response.status}`);
  const answer = (await response.json()) as TokenAnswer;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? fields.refresh_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
}

/**
 * Back from the hosted UI with `?code=…&state=…`: checks the state, trades the code and the
 * verifier for tokens, and cleans the address bar. Undefined when this is not such a return.
 */
export async function finishSignIn(auth: CognitoAuth): Promise<{ session: Session; back: string } | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(PENDING);
  if (!code || !pending) return undefined;
  sessionStorage.removeItem(PENDING);
  const { verifier, state, back } = JSON.parse(pending) as { verifier: string; state: string; back: string };
  history.replaceState(null, '', '/');
  if (params.get('state') !== state) throw new Error('The sign-in answer does not match the request: sign in again');
  const session = await tokenRequest(auth, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: auth.redirectUri,
    code_verifier: verifier,
  });
  return { session, back };
}

export function refresh(auth: CognitoAuth, refreshToken: string): Promise<Session> {
  return tokenRequest(auth, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

export function signOutUrl(auth: CognitoAuth): string {
  return `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.logoutUri })}`;
}
