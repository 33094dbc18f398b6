// `npm run smoke` against the real local runtime (dev/start.ts on a free port, its own data folder):
// every check passes there, the origin check is not applicable; and with one security header
// dropped from every answer on the way (a fetch wrapper given to the CLI), it fails naming the check.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smoke } from '../../dev/smoke';
import { startRuntime, type Runtime } from '../browser/runtime';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime();
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
}, 30_000);

/** `npm run smoke -- …` as a person runs it: the script in package.json, its output and exit code. */
function npmRunSmoke(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', 'smoke', '--', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => done({ code, output }));
  });
}

/** Runs the CLI in this process with `fetch` as given; answers its exit code and lines. */
async function smokeWith(fetcher: typeof fetch, ...args: string[]) {
  const lines: string[] = [];
  const code = await smoke(args, { print: (line) => lines.push(line), error: (line) => lines.push(line), fetch: fetcher });
  return { code, lines };
}

describe('npm run smoke against npm start', { timeout: 60_000 }, () => {
  it('passes every check; the origin check is not applicable, with its reason', async () => {
    const { code, output } = await npmRunSmoke('--url', `${runtime.base}/`);
    expect(code, output).toBe(0);
    for (const check of [
      'dashboard', 'dashboard script', 'config.json', 'OpenAPI document', 'API refuses a request without a token',
      'security headers on the dashboard', 'security headers on an API answer',
    ]) {
      expect(output, output).toMatch(new RegExp(`^${check}: passed`, 'm'));
    }
    expect(output).toMatch(/^config\.json: passed \(sign-in: local/m);
    expect(output).toMatch(/^origin check refuses a direct call to the API: not applicable: locally there is no CloudFront/m);
    expect(output).not.toMatch(/FAILED/);
  });

  it('fails, naming the check and the header, when an answer lacks a security header', async () => {
    const withoutFrameOptions: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('x-frame-options');
      return new Response(await response.arrayBuffer(), { status: response.status, headers });
    };
    const { code, lines } = await smokeWith(withoutFrameOptions, '--url', runtime.base);
    expect(code, lines.join('\n')).toBe(1);
    expect(lines).toContain('security headers on the dashboard: FAILED: X-Frame-Options missing');
    expect(lines).toContain('security headers on an API answer: FAILED: X-Frame-Options missing');
    expect(lines.at(-1)).toBe('2 of 8 checks FAILED: security headers on the dashboard, security headers on an API answer');
  });

  it('fails the refusal check when the API answers without a token', async () => {
    // As if the API let anyone in: a 200 in place of the 401.
    const letsEveryoneIn: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/api/v1/')) return response;
      return new Response('{}', { status: 200, headers: response.headers });
    };
    const { code, lines } = await smokeWith(letsEveryoneIn, '--url', runtime.base);
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^API refuses a request without a token: FAILED: answered 200 .*expected 401$/));
  });
});
