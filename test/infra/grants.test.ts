// Each function's role allows what its code calls and nothing more (the table in
// infra/constructs/function-access.ts, written out here again so that a change to it is a change
// to a test too), no policy anywhere may delete an old version of a file or an entry of the erasure
// register, and only the export worker may delete a sign-in identity.
import { beforeAll, describe, expect, it } from 'vitest';
import { PREFIXES } from '../../shared/files/layout';
import { allowStatements, covers, isJobs, isSealer, isWorker, roleStatements } from './policies';
import { synthRete } from './rete-app';

let templates: ReturnType<typeof synthRete>['templates'];

beforeAll(() => {
  templates = synthRete().templates;
});

const api = () => roleStatements(templates.api, () => true);
const worker = () => roleStatements(templates.jobs, isWorker);
const jobs = () => roleStatements(templates.jobs, isJobs);
const sealer = () => roleStatements(templates.jobs, isSealer);

/** The role's actions of one service, sorted. */
const actionsIn = (statements: ReturnType<typeof api>, service: string) =>
  [...new Set(statements.flatMap((statement) => statement.actions).filter((action) => action.startsWith(`${service}:`)))].sort();

/** What a resource of the files bucket names: '' for the bucket, the key pattern (`evidence/*`) for objects. */
function filesResource(resource: unknown): string {
  const text = JSON.stringify(resource);
  expect(text, 'a files bucket resource').toMatch(/ExportsOutputFnGetAttFiles/);
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return '';
  const tail = join[1].at(-1);
  expect(typeof tail).toBe('string');
  return (tail as string).replace(/^\//, '');
}

/** The logical id of the files bucket (the versioned one of the data stack). */
const filesBucketId = () => Object.entries(templates.data.findResources('AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.VersioningConfiguration)![0];

/** The logical id of the user pool (the auth stack's one). */
const userPoolId = () => Object.keys(templates.auth.findResources('AWS::Cognito::UserPool'))[0]!;

/** The files bucket's objects matching `pattern`, as another stack's policy names them. */
const filesObjects = (pattern: string) => ({ 'Fn::Join': ['', [{ 'Fn::ImportValue': `rete-test-data:ExportsOutputFnGetAtt${filesBucketId()}Arn` }, `/${pattern}`]] });

/** Whether a policy's resource reaches the files bucket's object `key` (the resource `*` reaches everything). */
function reachesFilesKey(resource: unknown, key: string): boolean {
  if (resource === '*') return true;
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join || !JSON.stringify(resource).includes(filesBucketId())) return false;
  const tail = join[1].at(-1);
  return typeof tail === 'string' && covers(tail.replace(/^\//, ''), key);
}

/** For each S3 action of the role, the files bucket resources it reaches, sorted. */
function s3Access(statements: ReturnType<typeof api>): Record<string, string[]> {
  const access: Record<string, Set<string>> = {};
  for (const statement of statements) {
    for (const action of statement.actions.filter((candidate) => candidate.startsWith('s3:'))) {
      for (const resource of statement.resources) (access[action] ??= new Set()).add(filesResource(resource));
    }
  }
  return Object.fromEntries(Object.entries(access).map(([action, targets]) => [action, [...targets].sort()]));
}

describe('DynamoDB', () => {
  /** A job that writes and seals: reads (and sealing's batch reads), puts, updates, deletes, batch writes; no ConditionCheckItem, no Scan. */
  const WRITES_AND_SEALS = [
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ];

  it('lets the api read, write in transactions, check, delete (idempotency keys, unsubmitted exports) and batch-store notifications', () => {
    expect(actionsIn(api(), 'dynamodb')).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it('lets the export worker read, advance exports and privacy requests, seal the consortium, and erase a person (deletes, batch writes, audited transactions), but not check or scan', () => {
    expect(actionsIn(worker(), 'dynamodb')).toEqual(WRITES_AND_SEALS);
  });

  it('lets the scheduled jobs read, put digest markers and scheduled exports, batch-store notifications, and seal (the sweep)', () => {
    expect(actionsIn(jobs(), 'dynamodb')).toEqual(WRITES_AND_SEALS);
  });

  it("lets the sealer read pending events, heads and deliverables, and seal in transactions (put links and heads, delete events, update counters), and read the table's stream", () => {
    expect(actionsIn(sealer(), 'dynamodb')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeStream',
      'dynamodb:GetItem',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it("grants the sealer's stream actions on the table's stream only", () => {
    const streaming = sealer().filter((statement) => statement.actions.some((action) => /^dynamodb:(\w*Stream\w*|GetRecords|GetShardIterator)$/.test(action)));
    expect(streaming.length).toBeGreaterThan(0);
    for (const statement of streaming) {
      expect(statement.actions.every((action) => ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'].includes(action))).toBe(true);
      expect(statement.resources.length).toBe(1);
      expect(JSON.stringify(statement.resources)).toMatch(/ExportsOutputFnGetAttTable\w*StreamArn/);
    }
  });

  it('grants them on the table and its indexes only', () => {
    const withoutStream = (statements: ReturnType<typeof api>) => statements.filter((statement) => !JSON.stringify(statement.resources).includes('StreamArn'));
    for (const statements of [api(), worker(), jobs(), withoutStream(sealer())]) {
      for (const statement of statements.filter((candidate) => candidate.actions.some((action) => action.startsWith('dynamodb:')))) {
        expect(statement.resources).toHaveLength(2);
        expect(JSON.stringify(statement.resources)).toMatch(/ExportsOutputFnGetAttTable.*\/index\/\*/);
      }
    }
  });
});

describe('the files bucket', () => {
  const DOWNLOADABLE = ['documents/*', 'evidence/*', 'exports/submitted/*', 'exports/unsubmitted/*', 'privacy/exports/*'];

  it("lets the api read every file but the erasure register (a person's exported data too, for its download link), write uploads and submitted exports, and delete only unsubmitted exports", () => {
    expect(s3Access(api())).toEqual({
      's3:ListBucket': [''],
      's3:GetObject': DOWNLOADABLE,
      's3:PutObject': ['documents/*', 'evidence/*', 'exports/submitted/*'],
      's3:DeleteObject': ['exports/unsubmitted/*'],
    });
  });

  it("lets the export worker write and read back unsubmitted exports, a person's exported data and the erasure register's entries, and delete nothing", () => {
    expect(s3Access(worker())).toEqual({
      's3:ListBucket': [''],
      's3:GetObject': ['exports/unsubmitted/*', 'privacy/erasures/*', 'privacy/exports/*'],
      's3:PutObject': ['exports/unsubmitted/*', 'privacy/erasures/*', 'privacy/exports/*'],
      's3:AbortMultipartUpload': ['exports/unsubmitted/*', 'privacy/exports/*'],
    });
  });

  it('lets the export worker list the erasure register only (an s3:prefix condition)', () => {
    const listing = worker().filter((statement) => statement.actions.some((action) => covers(action, 's3:ListBucket')));
    expect(listing).toHaveLength(1);
    expect(listing[0]!.actions).toEqual(['s3:ListBucket']);
    expect(listing[0]!.condition).toEqual({ StringLike: { 's3:prefix': [`${PREFIXES.erasures}*`] } });
  });

  it('lets no policy delete an entry of the erasure register, nor any version of one', () => {
    const entry = `${PREFIXES.erasures}consortium-1/erasure-1.json`;
    const deleting = allowStatements(templates).filter((statement) => statement.actions.some((action) => covers(action, 's3:DeleteObject') || covers(action, 's3:DeleteObjectVersion')));
    // There are some (the api's on unsubmitted exports, CDK's helpers on the dashboard bucket): the check reads them.
    expect(deleting.length).toBeGreaterThan(0);
    for (const statement of deleting) {
      for (const resource of statement.resources) expect(reachesFilesKey(resource, entry), `${statement.where} ${JSON.stringify(resource)}`).toBe(false);
    }
    expect(reachesFilesKey(filesObjects('privacy/*'), entry)).toBe(true);
    expect(reachesFilesKey(filesObjects('*'), entry)).toBe(true);
    expect(reachesFilesKey(filesObjects('exports/unsubmitted/*'), entry)).toBe(false);
  });

  it('gives the scheduled jobs no file at all', () => {
    expect(actionsIn(jobs(), 's3')).toEqual([]);
  });

  it('gives the sealer no file at all', () => {
    expect(actionsIn(sealer(), 's3')).toEqual([]);
  });

  it('keeps every version: the bucket is versioned and no policy may delete a version of a file', () => {
    const files = Object.values(templates.data.findResources('AWS::S3::Bucket')).find((bucket) => bucket.Properties.VersioningConfiguration);
    expect(files?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });

    const deleting = allowStatements(templates).filter((statement) => statement.actions.some((action) => covers(action, 's3:DeleteObjectVersion')));
    // Only CDK's deploy-time helpers of the dashboard bucket (rebuilt on every deploy, not versioned) may.
    for (const statement of deleting) {
      expect(JSON.stringify(statement.resources), statement.where).not.toMatch(/Files|AccessLogs|Logs[0-9A-F]{8}/);
      expect(JSON.stringify(statement.resources), statement.where).toMatch(/"Dashboard[0-9A-F]{8}"/);
    }
    const dashboard = Object.entries(templates.web.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('Dashboard'))![1];
    expect(dashboard.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('never names s3:DeleteObjectVersion, nor an s3 action group that covers it, in a function role', () => {
    for (const statements of [api(), worker(), jobs(), sealer()]) {
      for (const statement of statements) {
        expect(statement.actions.filter((action) => covers(action, 's3:DeleteObjectVersion')), statement.where).toEqual([]);
        expect(statement.actions.filter((action) => /^s3:.*Version/.test(action)), statement.where).toEqual([]);
      }
    }
  });
});

describe('the user pool', () => {
  it("lets the export worker delete a person's sign-in identity (AdminDeleteUser) on the auth stack's pool only, and nothing else of Cognito", () => {
    const cognito = worker().filter((statement) => statement.actions.some((action) => action.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect(cognito[0]!.actions).toEqual(['cognito-idp:AdminDeleteUser']);
    expect(cognito[0]!.resources).toEqual([{ 'Fn::ImportValue': expect.stringMatching(new RegExp(`^rete-test-auth:ExportsOutputFnGetAtt${userPoolId()}Arn`)) }]);
  });

  it('lets no other role delete a sign-in identity', () => {
    const deleting = allowStatements(templates).filter((statement) => statement.actions.some((action) => covers(action, 'cognito-idp:AdminDeleteUser')));
    expect(deleting.map((statement) => statement.where)).toEqual([expect.stringMatching(/^jobs\/ExportWorker/)]);
  });
});

describe('the sealer', () => {
  it('touches nothing but the table, its stream and its own dead-letter queue: no file, mail, identity or other queue', () => {
    const services = new Set(sealer().flatMap((statement) => statement.actions.map((action) => action.split(':')[0])));
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'sqs']);
  });

  it("may only send to its dead-letter queue (the stream mapping's on-failure destination)", () => {
    const queueing = sealer().filter((statement) => statement.actions.some((action) => action.startsWith('sqs:')));
    expect([...new Set(queueing.flatMap((statement) => statement.actions))].sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    for (const statement of queueing) expect(JSON.stringify(statement.resources)).toMatch(/^\[\{"Fn::GetAtt":\["SealerDeadLetters[0-9A-F]{8}","Arn"\]\}\]$/);
  });
});

describe('the checker of these tests', () => {
  it('reads IAM wildcards as IAM does', () => {
    expect(covers('s3:DeleteObject*', 's3:DeleteObjectVersion')).toBe(true);
    expect(covers('s3:*', 's3:DeleteObjectVersion')).toBe(true);
    expect(covers('*', 's3:DeleteObjectVersion')).toBe(true);
    expect(covers('s3:DeleteObject', 's3:DeleteObjectVersion')).toBe(false);
  });
});
