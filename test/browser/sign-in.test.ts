// Production sign-in in a real browser: the dashboard, told by /config.json to use Cognito, sends
// the person to the hosted UI with an S256 code challenge, trades the code and its verifier for
// tokens, and signs out through Cognito's logout. Cognito is played by routes of the browser
// context; the page runs under the production content security policy (the Cognito domain allowed).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { contentSecurityPolicy } from '../../shared/api/security-headers';
import { VIEWPORTS, openContext, screenshot } from './pages';
import { launchChromium, startRuntime, type Runtime } from './runtime';

const COGNITO = 'https://rete-test.auth.eu-south-1.amazoncognito.com';
const CLIENT_ID = 'dashboard-client-id';

let runtime: Runtime;
let browser: Browser;

beforeAll(async () => {
  runtime = await startRuntime();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
}, 60_000);

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The hosted UI sends the browser back with a new navigation (routes do not see the hops of a
 * redirect they answered, and the page that comes back must get the policy above).
 */
const sendBack = (location: string) => ({
  contentType: 'text/html',
  body: `<!doctype html><meta http-equiv="refresh" content="0;url=${location.replace(/&/g, '&amp;')}"><title>Cognito</title>`,
});

describe('signing in with Cognito', { timeout: 120_000 }, () => {
  it('uses the authorization code with PKCE (S256), keeps the token in the tab, and signs out at Cognito', async () => {
    const viewport = VIEWPORTS[0]!;
    const session = await openContext(browser, viewport);
    const { context, page, problems } = session;
    const login = await fetch(`${runtime.base}/api/dev/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: COORDINATOR_PERSON_ID }),
    });
    const accessToken = ((await login.json()) as { token: string }).token;
    const seen: { authorize?: URLSearchParams; token?: URLSearchParams; logout?: URLSearchParams } = {};

    await context.route(`${runtime.base}/config.json`, (route) =>
      route.fulfill({
        json: { auth: { kind: 'cognito', domain: COGNITO, clientId: CLIENT_ID, redirectUri: `${runtime.base}/`, logoutUri: `${runtime.base}/`, scopes: ['openid', 'email'] }, region: 'eu-south-1' },
      }),
    );
    // The dashboard's pages under the policy CloudFront sends in production.
    await context.route((url) => url.origin === runtime.base && !url.pathname.startsWith('/api/') && url.pathname !== '/config.json', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy({ connect: [COGNITO], formAction: [COGNITO] }) } });
    });
    await context.route(`${COGNITO}/oauth2/authorize?*`, (route) => {
      seen.authorize = new URL(route.request().url()).searchParams;
      return route.fulfill(sendBack(`${runtime.base}/?code=the-code&state=${seen.authorize.get('state')}`));
    });
    await context.route(`${COGNITO}/oauth2/token`, (route) => {
      seen.token = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({
        headers: { 'access-control-allow-origin': runtime.base },
        json: { access_token: accessToken, refresh_token: 'the-refresh-token', expires_in: 3600, token_type: 'Bearer' },
      });
    });
    await context.route(`${COGNITO}/logout?*`, (route) => {
      seen.logout = new URL(route.request().url()).searchParams;
      return route.fulfill(sendBack(`${runtime.base}/`));
    });

    await page.goto(`${runtime.base}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    expect(Object.fromEntries(seen.authorize!)).toMatchObject({
      response_type: 'code', client_id: CLIENT_ID, redirect_uri: `${runtime.base}/`, scope: 'openid email', code_challenge_method: 'S256',
    });
    const verifier = seen.token!.get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(base64url(createHash('sha256').update(verifier).digest())).toBe(seen.authorize!.get('code_challenge'));
    expect(Object.fromEntries(seen.token!)).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', client_id: CLIENT_ID, redirect_uri: `${runtime.base}/` });
    // Signed in, the code gone from the address bar, the token in sessionStorage only.
    expect(page.url()).toBe(`${runtime.base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('rete.session'), local: JSON.stringify(localStorage) }));
    expect(JSON.parse(stored.session!).accessToken).toBe(accessToken);
    expect(stored.local).not.toContain(accessToken);
    await screenshot(page, viewport, 'cognito-signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(Object.fromEntries(seen.logout!)).toEqual({ client_id: CLIENT_ID, logout_uri: `${runtime.base}/` });
    expect(await page.evaluate(() => sessionStorage.getItem('rete.session'))).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses an answer whose state does not match the request', async () => {
    const session = await openContext(browser, VIEWPORTS[1]!);
    const { context, page } = session;
    await context.route(`${runtime.base}/config.json`, (route) =>
      route.fulfill({ json: { auth: { kind: 'cognito', domain: COGNITO, clientId: CLIENT_ID, redirectUri: `${runtime.base}/`, logoutUri: `${runtime.base}/`, scopes: ['openid'] } } }),
    );
    let tokenAsked = false;
    await context.route(`${COGNITO}/oauth2/authorize?*`, (route) => route.fulfill(sendBack(`${runtime.base}/?code=the-code&state=forged`)));
    await context.route(`${COGNITO}/oauth2/token`, (route) => ((tokenAsked = true), route.abort()));
    await page.goto(`${runtime.base}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('does not match');
    expect(tokenAsked).toBe(false);
    expect(await page.evaluate(() => sessionStorage.getItem('rete.session'))).toBeNull();
    await context.close();
  });
});
