// The CDK app's entry refuses bad context values with a message naming each one, before building
// anything (the CLI hands context over in CDK_CONTEXT_JSON).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

async function synthWith(context: Record<string, string>) {
  try {
    await run(process.execPath, ['--import', 'tsx', join(root, 'infra', 'app.ts')], {
      cwd: root,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'rete-cdk-out-')) },
    });
    return '';
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
}

describe('CDK app settings', () => {
  it('names every bad context value', async () => {
    const stderr = await synthWith({ stage: 'Prod Stage', region: 'milan', mailFrom: 'not-an-address', alarmEmail: 'ops' });
    expect(stderr).toContain('Invalid CDK settings');
    for (const name of ['stage', 'region', 'mailFrom', 'alarmEmail']) expect(stderr).toContain(`${name}:`);
  });

  it('refuses a mail identity that is neither a domain, an address nor an SES ARN', async () => {
    const stderr = await synthWith({ mailIdentity: 'arn:aws:s3:::bucket' });
    expect(stderr).toContain('mailIdentity: a domain, an address or an SES identity ARN');
  });
});
