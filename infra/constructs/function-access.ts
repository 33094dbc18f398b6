// What each function's code sends to the table and the files bucket, and so all its role may do.
// Read from the code: shared/store/db.ts is the only module that sends to DynamoDB, and
// shared/files/s3-store.ts the only one that calls S3. Change this table with the code it describes.
import { PREFIXES } from '../../shared/files/layout';

/** The names of the bundles in `dist/` (functions/<name>/handler.ts). */
export type FunctionName = 'api' | 'export-worker' | 'jobs' | 'sealer';

/**
 * DynamoDB actions. A transaction (TransactWriteItems) is authorized per item action: Put, Update,
 * Delete and ConditionCheck need PutItem, UpdateItem, DeleteItem and ConditionCheckItem. No Scan: no
 * request path or job uses one (backups do, from an administrator's credentials).
 */
export const TABLE_ACTIONS = {
  // Every repository: reads, audited transactions (with existence checks), idempotency keys released
  // with DeleteItem, notifications stored in batches.
  api: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
  ],
  // Exports: reads the export and the project's snapshot, and advances the export (a conditional
  // Update). Privacy requests (shared/jobs/privacy-job.ts): advances the request and adds to the erasure
  // register (BatchWriteItem); seals the consortium first (the sealer's code: BatchGetItem, PutItem,
  // UpdateItem, DeleteItem); deletes the person's membership in an audited transaction (DeleteItem, and
  // PutItem for its event) and their notifications and digest markers in batches; removes personal
  // values (audited Updates, or DeleteItem once none is left).
  'export-worker': [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  // Reads every consortium's projects, people and due deliverables; puts the week's digest markers and
  // the scheduled exports (with their audit events), and stores notifications in batches. The sweep
  // (`seal-sweep`) runs the sealer's code, so it needs what the sealer needs too.
  jobs: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  // shared/store/sealer.ts: queries a chain's pending events (GSI1), reads the chain's head and migration
  // marker (GetItem) and the deliverables of progress entries (BatchGetItem); seals in transactions that
  // put chain links and the head, delete the sealed events and update counters and deliverables; moves
  // an unreadable event aside (UpdateItem). Nothing else: no ConditionCheckItem, no batch writes.
  sealer: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const satisfies Record<FunctionName, readonly `dynamodb:${string}`[]>;

/** The object actions Rete calls, on current versions only: no *Version action, so every old version stays restorable. */
export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:AbortMultipartUpload';

export interface FileAccess {
  /**
   * s3:ListBucket on the bucket (true), or only for listings under these prefixes (an s3:prefix
   * condition): listing an upload's folder; it also makes HeadObject and GetObject answer 404 rather
   * than 403 for a missing key (under those prefixes: S3 checks the key as the listing's prefix), which
   * the store reads as "not there".
   */
  list: boolean | readonly string[];
  /** Each object action on the keys under these prefixes (shared/files/layout.ts). */
  objects: Partial<Record<ObjectAction, readonly string[]>>;
}

/**
 * Every file a person of a consortium may be given a link to: not the erasure register's copy, which
 * only the export worker reads (and an administrator's restore).
 */
const DOWNLOADABLE = [PREFIXES.unsubmittedExports, PREFIXES.submittedExports, PREFIXES.evidence, PREFIXES.documents, PREFIXES.personalData];

export const FILE_ACCESS = {
  api: {
    list: true,
    objects: {
      // Download links (a privacy request's JSON file too), checking that an upload arrived, and the
      // copy's source when an export is submitted.
      's3:GetObject': DOWNLOADABLE,
      // Upload forms (evidence, cost documents) and the copy's destination when an export is submitted.
      's3:PutObject': [PREFIXES.evidence, PREFIXES.documents, PREFIXES.submittedExports],
      // Deleting an unsubmitted export, and the move's second half on submission. Evidence, cost
      // documents and submitted exports are records: the API never deletes them. A person's exported
      // data goes by the lifecycle rule (infra/data-stack.ts).
      's3:DeleteObject': [PREFIXES.unsubmittedExports],
    },
  },
  'export-worker': {
    // Lists the erasure register's copy, and looks up one entry of it before writing it (a missing
    // entry must answer 404).
    list: [PREFIXES.erasures],
    objects: {
      // Writes the snapshot and the export's files (multipart for large ones, aborted on failure) and
      // reads the snapshot back to build each format; writes a person's data as one JSON file (multipart
      // too when large); writes and reads back the erasure register's entries.
      's3:GetObject': [PREFIXES.unsubmittedExports, PREFIXES.personalData, PREFIXES.erasures],
      's3:PutObject': [PREFIXES.unsubmittedExports, PREFIXES.personalData, PREFIXES.erasures],
      's3:AbortMultipartUpload': [PREFIXES.unsubmittedExports, PREFIXES.personalData],
      // No DeleteObject anywhere: the erasure register's entries must outlive every restore, and a
      // person's exported data goes by the lifecycle rule.
    },
  },
} as const satisfies Partial<Record<FunctionName, FileAccess>>;
