// The smoke check's verdicts on answers shaped like a deployed installation's (CloudFront, API
// Gateway), without a network: the local runtime's are in test/integration/smoke.test.ts.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../shared/api/security-headers';
import { CHECKS, runChecks, type Answer, type Target, type Verdict } from './smoke-checks';

const deployed: Target = { url: 'https://d111111abcdef8.cloudfront.net/' };
const signIn = 'https://rete-prod-123456789012.auth.eu-south-1.amazoncognito.com';
const filesBucket = 'https://rete-prod-data-files.s3.eu-south-1.amazonaws.com';
/** The headers CloudFront adds on AWS: the policy names the sign-in domain and the files bucket. */
const cloudFrontHeaders = securityHeaders({ connect: [signIn, filesBucket], formAction: [signIn] });

const answer = (status: number, contentType: string, body: unknown, headers: Record<string, string> = cloudFrontHeaders): Answer => ({
  status,
  headers: new Headers({ 'content-type': contentType, ...headers }),
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

function verdict(name: string, given: Answer, target: Target = deployed): Verdict {
  const check = CHECKS.find((each) => each.name === name);
  if (!check) throw new Error(`no check ${name}`);
  return check.judge(given, target);
}

const failedWith = (pattern: RegExp) => ({ outcome: 'failed', why: expect.stringMatching(pattern) });

describe('config.json', () => {
  const cognito = { auth: { kind: 'cognito', domain: signIn, clientId: 'abc', redirectUri: deployed.url, logoutUri: deployed.url, scopes: ['openid'] } };

  it('passes with Cognito sign-in, naming the mode', () => {
    expect(verdict('config.json', answer(200, 'application/json', cognito))).toEqual({ outcome: 'passed', note: `sign-in: cognito (${signIn})` });
  });

  it('refuses the development login on a deployed installation, and accepts it locally', () => {
    const local = answer(200, 'application/json', { auth: { kind: 'local' } });
    expect(verdict('config.json', local)).toEqual(failedWith(/"local".*expected "cognito"/));
    expect(verdict('config.json', local, { url: 'http://localhost:3000/' }).outcome).toBe('passed');
  });

  it('fails on a Cognito configuration without its client, and on what is not JSON', () => {
    expect(verdict('config.json', answer(200, 'application/json', { auth: { kind: 'cognito', domain: signIn } }))).toEqual(failedWith(/auth\.clientId, auth\.redirectUri/));
    expect(verdict('config.json', answer(200, 'text/html', '<!doctype html>'))).toEqual(failedWith(/expected application\/json/));
    expect(verdict('config.json', answer(403, 'application/xml', '<Error>AccessDenied</Error>'))).toEqual(failedWith(/answered 403 .*AccessDenied.*expected 200/));
  });
});

describe('the OpenAPI document', () => {
  it('needs OpenAPI 3.1 with paths', () => {
    expect(verdict('OpenAPI document', answer(200, 'application/json', { openapi: '3.1.0', paths: { '/api/v1/me': {} } })).outcome).toBe('passed');
    expect(verdict('OpenAPI document', answer(200, 'application/json', { openapi: '3.0.3', paths: { '/a': {} } }))).toEqual(failedWith(/3\.0\.3/));
    expect(verdict('OpenAPI document', answer(200, 'application/json', { openapi: '3.1.0', paths: {} }))).toEqual(failedWith(/no paths/));
  });

  it('fails when a token is asked for it (as API Gateway\'s authorizer does)', () => {
    expect(verdict('OpenAPI document', answer(401, 'application/json', { message: 'Unauthorized' }))).toEqual(failedWith(/answered 401 .*Unauthorized/));
  });
});

describe('the refusal without a token', () => {
  const refusal = 'API refuses a request without a token';

  it('passes on the app\'s 401 problem document', () => {
    expect(verdict(refusal, answer(401, 'application/problem+json', { type: 'urn:rete:problem:unauthorized', title: 'Unauthorized', status: 401 })).outcome).toBe('passed');
  });

  it('fails on a 401 that is not a problem document, and on anything but a 401', () => {
    expect(verdict(refusal, answer(401, 'application/json', { message: 'Unauthorized' }))).toEqual(failedWith(/expected application\/problem\+json/));
    expect(verdict(refusal, answer(200, 'application/json', { id: 'x' }))).toEqual(failedWith(/answered 200/));
  });
});

describe('the origin check', () => {
  const origin = CHECKS.find((check) => check.name.startsWith('origin check'))!;

  it('is not applicable locally, nor without the API\'s direct endpoint, and says why', () => {
    expect(origin.probe({ url: 'http://localhost:3000/', apiEndpoint: 'http://localhost:3000/' })).toEqual({ notApplicable: expect.stringMatching(/no CloudFront/) });
    expect(origin.probe(deployed)).toEqual({ notApplicable: expect.stringMatching(/--api-endpoint/) });
  });

  it('calls the API\'s own endpoint, and passes only when it refuses with 403', () => {
    const target = { ...deployed, apiEndpoint: 'https://abc123.execute-api.eu-south-1.amazonaws.com' };
    expect(origin.probe(target)).toMatchObject({ url: 'https://abc123.execute-api.eu-south-1.amazonaws.com/api/v1/share', method: 'POST' });
    expect(origin.judge(answer(403, 'application/problem+json', { status: 403 }), target).outcome).toBe('passed');
    expect(origin.judge(answer(404, 'application/problem+json', { status: 404 }), target)).toEqual(failedWith(/answered 404/));
  });
});

describe('the security headers', () => {
  const name = 'security headers on the dashboard';
  const html = '<div id="app"></div>';

  it('pass with the policy CloudFront sends: the sign-in domain and the bucket added where they belong', () => {
    expect(verdict(name, answer(200, 'text/html', html)).outcome).toBe('passed');
  });

  it('name a missing header, a changed value, and a loosened policy', () => {
    const { 'X-Frame-Options': _, ...withoutFrameOptions } = cloudFrontHeaders;
    expect(verdict(name, answer(200, 'text/html', html, withoutFrameOptions))).toEqual({ outcome: 'failed', why: 'X-Frame-Options missing' });
    expect(verdict(name, answer(200, 'text/html', html, { ...cloudFrontHeaders, 'Referrer-Policy': 'origin' }))).toEqual(
      failedWith(/^Referrer-Policy is "origin", expected "no-referrer"$/),
    );
    const inline = contentSecurityPolicy().replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    expect(verdict(name, answer(200, 'text/html', html, { ...cloudFrontHeaders, 'Content-Security-Policy': inline }))).toEqual(failedWith(/script-src is "'self' 'unsafe-inline'"/));
    const framed = contentSecurityPolicy().replace("; frame-ancestors 'none'", '');
    expect(verdict(name, answer(200, 'text/html', html, { ...cloudFrontHeaders, 'Content-Security-Policy': framed }))).toEqual(failedWith(/frame-ancestors missing/));
    const anyHost = contentSecurityPolicy({ connect: ['*'] });
    expect(verdict(name, answer(200, 'text/html', html, { ...cloudFrontHeaders, 'Content-Security-Policy': anyHost }))).toEqual(failedWith(/connect-src/));
  });
});

describe('running the checks', () => {
  it('fetches each distinct request once, and fails the checks of a request that cannot be made', async () => {
    const asked: string[] = [];
    const unreachable: typeof fetch = async (input) => {
      asked.push(String(input));
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND d111111abcdef8.cloudfront.net') });
    };
    const results = await runChecks(deployed, unreachable);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toHaveLength(5);
    const dashboard = results.find((result) => result.check === 'dashboard')!;
    expect(dashboard.verdict).toEqual({ outcome: 'failed', why: `GET ${deployed.url} failed: getaddrinfo ENOTFOUND d111111abcdef8.cloudfront.net` });
    expect(results.filter((result) => result.verdict.outcome === 'failed')).toHaveLength(7);
    expect(results.find((result) => result.check.startsWith('origin check'))!.verdict.outcome).toBe('not applicable');
  });
});
