// Work that runs outside a request: the export worker fed by an SQS queue (exports, and privacy
// requests: a person's data, an erasure), the sealer fed by the table's stream (new audit events
// linked into their chains, their counters applied), and the scheduled jobs (reporting schedules and
// weekly digests every hour, the sealing sweep every five minutes) that EventBridge Scheduler starts.
// Every path that can fail ends in a dead-letter queue the alarms watch. Mail leaves through the auth
// stack's SES identity.
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ReteFunction, type MailBinding } from './constructs/rete-function';

export interface JobsStackProps extends StackProps {
  table: ITableV2;
  filesBucket: IBucket;
  /** The people's sign-in identities: an erasure removes one once its person belongs to no consortium. */
  userPool: IUserPool;
  bundlesDir: string;
  /** How the digests and reporting mails go out. */
  mail: MailBinding;
  /** https://<distribution domain>, for the links in mails. */
  dashboardOrigin: string;
}

/**
 * The jobs the scheduled function runs (functions/jobs), each at its rate: the reporting schedules and
 * digests every hour (the job decides what is due); the sealing sweep every five minutes, so that an
 * event the stream gave up on waits minutes, not an hour, for its chain and counters.
 */
export const SCHEDULED_JOBS = {
  'reporting-schedules': Duration.hours(1),
  'weekly-digest': Duration.hours(1),
  'seal-sweep': Duration.minutes(5),
} as const satisfies Record<string, Duration>;

/**
 * How the sealer reads the stream. One batch per shard at a time (parallelization factor 1): a shard's
 * records are handled in order, a failed one is retried before the shard moves on, and runs of one
 * shard never race each other for a chain (runs of different shards may: the sealer's transactions are
 * conditional on the chain's head). No batching window, since waiting for a fuller batch only adds lag:
 * Lambda polls each shard about four times a second and hands over what is there, up to the batch size,
 * and one run seals each chain a batch names however many of its events the batch holds. A batch that
 * keeps failing is split, retried a few times, then given up to the dead-letter queue within the hour:
 * the shard moves on, and the sweep seals what was given up.
 */
export const SEALER_STREAM = {
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(0),
  parallelizationFactor: 1,
  retryAttempts: 5,
  maxRecordAge: Duration.hours(1),
} as const;

/** The stream records the sealer is given: new audit events only (shared/store/audit.ts, eventItem). */
export const SEALER_FILTER = {
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: { NewImage: { itemType: { S: FilterRule.isEqual('AuditEvent') } } },
};

/** Messages a queue tries this many times before they go to its dead-letter queue. */
const MAX_RECEIVES = 3;

export class JobsStack extends Stack {
  readonly exportQueue: Queue;
  readonly exportDeadLetters: Queue;
  readonly jobsDeadLetters: Queue;
  /** What the stream gave up on: one message per batch (its shard and sequence numbers, not the records). */
  readonly sealerDeadLetters: Queue;
  readonly exportWorker: ReteFunction;
  readonly jobs: ReteFunction;
  readonly sealer: ReteFunction;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { table, filesBucket, bundlesDir } = props;
    const queueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    const deadLetterQueue = (queueId: string) => new Queue(this, queueId, { ...queueDefaults, retentionPeriod: Duration.days(14) });

    // Exports and privacy requests: one message per job; a PDF of a large project takes minutes, not hours.
    const worker = new ReteFunction(this, 'ExportWorker', {
      name: 'export-worker',
      bundlesDir,
      description: 'Rete: builds the files of one export, or runs one privacy request, per SQS message',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      environment: { USER_POOL_ID: props.userPool.userPoolId },
    })
      .bindTable(table)
      .bindFiles(filesBucket);
    // An erasure deletes the person's sign-in identity once they belong to no consortium: that one action, on this pool only.
    props.userPool.grant(worker.function, 'cognito-idp:AdminDeleteUser');
    const exportDeadLetters = deadLetterQueue('ExportDeadLetters');
    this.exportQueue = new Queue(this, 'ExportQueue', {
      ...queueDefaults,
      // Six times the worker's timeout, as Lambda advises, so a message is not handed out twice meanwhile.
      visibilityTimeout: Duration.minutes(30),
      deadLetterQueue: { queue: exportDeadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    worker.function.addEventSource(
      new SqsEventSource(this.exportQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        // Exports are heavy: a few at a time, without reserving account concurrency.
        maxConcurrency: 5,
      }),
    );

    // Scheduled jobs, for every consortium.
    const jobsDeadLetters = deadLetterQueue('JobsDeadLetters');
    const jobs = new ReteFunction(this, 'Jobs', {
      name: 'jobs',
      bundlesDir,
      description: 'Rete: reporting schedules, weekly digests and the sealing sweep of every consortium',
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: {
        EXPORT_QUEUE_URL: this.exportQueue.queueUrl,
        DASHBOARD_ORIGIN: props.dashboardOrigin,
      },
      // Invoked asynchronously by the scheduler: a run that fails twice more lands here.
      deadLetterQueue: jobsDeadLetters,
      retryAttempts: 2,
    })
      .bindTable(table)
      .bindMail(props.mail);
    this.exportQueue.grantSendMessages(jobs.function);

    for (const [job, rate] of Object.entries(SCHEDULED_JOBS)) {
      new Schedule(this, `Schedule-${job}`, {
        description: `Rete: the ${job} job, ${rate.toSeconds() === 3600 ? 'hourly' : `every ${rate.toHumanString()}`}`,
        schedule: ScheduleExpression.rate(rate),
        // An invocation the scheduler cannot deliver goes to the same dead-letter queue as a failed run;
        // one older than its rate is given up, as the next run does its work.
        target: new LambdaInvoke(jobs.function, {
          input: ScheduleTargetInput.fromObject({ job }),
          deadLetterQueue: jobsDeadLetters,
          retryAttempts: 3,
          maxEventAge: rate,
        }),
      });
    }

    // Sealing, off the request path: the table's stream, filtered to new audit events.
    const sealerDeadLetters = deadLetterQueue('SealerDeadLetters');
    Validations.of(sealerDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is a dead-letter queue: the stream mapping's on-failure destination, which cdk-nag does not recognise as one",
    });
    const sealer = new ReteFunction(this, 'Sealer', {
      name: 'sealer',
      bundlesDir,
      description: "Rete: links new audit events into their chains and applies their counters (the table's stream)",
      memorySize: 512,
      // A batch seals the chains it names one after the other, a transaction per 25 events; a busy
      // chain may take tens of seconds of retried conflicts with its writers.
      timeout: Duration.minutes(2),
    }).bindTable(table);
    if (!table.tableStreamArn) throw new Error("The sealer reads the table's stream: turn it on in the data stack");
    sealer.function.addEventSourceMapping('Stream', {
      eventSourceArn: table.tableStreamArn,
      // From the oldest record the stream keeps (24 hours), so that events written before the mapping
      // existed (a first deploy, a mapping replaced) are sealed now rather than by the sweep; sealing
      // what is sealed already changes nothing.
      startingPosition: StartingPosition.TRIM_HORIZON,
      filters: [FilterCriteria.filter(SEALER_FILTER)],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      onFailure: new SqsDlq(sealerDeadLetters),
      ...SEALER_STREAM,
    });
    table.grantStreamRead(sealer.function);

    // For running a job by hand, e.g. the sealing sweep (docs/deploy.md, "When a sealing alarm rings").
    new CfnOutput(this, 'JobsFunctionName', { value: jobs.function.functionName });

    this.exportWorker = worker;
    this.jobs = jobs;
    this.exportDeadLetters = exportDeadLetters;
    this.jobsDeadLetters = jobsDeadLetters;
    this.sealer = sealer;
    this.sealerDeadLetters = sealerDeadLetters;
  }
}
