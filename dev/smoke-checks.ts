// The checks of `npm run smoke`: what a deployed installation (or `npm start`) must answer. Each
// check names one request and judges its answer; nothing here touches the network except
// runChecks, which fetches each distinct request once through the fetch it is given.
import { contentSecurityPolicy, securityHeaders } from '../shared/api/security-headers';

/** What the smoke check runs against. */
export interface Target {
  /** The dashboard's address (CloudFront's DashboardUrl, or http://localhost:3000/). */
  url: string;
  /** The HTTP API's own endpoint (https://<id>.execute-api.<region>.amazonaws.com), if known. */
  apiEndpoint?: string;
}

/** An answer, read whole. */
export interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

export type Verdict =
  | { outcome: 'passed'; note?: string }
  | { outcome: 'failed'; why: string }
  | { outcome: 'not applicable'; why: string };

export interface Probe {
  url: string;
  method?: 'GET' | 'POST';
  /** A JSON body (POST). */
  json?: unknown;
}

export interface Check {
  name: string;
  /** What to fetch, or why the check does not apply to this target. */
  probe(target: Target): Probe | { notApplicable: string };
  judge(answer: Answer, target: Target): Verdict;
}

export interface Result {
  check: string;
  verdict: Verdict;
}

const passed = (note?: string): Verdict => ({ outcome: 'passed', ...(note ? { note } : {}) });
const failed = (why: string): Verdict => ({ outcome: 'failed', why });

const at = (target: Target, path: string) => new URL(path, target.url).href;

/** http://localhost, 127.0.0.1 or [::1]: `npm start`, where no CloudFront stands in front of the API. */
export function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** The start of a body, on one line, to say what came back instead. */
const excerpt = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 120)}…` : line || '(empty body)';
};

const contentType = (answer: Answer) => answer.headers.get('content-type') ?? '(no content type)';

function parsedJson(answer: Answer): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    return undefined;
  }
}

/** Status and content type (one that contains `type`) as expected, or what was wrong with them. */
function unexpected(answer: Answer, status: number, type: string): string | undefined {
  const what = `${contentType(answer)}: ${excerpt(answer.body)}`;
  if (answer.status !== status) return `answered ${answer.status} (${what}), expected ${status}`;
  if (!contentType(answer).includes(type)) return `answered ${status} (${what}), expected ${type}`;
  return undefined;
}

const dashboardProbe = (target: Target): Probe => ({ url: at(target, '/') });
/** A consortium route: without a token the API refuses it before looking the consortium up. */
const refusalProbe = (target: Target): Probe => ({ url: at(target, '/api/v1/consortia/smoke-check') });

/** The deployed policy may add sources (the sign-in domain, the files bucket) to these directives only. */
const EXTENSIBLE_DIRECTIVES = new Set(['connect-src', 'form-action']);

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources] as const),
  );

/** What is wrong with a content security policy compared with shared/api/security-headers.ts, if anything. */
export function policyDifferences(actual: string): string[] {
  const expected = directives(contentSecurityPolicy());
  const got = directives(actual);
  const problems: string[] = [];
  for (const [name, sources] of expected) {
    const answered = got.get(name);
    if (!answered) {
      problems.push(`${name} missing`);
      continue;
    }
    const extra = answered.filter((source) => !sources.includes(source));
    const lacking = sources.filter((source) => !answered.includes(source));
    const allowedExtra = EXTENSIBLE_DIRECTIVES.has(name) && extra.every((source) => source.startsWith('https://'));
    if (lacking.length > 0 || (extra.length > 0 && !allowedExtra)) {
      problems.push(`${name} is "${answered.join(' ')}", expected "${sources.join(' ')}"${EXTENSIBLE_DIRECTIVES.has(name) ? ' (and https:// origins)' : ''}`);
    }
  }
  for (const name of got.keys()) if (!expected.has(name)) problems.push(`unexpected directive ${name}`);
  return problems;
}

/** Every header of shared/api/security-headers.ts with its value (the policy's directives as above). */
export function securityHeaderDifferences(headers: Headers): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(securityHeaders())) {
    const answered = headers.get(name);
    if (answered === null) problems.push(`${name} missing`);
    else if (name === 'Content-Security-Policy') problems.push(...policyDifferences(answered).map((problem) => `${name}: ${problem}`));
    else if (answered !== value) problems.push(`${name} is "${answered}", expected "${value}"`);
  }
  return problems;
}

function headersJudge(answer: Answer): Verdict {
  const problems = securityHeaderDifferences(answer.headers);
  return problems.length === 0 ? passed() : failed(problems.join('; '));
}

export const CHECKS: Check[] = [
  {
    name: 'dashboard',
    probe: dashboardProbe,
    judge(answer) {
      const wrong = unexpected(answer, 200, 'text/html');
      if (wrong) return failed(wrong);
      const script = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(answer.body) ?? /<script[^>]*src="([^"]+)"[^>]*type="module"/.exec(answer.body);
      if (!script) return failed('the page loads no module script (not the dashboard\'s index.html?)');
      if (!answer.body.includes('id="app"')) return failed('the page has no element id="app" for the dashboard');
      return passed(`loads ${script[1]}`);
    },
  },
  {
    name: 'dashboard script',
    probe: (target) => ({ url: at(target, '/app.js') }),
    judge(answer) {
      const wrong = unexpected(answer, 200, 'javascript');
      if (wrong) return failed(wrong);
      return answer.body.length > 0 ? passed() : failed('/app.js is empty');
    },
  },
  {
    name: 'config.json',
    probe: (target) => ({ url: at(target, '/config.json') }),
    judge(answer, target) {
      const wrong = unexpected(answer, 200, 'application/json');
      if (wrong) return failed(wrong);
      const config = parsedJson(answer) as { auth?: { kind?: unknown; domain?: unknown; clientId?: unknown; redirectUri?: unknown } } | undefined;
      const kind = config?.auth?.kind;
      if (kind === 'local') {
        // The development login signs nobody in on AWS: a deployed dashboard must use Cognito.
        return isLocal(target.url) ? passed('sign-in: local, the development login') : failed('sign-in is "local" (the development login) on a deployed installation, expected "cognito"');
      }
      if (kind !== 'cognito') return failed(`auth.kind is ${JSON.stringify(kind)}, expected "cognito" or "local" (${excerpt(answer.body)})`);
      const { domain, clientId, redirectUri } = config!.auth!;
      const missing = Object.entries({ domain, clientId, redirectUri }).filter(([, value]) => typeof value !== 'string' || value === '').map(([name]) => `auth.${name}`);
      if (missing.length > 0) return failed(`sign-in is "cognito" without ${missing.join(', ')}`);
      return passed(`sign-in: cognito (${domain})`);
    },
  },
  {
    name: 'OpenAPI document',
    probe: (target) => ({ url: at(target, '/api/openapi.json') }),
    judge(answer) {
      const wrong = unexpected(answer, 200, 'application/json');
      if (wrong) return failed(wrong);
      const document = parsedJson(answer) as { openapi?: unknown; paths?: unknown } | undefined;
      if (typeof document?.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
        return failed(`"openapi" is ${JSON.stringify(document?.openapi)}, expected 3.1.x`);
      }
      const paths = document.paths && typeof document.paths === 'object' ? Object.keys(document.paths).length : 0;
      return paths > 0 ? passed(`OpenAPI ${document.openapi}, ${paths} paths`) : failed('the document has no paths');
    },
  },
  {
    name: 'API refuses a request without a token',
    probe: refusalProbe,
    judge(answer) {
      const wrong = unexpected(answer, 401, 'application/problem+json');
      if (wrong) return failed(wrong);
      const problem = parsedJson(answer) as { status?: unknown; title?: unknown } | undefined;
      return problem?.status === 401 ? passed() : failed(`the problem document's status is ${JSON.stringify(problem?.status)}, expected 401`);
    },
  },
  {
    name: 'origin check refuses a direct call to the API',
    probe(target) {
      if (isLocal(target.url)) return { notApplicable: 'locally there is no CloudFront: the API is only reached through this origin' };
      if (!target.apiEndpoint) return { notApplicable: "no direct endpoint given (--api-endpoint, or an ApiEndpoint output in --outputs-file)" };
      // The open route: without an origin check the app itself answers it (404 for an unknown link).
      return { url: new URL('/api/v1/share', target.apiEndpoint).href, method: 'POST', json: { token: 'smoke-check-not-a-share-link-0000' } };
    },
    judge(answer) {
      if (answer.status === 403) return passed();
      return failed(`a direct call to the API's endpoint answered ${answer.status} (${excerpt(answer.body)}), expected 403: calls that bypass CloudFront are not refused`);
    },
  },
  { name: 'security headers on the dashboard', probe: dashboardProbe, judge: headersJudge },
  { name: 'security headers on an API answer', probe: refusalProbe, judge: headersJudge },
];

/** Runs the checks: each distinct request is fetched once; a request that cannot be made fails its checks. */
export async function runChecks(target: Target, fetcher: typeof fetch, checks: Check[] = CHECKS, timeoutMillis = 15_000): Promise<Result[]> {
  const answers = new Map<string, Promise<Answer>>();
  const answerTo = (probe: Probe) => {
    const key = JSON.stringify(probe);
    let answer = answers.get(key);
    if (!answer) {
      answer = fetcher(probe.url, {
        method: probe.method ?? 'GET',
        headers: probe.json === undefined ? {} : { 'content-type': 'application/json' },
        body: probe.json === undefined ? undefined : JSON.stringify(probe.json),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMillis),
      }).then(async (response) => ({ status: response.status, headers: response.headers, body: await response.text() }));
      answers.set(key, answer);
    }
    return answer;
  };
  return Promise.all(
    checks.map(async (check): Promise<Result> => {
      const probe = check.probe(target);
      if ('notApplicable' in probe) return { check: check.name, verdict: { outcome: 'not applicable', why: probe.notApplicable } };
      let answer: Answer;
      try {
        answer = await answerTo(probe);
      } catch (error) {
        const { message, cause } = error as Error & { cause?: Error };
        return { check: check.name, verdict: failed(`${probe.method ?? 'GET'} ${probe.url} failed: ${cause?.message ?? message}`) };
      }
      return { check: check.name, verdict: check.judge(answer, target) };
    }),
  );
}

/** One line per check. */
export function resultLine({ check, verdict }: Result): string {
  if (verdict.outcome === 'passed') return `${check}: passed${verdict.note ? ` (${verdict.note})` : ''}`;
  if (verdict.outcome === 'failed') return `${check}: FAILED: ${verdict.why}`;
  return `${check}: not applicable: ${verdict.why}`;
}
