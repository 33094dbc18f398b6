// Failures nobody would hear of otherwise: an export that failed for good, export requests left
// waiting, sealing that falls behind, mail that bounces or is marked as spam, and a month that costs
// more than its budget. Each
// notifies the alarm topic; the budget mails the alarm address too.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MAIL_BOUNCE_RATE_ALARM, MAIL_COMPLAINT_RATE_ALARM, SEALER_ITERATOR_AGE_MAX, SEALING_LAG_METRIC, SEALING_LAG_P95_MAX } from '../../infra/alarms-stack';
import { SEALING_LAG } from '../../shared/jobs/seal-stream';
import type { Resource } from './policies';
import { synthRete } from './rete-app';

const resources = (template: Template, type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const alarmsOf = (template: Template) => resources(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const describing = (template: Template, text: string) => {
  const found = alarmsOf(template).filter((alarm) => alarm.AlarmDescription.includes(text));
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe('alarms on failures nobody hears of', () => {
  const { templates } = synthRete();
  const topicId = resources(templates.alarms, 'AWS::SNS::Topic')[0]![0];

  it("watch the export worker's ExportsFailed metric, its own function's only", () => {
    const alarm = describing(templates.alarms, 'an export failed for good');
    expect(alarm).toMatchObject({ Namespace: 'Rete', MetricName: 'ExportsFailed', Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarm.Dimensions).toHaveLength(1);
    expect(alarm.Dimensions[0].Name).toBe('FunctionName');
    // The worker's name, exported by the jobs stack.
    expect(JSON.stringify(alarm.Dimensions[0].Value)).toMatch(/ExportWorker/);
  });

  it('watch how long the oldest export request has waited: an hour is too long', () => {
    const alarm = describing(templates.alarms, 'waited in the export queue');
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Statistic: 'Maximum', Threshold: 3600 });
    const queue = JSON.stringify(alarm.Dimensions[0].Value);
    expect(queue).toMatch(/ExportQueue/);
    expect(queue).not.toMatch(/DeadLetters/);
  });

  it("watch how far behind the sealer reads the table's stream: 5 minutes is too far", () => {
    const alarm = describing(templates.alarms, "the sealer reads the table's stream");
    expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Statistic: 'Maximum', Period: 300, Threshold: 300_000 });
    expect(SEALER_ITERATOR_AGE_MAX.toMinutes()).toBe(5);
    expect(alarm.Dimensions).toEqual([{ Name: 'FunctionName', Value: expect.anything() }]);
    expect(JSON.stringify(alarm.Dimensions[0].Value)).toMatch(/Sealer/);
  });

  it("watch the 95th percentile of the sealer's lag from write to sealing: a minute is too long", () => {
    const alarm = describing(templates.alarms, 'from a write to its sealing');
    expect(alarm).toMatchObject({ Namespace: 'Rete', MetricName: 'SealingLag', ExtendedStatistic: 'p95', Period: 300, Threshold: 60_000 });
    expect(SEALING_LAG_P95_MAX.toSeconds()).toBe(60);
    expect(alarm.Dimensions).toHaveLength(1);
    expect(alarm.Dimensions[0].Name).toBe('FunctionName');
    expect(JSON.stringify(alarm.Dimensions[0].Value)).toMatch(/Sealer/);
  });

  it("name the sealer's metric as the sealer writes it", () => {
    expect(SEALING_LAG_METRIC).toBe(SEALING_LAG);
  });

  it("watch the sealer's errors and throttles, and what its stream gave up on", () => {
    expect(describing(templates.alarms, 'the Sealer function failed')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors' });
    expect(describing(templates.alarms, 'the Sealer function was throttled')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles' });
    const deadLetters = describing(templates.alarms, 'the Sealer dead-letter queue');
    expect(deadLetters).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    expect(JSON.stringify(deadLetters.Dimensions[0].Value)).toMatch(/SealerDeadLetters/);
  });

  it("watch SES's bounce and complaint rates of the account, well below where SES reviews it", () => {
    expect(describing(templates.alarms, 'bounce rate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: MAIL_BOUNCE_RATE_ALARM });
    expect(describing(templates.alarms, 'complaint rate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: MAIL_COMPLAINT_RATE_ALARM });
    expect(MAIL_BOUNCE_RATE_ALARM).toBeLessThan(0.05);
    expect(MAIL_COMPLAINT_RATE_ALARM).toBeLessThan(0.001);
  });

  it("count this installation's bounces and complaints by its configuration set", () => {
    const bounces = describing(templates.alarms, 'bounced 5 or more times');
    const complaints = describing(templates.alarms, 'marked Rete');
    expect(bounces).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Bounce', Statistic: 'Sum', Period: 3600, Threshold: 5 });
    expect(complaints).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Complaint', Statistic: 'Sum', Period: 3600, Threshold: 1 });
    for (const alarm of [bounces, complaints]) {
      expect(alarm.Dimensions[0].Name).toBe('ses:configuration-set');
      expect(JSON.stringify(alarm.Dimensions[0].Value)).toMatch(/MailEvents/);
    }
  });

  it('all notify the alarm topic', () => {
    const alarms = alarmsOf(templates.alarms);
    expect(alarms.length).toBeGreaterThanOrEqual(21);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('the configuration set of every mail', () => {
  const { templates } = synthRete({ mailIdentity: 'example.org', cognitoMailThroughSes: true });
  const [setId, set] = resources(templates.auth, 'AWS::SES::ConfigurationSet')[0]!;

  it('publishes reputation metrics and keeps addresses that bounced or complained off the list', () => {
    expect(set.Properties).toMatchObject({ ReputationOptions: { ReputationMetricsEnabled: true }, SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
  });

  it('counts bounces, complaints and rejections in CloudWatch under its own name', () => {
    const destinations = resources(templates.auth, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const [, destination] = destinations[0]!;
    expect(destination!.Properties.ConfigurationSetName).toEqual({ Ref: setId });
    expect(destination!.Properties.EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: ['bounce', 'complaint', 'reject'],
      CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'none' }] },
    });
  });

  it("reaches the api's and the jobs' mailer, which may send with it", () => {
    const functions = [...resources(templates.api, 'AWS::Lambda::Function'), ...resources(templates.jobs, 'AWS::Lambda::Function')];
    const withMail = functions.filter(([, fn]) => 'MAIL_FROM' in fn.Properties.Environment.Variables);
    expect(withMail).toHaveLength(2);
    for (const [, fn] of withMail) expect(JSON.stringify(fn.Properties.Environment.Variables.MAIL_CONFIGURATION_SET)).toMatch(/MailEvents/);
  });

  it("sends Cognito's invitations with it once they go through SES", () => {
    const pool = resources(templates.auth, 'AWS::Cognito::UserPool')[0]![1];
    expect(pool.Properties.EmailConfiguration.ConfigurationSet).toEqual({ Ref: setId });
  });
});

describe('the monthly cost budget', () => {
  it('alarms on the actual and the forecast cost above the setting, to the alarm topic and address', () => {
    const { templates } = synthRete({ monthlyBudgetUsd: 35 });
    const budgets = resources(templates.alarms, 'AWS::Budgets::Budget');
    expect(budgets).toHaveLength(1);
    const [, budget] = budgets[0]!;
    expect(budget!.Properties.Budget).toMatchObject({ BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 35, Unit: 'USD' } });
    const topicId = resources(templates.alarms, 'AWS::SNS::Topic')[0]![0];
    const notifications = budget!.Properties.NotificationsWithSubscribers;
    expect(notifications.map((entry: any) => entry.Notification.NotificationType)).toEqual(['ACTUAL', 'FORECASTED']);
    for (const { Notification, Subscribers } of notifications) {
      expect(Notification).toMatchObject({ ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' });
      expect(Subscribers).toEqual([
        { SubscriptionType: 'SNS', Address: { Ref: topicId } },
        { SubscriptionType: 'EMAIL', Address: 'ops@example.org' },
      ]);
    }
  });

  it('may publish to the alarm topic, from this account only', () => {
    const { templates } = synthRete();
    const policy = resources(templates.alarms, 'AWS::SNS::TopicPolicy')[0]![1];
    const fromBudgets = policy.Properties.PolicyDocument.Statement.find((statement: any) => statement.Principal?.Service === 'budgets.amazonaws.com');
    expect(fromBudgets).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
  });

  it('is 20 USD by default, and absent when the setting is 0', () => {
    expect(resources(synthRete({ monthlyBudgetUsd: undefined }).templates.alarms, 'AWS::Budgets::Budget')[0]![1].Properties.Budget.BudgetLimit.Amount).toBe(20);
    expect(resources(synthRete({ monthlyBudgetUsd: 0 }).templates.alarms, 'AWS::Budgets::Budget')).toEqual([]);
  });
});
