// The smoke check's command line: where the addresses come from, and its exit codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smoke } from './smoke';

const dir = await mkdtemp(join(tmpdir(), 'rete-smoke-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const asked: string[] = [];
  const lines: string[] = [];
  // Nothing answers: every check that asks fails, which is enough to see what was asked.
  const nothing: typeof fetch = async (input) => {
    asked.push(String(input));
    throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
  };
  const code = await smoke(argv, { print: (line) => lines.push(line), error: (line) => lines.push(line), fetch: nothing });
  return { code, asked, lines };
}

describe('npm run smoke', () => {
  it('reads DashboardUrl and ApiEndpoint from cdk\'s outputs file', async () => {
    const file = join(dir, 'cdk-outputs.json');
    await writeFile(file, JSON.stringify({
      'rete-prod-data': { TableName: 'rete-prod-table' },
      'rete-prod-web': { DashboardUrl: 'https://d111111abcdef8.cloudfront.net/', ApiEndpoint: 'https://abc123.execute-api.eu-south-1.amazonaws.com' },
    }));
    const { code, asked, lines } = await run(['--outputs-file', file]);
    expect(code).toBe(1);
    expect(lines[0]).toBe('Smoke check of https://d111111abcdef8.cloudfront.net/ (API endpoint https://abc123.execute-api.eu-south-1.amazonaws.com/)');
    expect(asked).toContain('https://abc123.execute-api.eu-south-1.amazonaws.com/api/v1/share');
    expect(lines.at(-1)).toBe('8 of 8 checks FAILED: dashboard, dashboard script, config.json, OpenAPI document, API refuses a request without a token, origin check refuses a direct call to the API, security headers on the dashboard, security headers on an API answer');
  });

  it('refuses a command line without an address, or with one that is not http(s), with exit code 2', async () => {
    for (const argv of [[], ['--url', 'd111111abcdef8.cloudfront.net'], ['--url', 'ftp://example.org/'], ['--url', 'https://example.org/', 'extra'], ['--nope']]) {
      const { code, asked } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(asked).toEqual([]);
    }
  });
});
