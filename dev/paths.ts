// Where the local runtime keeps things: the project root and its data folder.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Absolute on purpose: DynamoDB Local runs inside node_modules, which `npm ci` wipes. */
export const dataDir = resolve(process.env.RETE_DATA_DIR ?? join(projectRoot, '.data'));

export const LOCAL_TABLE = process.env.TABLE_NAME ?? 'rete';
