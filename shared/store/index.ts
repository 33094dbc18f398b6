// The store: every repository over one table, built from one DocumentClient.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consortiumRepository } from './consortia';
import { Db } from './db';
import { deliverableRepository } from './deliverables';
import { funderRepository, memberRepository } from './directory';
import { auditStore } from './audit';
import { exportRepository } from './exports';
import { idempotencyRepository } from './idempotency';
import { notificationRepository } from './notifications';
import { peopleRepository } from './people';
import { projectRepository } from './projects';

export function createStore(client: DynamoDBDocumentClient, tableName: string) {
  const db = new Db(client, tableName);
  return {
    db,
    consortia: consortiumRepository(db),
    members: memberRepository(db),
    funders: funderRepository(db),
    projects: projectRepository(db),
    deliverables: deliverableRepository(db),
    idempotency: idempotencyRepository(db),
    people: peopleRepository(db),
    audit: auditStore(db),
    exports: exportRepository(db),
    notifications: notificationRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;
