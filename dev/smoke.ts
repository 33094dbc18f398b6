// `npm run smoke -- --url <DashboardUrl>`: after a deploy (or against `npm start`), checks that the
// installation answers as it should: the dashboard, config.json, the OpenAPI document, a refusal
// without a token, the origin check and the security headers. The checks are in smoke-checks.ts.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHECKS, resultLine, runChecks, type Target } from './smoke-checks';

const USAGE = `Usage: npm run smoke -- --url <DashboardUrl> [options]

Checks a deployed installation (or npm start's, --url http://localhost:3000/): prints one line per
check (passed, FAILED: why, or not applicable: why) and exits 1 if any check failed.

Options:
  --url URL              the dashboard's address: the web stack's DashboardUrl output
  [--api-endpoint URL]   the HTTP API's own endpoint (https://<id>.execute-api.<region>.amazonaws.com),
                         to check that calls bypassing CloudFront are refused; without it that
                         check is not applicable
  [--outputs-file FILE]  the stack outputs written by cdk deploy --outputs-file: DashboardUrl (when
                         --url is not given) and ApiEndpoint (when --api-endpoint is not given)
  -h, --help             this text

Checks: ${CHECKS.map((check) => check.name).join('; ')}.`;

const OPTIONS = {
  url: { type: 'string' },
  'api-endpoint': { type: 'string' },
  'outputs-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

/** The one value of an output found in any stack of a cdk outputs file, if any. */
function outputOf(outputs: Record<string, Record<string, unknown>>, name: string): string | undefined {
  const values = new Set(Object.values(outputs).map((stack) => stack?.[name]).filter((value): value is string => typeof value === 'string'));
  if (values.size > 1) throw new UsageError(`The outputs file has ${values.size} different ${name} outputs (several stages?): give --url and --api-endpoint`);
  return [...values][0];
}

async function readOutputs(file: string): Promise<Record<string, Record<string, unknown>>> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--outputs-file: cannot read ${file} as JSON (${(error as Error).message})`);
  }
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: ${value} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${flag}: ${value} is not an http(s) address`);
  return url.href;
}

async function targetOf(values: { url?: string; 'api-endpoint'?: string; 'outputs-file'?: string }): Promise<Target> {
  const outputs = values['outputs-file'] ? await readOutputs(values['outputs-file']) : {};
  const url = values.url ?? outputOf(outputs, 'DashboardUrl');
  if (!url) throw new UsageError(values['outputs-file'] ? `Missing --url (no DashboardUrl in ${values['outputs-file']})` : 'Missing --url');
  const apiEndpoint = values['api-endpoint'] ?? outputOf(outputs, 'ApiEndpoint');
  return { url: httpUrl('--url', url), ...(apiEndpoint ? { apiEndpoint: httpUrl('--api-endpoint', apiEndpoint) } : {}) };
}

/** Runs the smoke check; answers the exit code (0 nothing failed, 1 a check failed, 2 bad command line). */
export async function smoke(
  argv: string[],
  io: { print: (line: string) => void; error: (line: string) => void; fetch?: typeof fetch } = { print: console.log, error: console.error },
): Promise<number> {
  let target: Target;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      io.print(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected ${positionals.join(' ')}`);
    target = await targetOf(values);
  } catch (error) {
    io.error(`${(error as Error).message}\n\nSee: npm run smoke -- --help`);
    return 2;
  }
  io.print(`Smoke check of ${target.url}${target.apiEndpoint ? ` (API endpoint ${target.apiEndpoint})` : ''}`);
  const results = await runChecks(target, io.fetch ?? fetch);
  for (const result of results) io.print(resultLine(result));
  const failedChecks = results.filter((result) => result.verdict.outcome === 'failed').map((result) => result.check);
  if (failedChecks.length === 0) {
    io.print(`No check failed (${results.filter((result) => result.verdict.outcome === 'passed').length} of ${results.length} passed).`);
    return 0;
  }
  io.error(`${failedChecks.length} of ${results.length} checks FAILED: ${failedChecks.join(', ')}`);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await smoke(process.argv.slice(2));
}
