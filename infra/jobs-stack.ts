// Work that runs outside a request: the export worker fed by an SQS queue, and the scheduled jobs
// (reporting schedules, weekly digests) that EventBridge Scheduler starts every hour. Every path
// that can fail ends in a dead-letter queue the alarms watch. Mail leaves through the auth stack's SES identity.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ReteFunction, type MailBinding } from './constructs/rete-function';

export interface JobsStackProps extends StackProps {
  table: ITableV2;
  filesBucket: IBucket;
  bundlesDir: string;
  /** How the digests and reporting mails go out. */
  mail: MailBinding;
  /** https://<distribution domain>, for the links in mails. */
  dashboardOrigin: string;
}

/** The jobs the scheduled function runs (functions/jobs), each once an hour: the job decides what is due. */
export const SCHEDULED_JOBS = ['reporting-schedules', 'weekly-digest'] as const;

/** Messages a queue tries this many times before they go to its dead-letter queue. */
const MAX_RECEIVES = 3;

export class JobsStack extends Stack {
  readonly exportQueue: Queue;
  readonly exportDeadLetters: Queue;
  readonly jobsDeadLetters: Queue;
  readonly exportWorker: ReteFunction;
  readonly jobs: ReteFunction;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { table, filesBucket, bundlesDir } = props;
    const queueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    const deadLetterQueue = (queueId: string) => new Queue(this, queueId, { ...queueDefaults, retentionPeriod: Duration.days(14) });

    // Exports: one message per export job; a PDF of a large project takes minutes, not hours.
    const worker = new ReteFunction(this, 'ExportWorker', {
      name: 'export-worker',
      bundlesDir,
      description: 'Rete: builds the files of one export per SQS message',
      memorySize: 1024,
      timeout: Duration.minutes(5),
    })
      .bindTable(table)
      .bindFiles(filesBucket);
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
      description: 'Rete: reporting schedules and weekly digests of every consortium',
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

    for (const job of SCHEDULED_JOBS) {
      new Schedule(this, `Schedule-${job}`, {
        description: `Rete: the ${job} job, hourly`,
        schedule: ScheduleExpression.rate(Duration.hours(1)),
        // An invocation the scheduler cannot deliver goes to the same dead-letter queue as a failed run.
        target: new LambdaInvoke(jobs.function, {
          input: ScheduleTargetInput.fromObject({ job }),
          deadLetterQueue: jobsDeadLetters,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }

    this.exportWorker = worker;
    this.jobs = jobs;
    this.exportDeadLetters = exportDeadLetters;
    this.jobsDeadLetters = jobsDeadLetters;
  }
}
