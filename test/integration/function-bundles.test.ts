// The bundles `npm run build` makes, run as Lambda runs them: the api, the export worker, the jobs
// function and the sealer, each imported from dist and configured only by its environment, against
// DynamoDB Local, fauxqs (SQS and S3, in this process) and a recorder of SES v2 calls.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildFunctions, type BundleFigures } from '../../dev/build';
import { COORDINATOR, addDeliverable, addPerson, createFixture, createTestApi, seedConsortium, type Fixture, type TestApi } from '../support/api';
import { ORIGIN_HEADER } from '../../shared/api/origin-header';
import { sealerStore } from '../../shared/store/sealer';
import { httpApiEvent, sqsEvent } from '../support/lambda-events';
import { startSesRecorder } from '../support/ses-recorder';

const DASHBOARD = 'https://d111111abcdef8.cloudfront.net';
const BUCKET = 'rete-files-bundles';
/** What CloudFront adds to every request it forwards (ORIGIN_SECRETS holds it and the one it replaces). */
const ORIGIN_SECRET = 'bundles-origin-secret-0123456789abcdef';

type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type WorkerHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;
type JobsHandler = (event: unknown) => Promise<{ job: string; consortia: number; done: number; failed: unknown[] }>;
type SealerHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

let outRoot: string;
let bundles: BundleFigures[];
let api: TestApi;
let fixture: Fixture;
let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
let ses: Awaited<ReturnType<typeof startSesRecorder>>;
let sqs: SQSClient;
let queueUrl: string;
let handlers: { api: ApiHandler; worker: WorkerHandler; jobs: JobsHandler; sealer: SealerHandler };

const today = new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
/** A request as CloudFront forwards it: with the origin header. */
const throughCloudFront = (event: APIGatewayProxyEventV2) => ({ ...event, headers: { ...event.headers, [ORIGIN_HEADER.toLowerCase()]: ORIGIN_SECRET } });
const call = async (method: string, path: string, body?: unknown, as = COORDINATOR) => {
  const result = await handlers.api(throughCloudFront(httpApiEvent(method, path, body, await api.tokenFor(as))), {} as Context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
};
/** What waits in the export queue, taken off it. */
async function takeMessages(): Promise<Message[]> {
  const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  return received.Messages ?? [];
}

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'rete-bundles-'));
  bundles = await buildFunctions({ outRoot });

  // The data, written through the in-process app on the test table, at today's date.
  api = await createTestApi(new Date().toISOString());
  fixture = await createFixture(api);

  fauxqs = await startFauxqs({ port: 0, logger: false });
  fauxqs.createBucket(BUCKET);
  ({ queueUrl } = fauxqs.createQueue('rete-exports', { region: 'eu-south-1' }));
  ses = await startSesRecorder();
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  sqs = new SQSClient({ region: 'eu-south-1', endpoint: fauxqs.address, credentials });

  Object.assign(process.env, {
    TABLE_NAME: api.table.tableName,
    DYNAMODB_ENDPOINT: api.table.endpoint,
    AWS_REGION: 'eu-south-1',
    FILES_BUCKET: BUCKET,
    EXPORT_QUEUE_URL: queueUrl,
    MAIL_FROM: 'Rete <rete@example.org>',
    DASHBOARD_ORIGIN: DASHBOARD,
    MAIL_CONFIGURATION_SET: 'rete-bundles-mail',
    // What Lambda sets: the worker's metrics carry it as their dimension.
    AWS_LAMBDA_FUNCTION_NAME: 'rete-test-jobs-ExportWorker',
    AUTH_CLIENT_ID: api.issuer.clientId,
    AUTH_ISSUER: api.issuer.issuer,
    AUTH_JWKS: JSON.stringify(api.issuer.jwks),
    ORIGIN_SECRETS: `${ORIGIN_SECRET},bundles-previous-origin-secret-fedcba9876`,
    // The SDK's own way to point a service at another endpoint: no code in the bundles for tests.
    AWS_ENDPOINT_URL_SQS: fauxqs.address,
    AWS_ENDPOINT_URL_S3: fauxqs.address,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
  const load = async (name: string) => import(/* @vite-ignore */ pathToFileURL(join(outRoot, name, 'index.mjs')).href);
  handlers = {
    api: (await load('api')).handler,
    worker: (await load('export-worker')).handler,
    jobs: (await load('jobs')).handler,
    sealer: (await load('sealer')).handler,
  };
}, 120_000);

afterAll(async () => {
  sqs?.destroy();
  await fauxqs?.stop();
  await ses?.stop();
  await api?.table.drop();
  await rm(outRoot, { recursive: true, force: true });
});

describe('the bundles', () => {
  it('are one per function, with fonts beside the export worker only', async () => {
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(['api', 'export-worker', 'jobs', 'sealer']);
    for (const bundle of bundles) {
      expect(bundle.files[0]).toBe('index.mjs');
      expect(bundle.coldStartFiles).toBeLessThan(bundle.files.length);
      expect(bundle.coldStartBytes).toBeLessThanOrEqual(bundle.bytes);
      expect(bundle.gzipBytes).toBeLessThan(bundle.bytes);
    }
    expect(await readdir(join(outRoot, 'export-worker', 'fonts'))).toEqual(['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);
    expect(await readdir(join(outRoot, 'api'))).not.toContain('fonts');
  });

  it('keep the clients few requests use out of the API cold start, and the report builders out of the API', () => {
    const apiBundle = bundles.find((bundle) => bundle.name === 'api')!;
    const inputs = Object.keys(apiBundle.metafile.inputs);
    expect(inputs.filter((input) => /node_modules\/(exceljs|pdfkit)\//.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('shared/reports/'))).toEqual([]);
    const coldStartInputs = Object.entries(apiBundle.metafile.outputs)
      .filter(([file]) => apiBundle.files.slice(0, apiBundle.coldStartFiles).some((coldFile) => file.endsWith(`/${coldFile}`)))
      .flatMap(([, output]) => Object.keys(output.inputs));
    expect(coldStartInputs.filter((input) => /client-(s3|sqs|sesv2|cognito-identity-provider)\//.test(input))).toEqual([]);
    // zod's locales: English only.
    expect(inputs.filter((input) => input.startsWith('node_modules/zod/v4/locales/'))).toEqual(['node_modules/zod/v4/locales/en.js']);
  });
});

describe('the API bundle', () => {
  it("refuses a request without CloudFront's origin header with 403, before the route", async () => {
    const direct = await handlers.api(httpApiEvent('POST', '/api/v1/share', { token: 'x'.repeat(43) }), {} as Context);

    expect(direct.statusCode).toBe(403);
    expect(direct.headers?.['content-type']).toBe('application/problem+json');
    expect(direct.body).not.toContain(ORIGIN_SECRET);
  });

  it("answers bad input with the same problem document as the app run from source (zod's English messages)", async () => {
    const bad = { name: 42, sector: 'x'.repeat(500), orgId: 'not an org id', status: 'sleeping', extra: true };
    const bundled = await call('POST', `/api/v1/consortia/${fixture.project.consortiumId}/members`, bad);
    const fromSource = await api.call('POST', `/api/v1/consortia/${fixture.project.consortiumId}/members`, bad);

    expect(bundled.status).toBe(400);
    expect(bundled.body.errors.length).toBeGreaterThan(2);
    expect(bundled.body).toEqual(fromSource.body);
  });
});

describe('notifications from the API bundle', () => {
  it("mail the coordinators through SES when a member submits, linking to the dashboard's origin", async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Communication plan', dueDate: daysFromToday(10) });
    await addPerson(api, { id: 'carla', consortiumId: fixture.project.consortiumId, role: 'member', memberId: fixture.members[0].id });

    const submitted = await call('POST', `${fixture.projectPath}/deliverables/${deliverable.id}/submit`, { note: 'Done' }, 'carla');

    expect(submitted.status).toBe(200);
    const [mail] = ses.to(`${COORDINATOR}@example.org`);
    expect(mail?.Content.Simple.Body.Text.Data).toContain(`${DASHBOARD}/projects/${fixture.project.id}/deliverables/${deliverable.id}`);
  });
});

describe('an export, from the API bundle through the queue to the worker bundle', () => {
  let message: Message;
  let exportPath: string;

  it('is queued by the API as one SQS message', async () => {
    const asked = await call('POST', `${fixture.projectPath}/exports`, { formats: ['csv', 'pdf'], language: 'it' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'queued' });
    exportPath = `${fixture.projectPath}/exports/${asked.body.id}`;

    const messages = await takeMessages();
    expect(messages.map((received) => JSON.parse(received.Body!))).toEqual([
      { consortiumId: fixture.project.consortiumId, projectId: fixture.project.id, exportId: asked.body.id },
    ]);
    message = messages[0]!;
  });

  it('is built by the worker into the bucket, and downloadable through presigned links', async () => {
    expect(await handlers.worker(sqsEvent([message]))).toEqual({ batchItemFailures: [] });

    const read = await call('GET', exportPath);
    expect(read.body).toMatchObject({ status: 'done', progress: 100 });
    expect(read.body.files.map((file: { name: string }) => file.name).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/\.csv$/), expect.stringMatching(/\.pdf$/)]));
    const pdf = read.body.files.find((file: { contentType: string }) => file.contentType === 'application/pdf');
    const download = await fetch(pdf.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('is left alone when the same message comes again', async () => {
    const before = (await call('GET', exportPath)).body;
    expect(await handlers.worker(sqsEvent([message]))).toEqual({ batchItemFailures: [] });
    const after = (await call('GET', exportPath)).body;
    expect(after.version).toBe(before.version);
    expect(after.attempts).toBe(before.attempts);
  });

  it('returns only the failed messages of a batch to the queue', async () => {
    const result = await handlers.worker(
      sqsEvent([
        { MessageId: 'good', Body: message.Body },
        { MessageId: 'poison', Body: '{"consortiumId":"x"}' },
      ]),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
  });

  it('marks an export that cannot be built failed for good, signals it as ExportsFailed, and does not retry it', async () => {
    const now = new Date().toISOString();
    const ref = { consortiumId: 'vanished-coop', projectId: 'gone', exportId: 'e-cannot-build' };
    await api.store.exports.create(
      { id: ref.exportId, consortiumId: ref.consortiumId, projectId: ref.projectId, formats: ['csv'], language: 'en', status: 'queued', progress: 0, files: [], requestedBy: COORDINATOR, attempts: 0, version: 1, createdAt: now, updatedAt: now },
      { personId: COORDINATOR, at: now },
    );
    const body = JSON.stringify(ref);
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      // Failed for good: the message is not returned to the queue, and a second delivery changes nothing.
      expect(await handlers.worker(sqsEvent([{ MessageId: 'doomed', Body: body }]))).toEqual({ batchItemFailures: [] });
      expect(await handlers.worker(sqsEvent([{ MessageId: 'doomed-again', Body: body }]))).toEqual({ batchItemFailures: [] });
    } finally {
      stdout.mockRestore();
    }
    expect(await api.store.exports.get(ref.consortiumId, ref.projectId, ref.exportId)).toMatchObject({ status: 'failed', attempts: 1 });
    const metrics = written.filter((line) => line.startsWith('{') && line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(metrics).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [{ Namespace: 'Rete', Dimensions: [['FunctionName']], Metrics: [{ Name: 'ExportsFailed', Unit: 'Count' }] }] }),
        FunctionName: 'rete-test-jobs-ExportWorker',
        ExportsFailed: 1,
        exportId: ref.exportId,
      }),
    ]);
  });

  it('shares links that open on the dashboard, not on the API host', async () => {
    const shared = await call('POST', `${exportPath}/share-links`, { expiresInDays: 7 });
    expect(shared.status).toBe(201);
    expect(shared.body.url).toMatch(new RegExp(`^${DASHBOARD}/share#`));
  });
});

describe('the jobs bundle', () => {
  it('asks for the scheduled exports of every consortium, through the queue', async () => {
    const project = (await call('GET', fixture.projectPath)).body;
    const scheduled = await call('PATCH', fixture.projectPath, {
      version: project.version, reportingSchedule: { frequency: 'monthly', formats: ['json'], language: 'en' },
    });
    expect(scheduled.status).toBe(200);

    const report = await handlers.jobs({ job: 'reporting-schedules' });

    expect(report).toMatchObject({ job: 'reporting-schedules', consortia: 1, done: 1, failed: [] });
    const messages = await takeMessages();
    expect(messages.map((received) => JSON.parse(received.Body!).exportId)).toEqual([expect.stringMatching(/^s-\d{4}-\d{2}$/)]);
  });

  it('mails the weekly digest through SES to the people of every consortium, linking to the dashboard', async () => {
    await addDeliverable(api, fixture, { title: 'Late report', dueDate: daysFromToday(-3) });
    await addPerson(api, { id: 'bruna', consortiumId: fixture.project.consortiumId, role: 'member', memberId: fixture.members[0].id });
    await seedConsortium(api, 'other-coop');

    const report = await handlers.jobs({ job: 'weekly-digest' });

    // Bruna and Carla (who submitted above), both of the member that owes the late report.
    expect(report).toMatchObject({ job: 'weekly-digest', consortia: 2, done: 2, failed: [] });
    const [mail] = ses.to('bruna@example.org');
    expect(mail?.FromEmailAddress).toBe('Rete <rete@example.org>');
    expect(mail?.ConfigurationSetName).toBe('rete-bundles-mail');
    expect(mail?.Content.Simple.Body.Text.Data).toContain('Late report');
    expect(mail?.Content.Simple.Body.Text.Data).toContain(`${DASHBOARD}/members/${fixture.members[0].id}/deliverables`);
  });

  it('refuses an event that names no known job', async () => {
    await expect(handlers.jobs({ job: 'vacuum' })).rejects.toThrow(/Unknown job event/);
  });
});

describe('sealing, by the sealer bundle from the stream and by the jobs bundle as a sweep', () => {
  const pendingChains = () => sealerStore(api.store.db).pendingChains(fixture.project.consortiumId);
  /** An audited write through the API bundle: on AWS nothing seals in the request. */
  async function writeThroughApi(frequency: 'monthly' | 'quarterly') {
    const project = (await call('GET', fixture.projectPath)).body;
    const changed = await call('PATCH', fixture.projectPath, { version: project.version, reportingSchedule: { frequency, formats: ['json'], language: 'en' } });
    expect(changed.status).toBe(200);
  }
  /** The stream record of a new audit event of the project's chain, as Lambda hands it over. */
  const streamRecord = (sequence: string) => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: sequence,
      NewImage: { itemType: { S: 'AuditEvent' }, chainConsortiumId: { S: fixture.project.consortiumId }, chainProjectId: { S: fixture.project.id } },
    },
  });

  it("seals the chain a stream record names and writes its lag as Rete's SealingLag metric", async () => {
    await writeThroughApi('quarterly');
    expect(await pendingChains()).toContainEqual({ consortiumId: fixture.project.consortiumId, projectId: fixture.project.id });

    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    let result: DynamoDBBatchResponse;
    try {
      result = await handlers.sealer({ Records: [streamRecord('100')] } as DynamoDBStreamEvent);
    } finally {
      stdout.mockRestore();
    }

    expect(result).toEqual({ batchItemFailures: [] });
    expect(await pendingChains()).not.toContainEqual({ consortiumId: fixture.project.consortiumId, projectId: fixture.project.id });
    const metrics = written.filter((line) => line.startsWith('{') && line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(metrics).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [{ Namespace: 'Rete', Dimensions: [['FunctionName']], Metrics: [{ Name: 'SealingLag', Unit: 'Milliseconds' }] }] }),
        FunctionName: 'rete-test-jobs-ExportWorker',
        SealingLag: expect.arrayContaining([expect.any(Number)]),
      }),
    ]);
  });

  it('changes nothing when the same record comes again', async () => {
    expect(await handlers.sealer({ Records: [streamRecord('100')] } as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(await pendingChains()).not.toContainEqual({ consortiumId: fixture.project.consortiumId, projectId: fixture.project.id });
  });

  it('seals what no stream record named when the jobs bundle runs {"job":"seal-sweep"}', async () => {
    await writeThroughApi('monthly');
    expect(await pendingChains()).not.toEqual([]);

    const report = await handlers.jobs({ job: 'seal-sweep' });

    expect(report).toMatchObject({ job: 'seal-sweep', failed: [] });
    expect(report.done).toBeGreaterThanOrEqual(1);
    expect(await pendingChains()).toEqual([]);
  });
});
