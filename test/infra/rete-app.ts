// The whole CDK app as `npm run synth` builds it, for template tests: stand-in bundles in a temporary
// folder (the tests check templates, not code) and the context of cdk.json. Synthesized once per file.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRete, type ReteSettings } from '../../infra/rete';

const root = join(import.meta.dirname, '..', '..');

/** One stand-in file per bundle, as `npm run build` lays them out in dist/. */
function standInBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rete-build-'));
  for (const name of ['api', 'export-worker', 'jobs', 'sealer']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.mjs'), `export const handler = async () => '${name}';\n`);
  }
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>Rete</title>\n');
  return dir;
}

/** An app with cdk.json's context (feature flags), as the CLI makes it, writing to a temporary folder. */
export function cdkApp(): App {
  const { context } = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return new App({ context, outdir: mkdtempSync(join(tmpdir(), 'rete-cdk-out-')) });
}

/** The SSM parameter every non-development stage names (its value never enters a template). */
export const ORIGIN_SECRETS_PARAMETER = '/rete/test/origin-secrets';

export function synthRete(settings: Partial<ReteSettings> = {}) {
  const app = cdkApp();
  const stacks = addRete(app, {
    stage: 'test',
    // No account, as `npm run synth` offline: the templates stay environment-agnostic.
    account: undefined,
    region: 'eu-south-1',
    buildDir: standInBuild(),
    mailFrom: 'Rete <rete@example.org>',
    alarmEmail: 'ops@example.org',
    originSecretsParameter: ORIGIN_SECRETS_PARAMETER,
    ...settings,
  });
  const assembly = app.synth();
  const templates = Object.fromEntries(
    Object.entries(stacks).map(([concern, stack]) => [concern, Template.fromJSON(assembly.getStackByName(stack.stackName).template)]),
  ) as Record<keyof typeof stacks, Template>;
  return { app, assembly, stacks, templates };
}
