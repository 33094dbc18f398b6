// What wakes somebody up: API 5xx answers, Lambda errors and throttles per function, anything in a
// dead-letter queue, DynamoDB throttling. Alarms notify one SNS topic (an email, if one is given).
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface AlarmsStackProps extends StackProps {
  httpApi: IHttpApi;
  /** Rete's functions by a short name used in the alarms' ids. */
  functions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  table: ITableV2;
  /** Who gets the alarms by email; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
}

/** The operations Rete's store sends (shared/store): an alarm's math may sum at most ten metrics. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
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
  }
}
