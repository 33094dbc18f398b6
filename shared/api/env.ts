// What every route gets: the injected dependencies and the per-request context.
import type { IdentityDirectory } from '../auth/identities';
import type { Identity, TokenVerifier } from '../auth/verifier';
import type { Clock } from '../domain/clock';
import type { BudgetLine } from '../domain/budget';
import type { Consortium } from '../domain/consortium';
import type { Cost } from '../domain/cost';
import type { Access } from '../domain/person';
import type { ProjectReach } from '../domain/visibility';
import type { FileStore } from '../files/file-store';
import type { ExportQueue } from '../jobs/export-queue';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { RequestLogOptions } from './request-log';

export interface AppDeps {
  store: Store;
  clock: Clock;
  newId: () => string;
  verifier: TokenVerifier;
  identities: IdentityDirectory;
  files: FileStore;
  exportQueue: ExportQueue;
  /** Sends the notifications' mails: SES on AWS, an outbox locally and in tests. */
  mailer: Mailer;
  /**
   * The dashboard's origin, for links in mails and share links (on AWS, the CloudFront domain:
   * the API sees the HTTP API's own host). Absent locally, where the request's origin is it.
   */
  dashboardOrigin?: string;
  /**
   * On AWS: the values of CloudFront's origin header that the API accepts (two while one replaces the
   * other); any other request answers 403. Absent or empty locally and in tests: no check.
   */
  originSecrets?: readonly string[];
  /** One JSON line with the route's metrics per request (on AWS); absent locally and in tests: nothing is logged. */
  requestLog?: RequestLogOptions;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who the bearer token says is calling. */
    identity: Identity;
    /** Their membership of the consortium in the path: the only source of their role. */
    access: Access;
    consortium: Consortium;
    /** On project routes: who reaches the project (its funder and partners), for handlers that narrow. */
    projectReach: ProjectReach;
    /** The cost or budget line a policy rule read for this request (member and funder callers): the handler uses it rather than read it again. */
    checkedCost?: Cost;
    checkedLine?: BudgetLine;
    /** The route a group's app chose (route-groups.ts), as registered: for the request log. */
    route?: string;
  };
}
