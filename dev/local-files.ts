// The file store the command-line tools work on: `npm start`'s folder under .data/files/, or with
// `--aws` the deployed bucket named by FILES_BUCKET.
import { join } from 'node:path';
import { systemClock } from '../shared/api/system';
import { createDiskFileStore } from '../shared/files/disk-store';
import type { FileStore } from '../shared/files/file-store';
import { createS3FileStore } from '../shared/files/s3-store';
import { dataDir } from './paths';

export async function openFiles(options: { aws: boolean }): Promise<FileStore> {
  if (!options.aws) return createDiskFileStore({ root: join(dataDir, 'files'), baseUrl: 'http://localhost', clock: systemClock });
  const bucket = process.env.FILES_BUCKET;
  if (!bucket) throw new Error('Set FILES_BUCKET to the deployed files bucket (it holds the erasure register)');
  return createS3FileStore({ client: { region: process.env.AWS_REGION ?? 'eu-south-1' }, bucket });
}
