// The whole installation: the stacks in the order their references run (data and auth first, then the
// web front door, the jobs, the API behind it, the alarms), with cdk-nag's AWS Solutions checks and a log
// retention for CDK's own helper functions.
import { Annotations, Aspects, Aws, Tags, Validations, type App } from 'aws-cdk-lib';
import { ReteChecks } from './nag';
import { join } from 'node:path';
import { AlarmsStack } from './alarms-stack';
import { ApiStack } from './api-stack';
import { AuthStack } from './auth-stack';
import { HelperLogGroups } from './constructs/helper-log-groups';
import { DataStack } from './data-stack';
import { JobsStack } from './jobs-stack';
import { senderOf } from './sender';
import { type AppSettings, type DefaultedSettings, withDefaults } from './settings';
import { WebStack } from './web-stack';

/**
 * What the stacks are made from: the stage's settings as `loadSettings` answers them (the defaulted
 * ones may be left out, as template tests do), and where `npm run build` wrote the bundles.
 */
export type ReteSettings = Omit<AppSettings, keyof DefaultedSettings> &
  Partial<DefaultedSettings> & {
    /** Holds `api/`, `export-worker/`, `jobs/`, `sealer/` and `web/`, as `npm run build` writes them in `dist/`. */
    buildDir: string;
  };

const PLACEHOLDER_SENDER = 'no-reply@example.org';

export function addRete(app: App, given: ReteSettings) {
  const settings = { ...given, ...withDefaults(given) };
  const { stage, buildDir } = settings;
  const env = { account: settings.account, region: settings.region };
  const name = (concern: string) => `rete-${stage}-${concern}`;
  const mailFrom = settings.mailFrom ?? PLACEHOLDER_SENDER;

  Tags.of(app).add('app', 'rete');
  Tags.of(app).add('stage', stage);

  const data = new DataStack(app, name('data'), {
    env,
    description: `Rete (${stage}): the table and the files bucket, and their weekly backups`,
    backupRetentionDays: settings.backupRetentionDays,
  });
  const auth = new AuthStack(app, name('auth'), {
    env,
    description: `Rete (${stage}): the Cognito user pool of invited people and the SES identity of every mail`,
    domainPrefix: settings.signInDomainPrefix ?? `rete-${stage}-${Aws.ACCOUNT_ID}`,
    mail: {
      from: mailFrom,
      identity: settings.mailIdentity ?? senderOf(mailFrom).address,
      cognitoThroughSes: settings.cognitoMailThroughSes,
    },
  });
  const mail = {
    from: mailFrom,
    identity: auth.mailIdentity,
    configurationSet: auth.mailEvents,
    sandboxRecipients: settings.sandboxRecipients,
  };
  const web = new WebStack(app, name('web'), {
    env,
    description: `Rete (${stage}): CloudFront, the dashboard, the HTTP API's endpoint and the app client`,
    userPool: auth.userPool,
    signInDomain: auth.domain,
    filesBucket: data.filesBucket,
    dashboardDir: join(buildDir, 'web'),
    originSecretsParameter: settings.originSecretsParameter,
    webAclArn: settings.webAclArn,
    customDomain:
      settings.domainNames?.length && settings.certificateArn ? { domainNames: [...settings.domainNames], certificateArn: settings.certificateArn } : undefined,
  });
  const jobs = new JobsStack(app, name('jobs'), {
    env,
    description: `Rete (${stage}): the export worker and queue, the sealer on the table's stream, the scheduled jobs`,
    table: data.table,
    filesBucket: data.filesBucket,
    userPool: auth.userPool,
    bundlesDir: buildDir,
    mail,
    dashboardOrigin: web.origin,
  });
  const api = new ApiStack(app, name('api'), {
    env,
    description: `Rete (${stage}): the API function, its routes and its stage`,
    table: data.table,
    filesBucket: data.filesBucket,
    userPool: auth.userPool,
    httpApi: web.httpApi,
    clientId: web.client.userPoolClientId,
    exportQueue: jobs.exportQueue,
    mail,
    dashboardOrigin: web.origin,
    bundlesDir: buildDir,
    metricsNamespace: `Rete/${stage}`,
    originSecretsParameter: settings.originSecretsParameter,
    throttle: {
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
    },
    publicRouteThrottle: {
      rateLimit: settings.publicRouteRateLimit,
      burstLimit: settings.publicRouteBurstLimit,
    },
  });
  const alarms = new AlarmsStack(app, name('alarms'), {
    env,
    description: `Rete (${stage}): alarms on errors, throttling, dead letters, failed exports, sealing lag, mail reputation and cost`,
    httpApi: web.httpApi,
    functions: { Api: api.api.function, ExportWorker: jobs.exportWorker.function, Jobs: jobs.jobs.function, Sealer: jobs.sealer.function },
    deadLetterQueues: { Export: jobs.exportDeadLetters, Jobs: jobs.jobsDeadLetters, Sealer: jobs.sealerDeadLetters },
    table: data.table,
    exportWorker: jobs.exportWorker.function,
    exportQueue: jobs.exportQueue,
    sealer: jobs.sealer.function,
    mailConfigurationSet: auth.mailEvents.configurationSetName,
    alarmEmail: settings.alarmEmail,
    monthlyBudgetUsd: settings.monthlyBudgetUsd,
  });

  if (!settings.mailFrom) {
    Annotations.of(jobs).addWarningV2('rete:mailFrom', `No sender given: mails would come from ${PLACEHOLDER_SENDER}. Set it in cdk.json under context.stages.${stage}.`);
  }
  Aspects.of(app).add(new HelperLogGroups());
  Validations.of(app).addPlugins(new ReteChecks(app));
  return { data, auth, web, jobs, api, alarms };
}
