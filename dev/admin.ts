// `npm run admin -- <command>`: what a new installation needs before anyone can sign in, against
// a deployed table and user pool: create a consortium, invite its first coordinator. Both writes
// go through the store's repositories, audited like the API's (the actor is `admin`).
import './quiet-sdk-warning';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { cognitoDirectory, localDirectory, type IdentityDirectory } from '../shared/auth/identities';
import { firstVersion } from '../shared/domain/common';
import { Consortium, Language } from '../shared/domain/consortium';
import { AppError, ValidationError } from '../shared/domain/errors';
import { Person } from '../shared/domain/person';
import { createDocumentClient } from '../shared/store/client';
import { inProcessSealing } from '../shared/jobs/sealing';
import { createStore, type Store } from '../shared/store';

/** Who the audit trail says acted. */
export const ADMIN_ACTOR = 'admin';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-consortium    Create a consortium (the tenant) in the table
      --table T            the DynamoDB table (the data stack's output)
      --id ID              lowercase letters, digits and dashes, e.g. pantacon
      --name NAME          the consortium's name
      --org-id ORG         its org-id.guide identifier, e.g. IT-CF-01234567890
      --time-zone TZ       where its due dates fall, e.g. Europe/Rome
      [--language it|en]   its language (default it)
      [--city CITY]

  invite-coordinator   Invite a consortium's coordinator: a Cognito user (Cognito mails the
                       temporary password) and their membership in the table
      --table T
      --user-pool POOL     the Cognito user pool id (the auth stack's output), or \`local\`
                           for no Cognito (DynamoDB Local: the development login signs in)
      --consortium ID
      --email E
      --name N
      --language it|en

Common options:
  [--region R]         the AWS region (default: AWS_REGION, else eu-south-1)
  [--endpoint URL]     a DynamoDB Local endpoint instead of AWS (tests, npm start's table)
  -h, --help           this text

AWS credentials come from the usual places (AWS_PROFILE, environment, SSO).`;

const OPTIONS = {
  table: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  'org-id': { type: 'string' },
  'time-zone': { type: 'string' },
  language: { type: 'string' },
  city: { type: 'string' },
  'user-pool': { type: 'string' },
  consortium: { type: 'string' },
  email: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = Partial<Record<Exclude<keyof typeof OPTIONS, 'help'>, string>>;

/** A mistake in the command line: said with the usage hint, exit code 2. */
class UsageError extends Error {}

/** The flag each entity field comes from, to name it in errors. */
const FLAG_OF: Record<string, string> = {
  id: '--id', name: '--name', orgId: '--org-id', timeZone: '--time-zone', language: '--language', city: '--city',
  email: '--email', consortiumId: '--consortium',
};

function required(flags: Flags, ...names: (keyof Flags)[]) {
  const missing = names.filter((name) => !flags[name]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((name) => `--${name}`).join(', ')}`);
}

function parsed<T>(schema: { parse(value: unknown): T }, value: unknown): T {
  try {
    return schema.parse(value);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    throw new UsageError(error.issues.map((issue) => `${FLAG_OF[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
}

function knownTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`--time-zone: ${timeZone} is not a time zone (use an IANA name such as Europe/Rome)`);
  }
}

async function createConsortium(store: Store, flags: Flags, now: string, print: (line: string) => void) {
  required(flags, 'id', 'name', 'org-id', 'time-zone');
  knownTimeZone(flags['time-zone']!);
  const consortium = parsed(Consortium, {
    id: flags.id, name: flags.name, orgId: flags['org-id'], timeZone: flags['time-zone'], language: flags.language ?? 'it',
    ...(flags.city ? { city: flags.city } : {}), ...firstVersion(now),
  });
  await store.consortia.create(consortium, { personId: ADMIN_ACTOR, at: now });
  print(`Created consortium ${consortium.id} (${consortium.name}, ${consortium.timeZone}, ${consortium.language}).`);
  print(`Next: npm run admin -- invite-coordinator --table ${flags.table} --consortium ${consortium.id} --user-pool <pool> --email … --name … --language ${consortium.language}`);
}

async function inviteCoordinator(store: Store, flags: Flags, now: string, region: string, print: (line: string) => void) {
  required(flags, 'user-pool', 'consortium', 'email', 'name', 'language');
  const language = parsed(Language, flags.language);
  const consortium = await store.consortia.get(flags.consortium!);
  if (!consortium) throw new UsageError(`--consortium: there is no consortium ${flags.consortium} in table ${flags.table} (create it first)`);
  // The fields are checked before anyone is created in Cognito.
  const draft = { consortiumId: consortium.id, email: flags.email, name: flags.name, language, role: 'coordinator' as const, ...firstVersion(now) };
  parsed(Person.omit({ id: true }), draft);
  const identities: IdentityDirectory =
    flags['user-pool'] === 'local' ? localDirectory(() => randomUUID()) : cognitoDirectory({ userPoolId: flags['user-pool']!, region });
  const { sub } = await identities.invite({ email: flags.email!, name: flags.name!, language });
  const person = parsed(Person, { id: sub, ...draft });
  await store.people.create(person, { personId: ADMIN_ACTOR, at: now });
  print(`Invited ${person.name} <${person.email}> as coordinator of ${consortium.id} (person id ${person.id}).`);
  if (flags['user-pool'] !== 'local') print('Cognito mails them a temporary password; they sign in on the dashboard and choose their own.');
}

/** Runs one admin command; answers the exit code (0 done, 1 failed, 2 bad command line). */
export async function admin(
  argv: string[],
  io: { print: (line: string) => void; error: (line: string) => void; now?: () => Date } = { print: console.log, error: console.error },
): Promise<number> {
  let values: Flags & { help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    (values.help ? io.print : io.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const region = values.region ?? process.env.AWS_REGION ?? 'eu-south-1';
  const client = createDocumentClient({ region, endpoint: values.endpoint });
  try {
    if (extra.length > 0) throw new UsageError(`Unexpected ${extra.join(' ')}`);
    if (command !== 'create-consortium' && command !== 'invite-coordinator') throw new UsageError(`Unknown command ${command}`);
    required(values, 'table');
    const store = createStore(client, values.table!);
    // The commands' audit events are sealed before the command ends, as the API's are locally.
    const sealing = inProcessSealing(store.db, { mode: 'inline' });
    const now = (io.now?.() ?? new Date()).toISOString();
    if (command === 'create-consortium') await createConsortium(store, values, now, io.print);
    else await inviteCoordinator(store, values, now, region, io.print);
    await sealing.flush();
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`${error.message}\n\nSee: npm run admin -- --help`);
      return 2;
    }
    io.error(describeFailure(error, values.table ?? '', region));
    return 1;
  } finally {
    client.destroy();
  }
}

/** A failure said for people: the application's errors by their message, AWS's by what to check. */
function describeFailure(error: unknown, table: string, region: string): string {
  if (error instanceof ValidationError) return `Refused: ${error.issues.map((issue) => `${FLAG_OF[issue.path] ?? issue.path} ${issue.message}`).join('; ')}`;
  if (error instanceof AppError) return `Refused: ${error.message}`;
  const { name, message } = (error ?? {}) as Error;
  if (name === 'ResourceNotFoundException') {
    // DynamoDB and Cognito both answer it: for a missing table, and for a missing user pool.
    return /user pool/i.test(message)
      ? `No such user pool in ${region}: check --user-pool and --region.`
      : `There is no table ${table} in ${region}: check --table and --region.`;
  }
  if (name === 'CredentialsProviderError') return 'No AWS credentials found: set AWS_PROFILE (or sign in with aws sso login) and try again.';
  if (name === 'AccessDeniedException' || name === 'NotAuthorizedException') return `Not allowed: ${message}`;
  return `Failed: ${message ?? String(error)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await admin(process.argv.slice(2));
}
