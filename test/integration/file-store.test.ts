// The file store's two implementations pass the same contract: disk (npm start) in a temporary
// folder, and S3 against fauxqs, an S3 emulator running in this process (it checks no signatures,
// so for S3 the links are checked for their shape; S3 itself enforces them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRoutes } from '../../dev/file-routes';
import { createDiskFileStore, type DiskFileStore } from '../../shared/files/disk-store';
import type { FileStore } from '../../shared/files/file-store';
import { exportFileKey } from '../../shared/files/layout';
import { createS3FileStore } from '../../shared/files/s3-store';
import { testClock } from '../support/api';

const clock = testClock('2026-11-23T09:00:00Z');
const text = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
};
const ids = { consortiumId: 'pantacon', projectId: 'cultnetwork', exportId: 'e1' };

let folder: string;
let disk: DiskFileStore;
let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
let s3Client: S3Client;
let s3: FileStore;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rete-files-'));
  disk = await createDiskFileStore({ root: folder, baseUrl: 'http://localhost:3999', clock });
  fauxqs = await startFauxqs({ port: 0, logger: false });
  fauxqs.createBucket('rete-files-test');
  s3Client = new S3Client({
    endpoint: fauxqs.address,
    region: 'eu-south-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  s3 = createS3FileStore({ client: s3Client, bucket: 'rete-files-test' });
});

afterAll(async () => {
  s3Client.destroy();
  await fauxqs.stop();
  await rm(folder, { recursive: true, force: true });
});

describe.each([
  ['on disk', () => disk],
  ['on S3', () => s3],
])('the file store %s', (_name, storeOf) => {
  it('puts a file from a stream, answering its size and SHA-256, and gets it back', async () => {
    const key = exportFileKey('unsubmitted', ids, 'progress.csv');
    const written = await storeOf().put(key, Readable.from(['Fase,Stato\n', 'Organizzazione,chiusa €\n']), 'text/csv');
    expect(written).toMatchObject({ key, size: Buffer.byteLength('Fase,Stato\nOrganizzazione,chiusa €\n'), contentType: 'text/csv' });
    expect(written.sha256).toMatch(/^[0-9a-f]{64}$/);
    const read = await storeOf().get(key);
    expect(await text(read.body)).toBe('Fase,Stato\nOrganizzazione,chiusa €\n');
    expect(read.contentType).toBe('text/csv');
  });

  it('lists by prefix, moves a file to the submitted prefix, and deletes', async () => {
    const from = exportFileKey('unsubmitted', { ...ids, exportId: 'e2' }, 'report.json');
    const to = exportFileKey('submitted', { ...ids, exportId: 'e2' }, 'report.json');
    await storeOf().put(from, Buffer.from('{"schemaVersion":1}'), 'application/json');
    const listed = [];
    for await (const file of storeOf().list('exports/unsubmitted/pantacon/cultnetwork/e2/')) listed.push(file.key);
    expect(listed).toEqual([from]);

    await storeOf().move(from, to);
    expect(await storeOf().head(from)).toBeUndefined();
    expect(await text((await storeOf().get(to)).body)).toBe('{"schemaVersion":1}');

    await storeOf().delete(to);
    expect(await storeOf().head(to)).toBeUndefined();
    await expect(storeOf().get(to)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses keys that could escape their folder, and links that would live too long', async () => {
    await expect(storeOf().put('../outside', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Unsafe/);
    await expect(storeOf().put('/absolute', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Unsafe/);
    await expect(storeOf().downloadLink('exports/x', { expiresInSeconds: 3600 })).rejects.toThrow(/seconds/);
  });

  it('hands out upload forms limited in size and type, expiring within minutes', async () => {
    const form = await storeOf().uploadForm('evidence/pantacon/cultnetwork/f1/foto.png', {
      maxBytes: 1000, contentType: 'image/png', expiresInSeconds: 300,
    });
    expect(form.maxBytes).toBe(1000);
    expect(form.fields['Content-Type']).toBe('image/png');
    expect(form.fields.key).toBe('evidence/pantacon/cultnetwork/f1/foto.png');
    expect(Date.parse(form.expiresAt)).toBeGreaterThan(Date.parse('2026-01-01'));
  });
});

describe('S3 links', () => {
  it('are presigned GETs that expire in the minutes asked, with the file name to save as', async () => {
    const link = new URL(await s3.downloadLink('exports/submitted/x/report.pdf', { expiresInSeconds: 300, filename: 'Relazione 2026.pdf' }));
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(link.searchParams.get('response-content-disposition')).toBe('attachment; filename="Relazione_2026.pdf"');
  });

  it('upload forms carry a policy with the size range and the content type', async () => {
    const form = await s3.uploadForm('evidence/a/b/c/doc.pdf', { maxBytes: 5_000_000, contentType: 'application/pdf', expiresInSeconds: 600 });
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 5_000_000]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    // S3 checks forms against the real time, so they are signed with it.
    expect(form.expiresAt).toBe(policy.expiration);
    expect(Math.abs(Date.parse(policy.expiration) - (Date.now() + 600_000))).toBeLessThan(5_000);
  });
});

describe('disk links, served by the local runtime', () => {
  const routes = () => fileRoutes(disk);
  const request = (url: string, init?: RequestInit) => routes().request(url.replace('http://localhost:3999/api/files', ''), init);

  it('download the file until they expire, and refuse a changed or expired link', async () => {
    const key = exportFileKey('unsubmitted', { ...ids, exportId: 'e3' }, 'summary.csv');
    await disk.put(key, Buffer.from('a,b\n'), 'text/csv');
    const link = await disk.downloadLink(key, { expiresInSeconds: 60, filename: 'summary.csv' });
    const ok = await request(link);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('a,b\n');
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="summary.csv"');

    expect((await request(link.replace('summary.csv&', 'other.csv&'))).status).toBe(403);
    clock.set('2026-11-23T09:02:00Z');
    const expired = await request(link);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
    clock.set('2026-11-23T09:00:00Z');
  });

  it('take an upload within the limits and refuse one too large or of another type', async () => {
    const form = await disk.uploadForm('evidence/pantacon/cultnetwork/f2/foto.png', {
      maxBytes: 10, contentType: 'image/png', expiresInSeconds: 300,
    });
    const post = (content: string, type: string) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
      body.append('file', new Blob([content], { type }), 'foto.png');
      return request(form.url, { method: 'POST', body });
    };
    expect((await post('12345678901', 'image/png')).status).toBe(413);
    expect((await post('123', 'text/html')).status).toBe(415);
    expect((await post('1234', 'image/png')).status).toBe(204);
    expect(await text((await disk.get('evidence/pantacon/cultnetwork/f2/foto.png')).body)).toBe('1234');

    const forged = new FormData();
    for (const [name, value] of Object.entries({ ...form.fields, maxBytes: '999999' })) forged.append(name, value);
    forged.append('file', new Blob(['x'], { type: 'image/png' }), 'foto.png');
    expect((await request(form.url, { method: 'POST', body: forged })).status).toBe(403);
  });
});
