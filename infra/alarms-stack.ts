// What wakes somebody up: API 5xx answers, Lambda errors and throttles per function, anything in a
// dead-letter queue, DynamoDB throttling, an export that failed for good, export requests waiting
// too long, sealing falling behind (the stream's iterator age, the lag from write to sealing), mail
// that bounces or is marked as spam, and the month's cost passing its budget. Alarms
// notify one SNS topic (an email, if one is given); the budget mails the address directly too.
import { Aws, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EXPORTS_FAILED, FUNCTION_DIMENSION, METRICS_NAMESPACE } from '../shared/jobs/export-metrics';
import { MAIL_EVENTS_DIMENSION } from './auth-stack';

export interface AlarmsStackProps extends StackProps {
  httpApi: IHttpApi;
  /** Rete's functions by a short name used in the alarms' ids. */
  functions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  table: ITableV2;
  /** The export worker: its ExportsFailed metric (shared/jobs/export-metrics.ts). */
  exportWorker: IFunction;
  /** The queue of export requests, whose oldest message should not wait long. */
  exportQueue: IQueue;
  /** The sealer: how far behind the table's stream it reads, and its SealingLag metric (shared/jobs/seal-stream.ts). */
  sealer: IFunction;
  /** The SES configuration set every mail is sent with (the auth stack's). */
  mailConfigurationSet: string;
  /** Who gets the alarms by email; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
  /** The month's cost budget in USD; 0 for none. */
  monthlyBudgetUsd: number;
}

/**
 * An export request waiting this long means the worker is not keeping up or not running: exports
 * take minutes, and a busy one comes back after the queue's 30-minute visibility timeout.
 */
export const EXPORT_QUEUE_MAX_AGE = Duration.hours(1);

/**
 * The oldest stream record the sealer has yet to read: it keeps up within seconds, so minutes mean it
 * fails or is throttled (and past an hour its records go to the dead-letter queue, left to the sweep).
 */
export const SEALER_ITERATOR_AGE_MAX = Duration.minutes(5);

/**
 * The 95th percentile of the time from a write to its event's sealing (counters, summaries and the
 * chain lag behind by that much). A healthy stream seals within a few seconds; a minute means the
 * sealer retries conflicts or waits on throttling, and people notice counts that lag behind.
 */
export const SEALING_LAG_P95_MAX = Duration.seconds(60);

/** The sealer's embedded metric, in METRICS_NAMESPACE (SEALING_LAG in shared/jobs/seal-stream.ts; a test keeps them equal). */
export const SEALING_LAG_METRIC = 'SealingLag';

/**
 * SES puts an account under review at a 5% bounce rate or a 0.1% complaint rate (and may pause its
 * sending at 10% or 0.5%): the alarms ring well before, at under half of each.
 */
export const MAIL_BOUNCE_RATE_ALARM = 0.02;
export const MAIL_COMPLAINT_RATE_ALARM = 0.0004;

/** The operations Rete's store sends (shared/store): an alarm's math may sum at most ten metrics. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export class AlarmsStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsStackProps) {
    super(scope, id, props);

    this.topic = new Topic(this, 'Alarms', { displayName: 'Rete alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, description: string, metric: IMetric, threshold = 1) => {
      new Alarm(this, alarmId, {
        alarmDescription: `Rete: ${description}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is no trouble.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    };
    const hourly = { period: Duration.hours(1), statistic: 'Sum' };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    alarm('Api5xx', 'the API answered 5xx (5 or more in 5 minutes)', props.httpApi.metricServerError(fiveMinutes), 5);
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, `the ${name} function failed`, fn.metricErrors(fiveMinutes));
      alarm(`${name}Throttles`, `the ${name} function was throttled`, fn.metricThrottles(fiveMinutes));
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        `a message is waiting in the ${name} dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
    }
    alarm(
      'TableThrottles',
      'DynamoDB throttled requests to the table',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, ...fiveMinutes }),
    );

    // An export that failed for good is marked failed and its message handled: no function error, no
    // dead letter. The worker signals each one (ExportsFailed, an embedded metric in its log).
    alarm(
      'ExportsFailed',
      'an export failed for good (the worker marked it failed; its reason is on the export and in the worker log)',
      new Metric({ namespace: METRICS_NAMESPACE, metricName: EXPORTS_FAILED, dimensionsMap: { [FUNCTION_DIMENSION]: props.exportWorker.functionName }, ...fiveMinutes }),
    );
    alarm(
      'ExportQueueAge',
      `an export request has waited in the export queue for ${EXPORT_QUEUE_MAX_AGE.toHumanString()} or more`,
      props.exportQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      EXPORT_QUEUE_MAX_AGE.toSeconds(),
    );

    // Sealing: the stream read late (the sealer fails, is throttled or cannot keep up), and events
    // sealed late (the chain, counters and summaries lag behind the writes).
    alarm(
      'SealerIteratorAge',
      `the sealer reads the table's stream ${SEALER_ITERATOR_AGE_MAX.toHumanString()} or more behind`,
      props.sealer.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      SEALER_ITERATOR_AGE_MAX.toMilliseconds(),
    );
    alarm(
      'SealingLag',
      `the 95th percentile of the time from a write to its sealing reached ${SEALING_LAG_P95_MAX.toHumanString()}`,
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: SEALING_LAG_METRIC,
        dimensionsMap: { [FUNCTION_DIMENSION]: props.sealer.functionName },
        period: Duration.minutes(5),
        statistic: 'p95',
      }),
      SEALING_LAG_P95_MAX.toMilliseconds(),
    );

    // Mail: the account's reputation (what SES judges the account by), and this installation's own
    // bounces and complaints, counted by its configuration set.
    const ses = (metricName: string, dimensionsMap?: Record<string, string>) =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap, period: Duration.hours(1), statistic: 'Maximum' });
    alarm('MailBounceRate', `SES's bounce rate of the account reached ${MAIL_BOUNCE_RATE_ALARM * 100}% (review at 5%)`, ses('Reputation.BounceRate'), MAIL_BOUNCE_RATE_ALARM);
    alarm(
      'MailComplaintRate',
      `SES's complaint rate of the account reached ${MAIL_COMPLAINT_RATE_ALARM * 100}% (review at 0.1%)`,
      ses('Reputation.ComplaintRate'),
      MAIL_COMPLAINT_RATE_ALARM,
    );
    const mailEvents = { [MAIL_EVENTS_DIMENSION]: props.mailConfigurationSet };
    alarm('MailBounces', "Rete's mail bounced 5 or more times in an hour (see SES's suppression list)", ses('Bounce', mailEvents).with(hourly), 5);
    alarm('MailComplaints', "somebody marked Rete's mail as spam", ses('Complaint', mailEvents).with(hourly));

    if (props.monthlyBudgetUsd > 0) this.budget(props.monthlyBudgetUsd, props.alarmEmail);
  }

  /**
   * The month's cost of the whole account (Rete's own, in an account of its own) against a budget:
   * when the actual cost passes it, and when AWS forecasts that it will. Budgets publishes to the
   * alarm topic and mails the address itself, which needs no confirmed subscription.
   */
  private budget(amount: number, alarmEmail: string | undefined) {
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:budgets::${Aws.ACCOUNT_ID}:*` },
        },
      }),
    );
    const subscribers: CfnBudget.SubscriberProperty[] = [
      { subscriptionType: 'SNS', address: this.topic.topicArn },
      ...(alarmEmail ? [{ subscriptionType: 'EMAIL', address: alarmEmail }] : []),
    ];
    new CfnBudget(this, 'MonthlyCost', {
      budget: {
        budgetName: `${this.stackName}-monthly-cost`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount, unit: 'USD' },
      },
      notificationsWithSubscribers: (['ACTUAL', 'FORECASTED'] as const).map((notificationType) => ({
        notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold: 100, thresholdType: 'PERCENTAGE' },
        subscribers,
      })),
    });
  }
}
