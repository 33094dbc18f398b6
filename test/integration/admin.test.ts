// `npm run admin`: a new installation's first consortium and coordinator, against DynamoDB Local
// (--endpoint) with the local identity directory (--user-pool local) in place of Cognito.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, admin } from '../../dev/admin';
import { createTestTable } from '../support/table';

let table: Awaited<ReturnType<typeof createTestTable>>;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table.drop());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await admin([...argv, '--table', table.tableName, '--endpoint', table.endpoint], {
    print: (line) => out.push(line),
    error: (line) => err.push(line),
    now: () => new Date('2026-11-23T09:00:00Z'),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const createArgs = ['create-consortium', '--id', 'mantova-coop', '--name', 'Consorzio Mantova', '--org-id', 'IT-CF-01234567890', '--time-zone', 'Europe/Rome'];
const inviteArgs = ['invite-coordinator', '--user-pool', 'local', '--consortium', 'mantova-coop', '--email', 'giulia@example.org', '--name', 'Giulia Rossi', '--language', 'it'];

describe('npm run admin -- create-consortium', () => {
  it('creates the consortium, lists it in the registry and starts its audit chain', async () => {
    const result = await run(...createArgs);

    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Created consortium mantova-coop');
    expect(await table.store.consortia.get('mantova-coop')).toMatchObject({
      id: 'mantova-coop', name: 'Consorzio Mantova', orgId: 'IT-CF-01234567890', timeZone: 'Europe/Rome', language: 'it', version: 1,
    });
    expect((await table.store.consortia.list({ limit: 10 })).items.map((item) => item.id)).toEqual(['mantova-coop']);
    const { items } = await table.store.audit.list({ consortiumId: 'mantova-coop' }, { limit: 5 });
    expect(items).toEqual([expect.objectContaining({ actor: ADMIN_ACTOR, entity: 'consortium', action: 'create' })]);
  });

  it('refuses to create the same consortium twice', async () => {
    const result = await run(...createArgs);
    expect(result.code).toBe(1);
    expect(result.err).toBe('Refused: A consortium mantova-coop exists already');
  });

  it('names the flags that are missing or wrong, and writes nothing', async () => {
    const missing = await run('create-consortium', '--id', 'other');
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('Missing --name, --org-id, --time-zone') });

    const wrong = await run('create-consortium', '--id', 'Not A Slug', '--name', 'X', '--org-id', 'nonsense', '--time-zone', 'Europe/Rome');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^--id: .*\n--org-id: /);

    const zone = await run('create-consortium', '--id', 'other', '--name', 'X', '--org-id', 'IT-CF-01234567890', '--time-zone', 'Europe/Atlantis');
    expect(zone).toMatchObject({ code: 2, err: expect.stringContaining('--time-zone: Europe/Atlantis is not a time zone') });
    expect(await table.store.consortia.get('other')).toBeUndefined();
  });
});

describe('npm run admin -- invite-coordinator', () => {
  it("creates the person's identity and their coordinator membership, audited", async () => {
    const result = await run(...inviteArgs);

    expect(result).toMatchObject({ code: 0, err: '' });
    const people = await table.store.people.all('mantova-coop');
    expect(people).toEqual([
      expect.objectContaining({ consortiumId: 'mantova-coop', email: 'giulia@example.org', name: 'Giulia Rossi', language: 'it', role: 'coordinator' }),
    ]);
    expect(result.out).toContain(`person id ${people[0]!.id}`);
    const { items } = await table.store.audit.list({ consortiumId: 'mantova-coop' }, { limit: 5 });
    expect(items[0]).toMatchObject({ actor: ADMIN_ACTOR, entity: 'person', entityId: people[0]!.id, action: 'invite' });
  });

  it('refuses a consortium that does not exist, and a bad language, before creating anyone', async () => {
    const unknown = await run(...inviteArgs.map((arg) => (arg === 'mantova-coop' ? 'nowhere' : arg)));
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('--consortium: there is no consortium nowhere') });

    const language = await run(...inviteArgs.map((arg) => (arg === 'it' ? 'fr' : arg)));
    expect(language).toMatchObject({ code: 2, err: expect.stringContaining('Invalid option: expected one of "it"|"en"') });
    expect(await table.store.people.all('mantova-coop')).toHaveLength(1);
  });

  it('says when the table does not exist', async () => {
    const out: string[] = [];
    const code = await admin([...inviteArgs, '--table', 'no-such-table', '--endpoint', table.endpoint], { print: () => {}, error: (line) => out.push(line) });
    expect(code).toBe(1);
    expect(out.join('\n')).toBe('There is no table no-such-table in eu-south-1: check --table and --region.');
  });
});

describe('the admin command line', () => {
  it('prints its usage with --help, and refuses an unknown command or flag with exit code 2', async () => {
    const exec = promisify(execFile);
    const help = await exec(process.execPath, ['--import', 'tsx', 'dev/admin.ts', '--help']);
    expect(help.stdout).toContain('create-consortium');
    expect(help.stdout).toContain('invite-coordinator');

    await expect(exec(process.execPath, ['--import', 'tsx', 'dev/admin.ts', 'drop-everything', '--table', 't'])).rejects.toMatchObject({
      code: 2, stderr: expect.stringContaining('Unknown command drop-everything'),
    });
    expect(await run('create-consortium', '--colour', 'red')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--colour'") });
  });
});
