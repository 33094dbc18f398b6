import { describe, expect, it } from 'vitest';
import { loadConfig } from '../api/config';
import { loadJobsConfig, loadWorkerConfig } from './config';

const jobsEnv = {
  TABLE_NAME: 'rete-prod',
  AWS_REGION: 'eu-south-1',
  EXPORT_QUEUE_URL: 'https://sqs.eu-south-1.amazonaws.com/123456789012/rete-exports',
  MAIL_FROM: 'Rete <rete@example.org>',
  DASHBOARD_ORIGIN: 'https://d111111abcdef8.cloudfront.net/',
};

describe("the functions' configuration", () => {
  it('reads the jobs function, with the dashboard origin normalised', () => {
    expect(loadJobsConfig(jobsEnv)).toEqual({
      tableName: 'rete-prod',
      region: 'eu-south-1',
      dynamoEndpoint: undefined,
      exportQueueUrl: 'https://sqs.eu-south-1.amazonaws.com/123456789012/rete-exports',
      mailFrom: 'Rete <rete@example.org>',
      mailConfigurationSet: undefined,
      dashboardOrigin: 'https://d111111abcdef8.cloudfront.net',
    });
  });

  it('reads the SES configuration set the mails are sent with, for the jobs and the API alike', () => {
    const env = { ...jobsEnv, MAIL_CONFIGURATION_SET: 'MailEventsA1B2C3-xYz' };
    expect(loadJobsConfig(env).mailConfigurationSet).toBe('MailEventsA1B2C3-xYz');
    const api = loadConfig({ ...env, FILES_BUCKET: 'rete-files', AUTH_CLIENT_ID: 'client', COGNITO_USER_POOL_ID: 'eu-south-1_AbCdEf123' });
    expect(api.mailConfigurationSet).toBe('MailEventsA1B2C3-xYz');
    expect(() => loadJobsConfig({ ...jobsEnv, MAIL_CONFIGURATION_SET: 'not a set' })).toThrow(/MAIL_CONFIGURATION_SET: must be an SES configuration set name/);
  });

  it('reads the export worker, which needs the table and the bucket only', () => {
    expect(loadWorkerConfig({ TABLE_NAME: 'rete-prod', FILES_BUCKET: 'rete-files' })).toMatchObject({
      tableName: 'rete-prod', region: 'eu-south-1', filesBucket: 'rete-files',
    });
  });

  it("gives the export worker Lambda's name for its function, which its metrics carry", () => {
    const env = { TABLE_NAME: 'rete-prod', FILES_BUCKET: 'rete-files', AWS_LAMBDA_FUNCTION_NAME: 'rete-prod-jobs-ExportWorker1A2B3C' };
    expect(loadWorkerConfig(env).functionName).toBe('rete-prod-jobs-ExportWorker1A2B3C');
  });

  it('fails fast, naming every bad variable', () => {
    expect(() => loadJobsConfig({ ...jobsEnv, EXPORT_QUEUE_URL: undefined, MAIL_FROM: 'nobody', DASHBOARD_ORIGIN: 'https://d1.cloudfront.net/app' })).toThrow(
      /^Invalid configuration: EXPORT_QUEUE_URL: .*; MAIL_FROM: must be an address, or a name and <address>; DASHBOARD_ORIGIN: must be an origin/,
    );
    expect(() => loadWorkerConfig({ TABLE_NAME: 'rete-prod' })).toThrow(/FILES_BUCKET/);
  });

  it('reads the API function: table, bucket, queue, mail and Cognito', () => {
    const config = loadConfig({ ...jobsEnv, FILES_BUCKET: 'rete-files', AUTH_CLIENT_ID: 'client', COGNITO_USER_POOL_ID: 'eu-south-1_AbCdEf123' });
    expect(config).toMatchObject({
      filesBucket: 'rete-files',
      exportQueueUrl: jobsEnv.EXPORT_QUEUE_URL,
      dashboardOrigin: 'https://d111111abcdef8.cloudfront.net',
      auth: { kind: 'cognito', userPoolId: 'eu-south-1_AbCdEf123', clientId: 'client' },
    });
    expect(() => loadConfig({ ...jobsEnv, FILES_BUCKET: 'rete-files', AUTH_CLIENT_ID: 'client' })).toThrow(/COGNITO_USER_POOL_ID: set either/);
  });

  it("reads the API's accepted origin values, none when unset, and refuses a short one without showing it", () => {
    const api = { ...jobsEnv, FILES_BUCKET: 'rete-files', AUTH_CLIENT_ID: 'client', COGNITO_USER_POOL_ID: 'eu-south-1_AbCdEf123' };
    const [current, previous] = ['a'.repeat(64), 'b'.repeat(64)];
    expect(loadConfig(api).originSecrets).toEqual([]);
    expect(loadConfig({ ...api, ORIGIN_SECRETS: `${current}, ${previous}` }).originSecrets).toEqual([current, previous]);
    expect(() => loadConfig({ ...api, ORIGIN_SECRETS: `${current},short-secret` })).toThrow(/^Invalid configuration: ORIGIN_SECRETS\.1: each value must be at least 32/);
    expect(() => loadConfig({ ...api, ORIGIN_SECRETS: `${current},short-secret` })).not.toThrow(/short-secret/);
  });
});
