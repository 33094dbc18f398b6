// Records kept for years: AWS Backup copies the table and the files bucket every week into a vault
// that outlives the stack, for as long as the stage's backupRetentionDays says.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BACKUP_COLD_AFTER_DAYS } from '../../infra/data-stack';
import type { Resource } from './policies';
import { synthRete } from './rete-app';

const only = (template: Template, type: string) => {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the backup plan', () => {
  const { templates } = synthRete();
  const [, plan] = only(templates.data, 'AWS::Backup::BackupPlan');
  const [rule, ...otherRules] = plan.Properties.BackupPlan.BackupPlanRule;

  it('backs up every Sunday night, Milan time, keeping each recovery point ten years by default', () => {
    expect(otherRules).toEqual([]);
    expect(rule).toMatchObject({ ScheduleExpression: 'cron(0 2 ? * SUN *)', ScheduleExpressionTimezone: 'Europe/Rome' });
    expect(rule.Lifecycle.DeleteAfterDays).toBe(3650);
  });

  it('moves recovery points to cold storage once point-in-time recovery no longer covers their week', () => {
    expect(rule.Lifecycle.MoveToColdStorageAfterDays).toBe(BACKUP_COLD_AFTER_DAYS);
  });

  it('selects the table and the files bucket', () => {
    const [, selection] = only(templates.data, 'AWS::Backup::BackupSelection');
    const [tableId] = only(templates.data, 'AWS::DynamoDB::GlobalTable');
    const bucketId = Object.entries(templates.data.findResources('AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.VersioningConfiguration)![0];
    expect(selection.Properties.BackupSelection.Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }, { 'Fn::GetAtt': [bucketId, 'Arn'] }]);
  });

  it("gives AWS Backup a role that may back up and restore DynamoDB and S3", () => {
    const [, selection] = only(templates.data, 'AWS::Backup::BackupSelection');
    const roleId = selection.Properties.BackupSelection.IamRoleArn['Fn::GetAtt'][0];
    const role = templates.data.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'backup.amazonaws.com' });
    const policies = JSON.stringify(role.Properties.ManagedPolicyArns);
    for (const name of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores', 'AWSBackupServiceRolePolicyForS3Backup', 'AWSBackupServiceRolePolicyForS3Restore']) {
      expect(policies).toContain(name);
    }
  });

  it('writes to a vault that is retained with the stack and whose recovery points nobody can delete early', () => {
    const [vaultId, vault] = only(templates.data, 'AWS::Backup::BackupVault');
    expect(rule.TargetBackupVault).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] });
    expect(vault.DeletionPolicy).toBe('Retain');
    expect(vault.UpdateReplacePolicy).toBe('Retain');
    expect(vault.Properties.AccessPolicy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'] }),
    ]);
  });

  it("names the plan after its stack, since plan names are unique in an account", () => {
    expect(plan.Properties.BackupPlan.BackupPlanName).toBe('rete-test-data-weekly');
  });
});

describe('the retention setting', () => {
  it('keeps recovery points as long as the stage says', () => {
    const { templates } = synthRete({ backupRetentionDays: 5475 });
    const [, plan] = only(templates.data, 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].Lifecycle).toEqual({ DeleteAfterDays: 5475, MoveToColdStorageAfterDays: BACKUP_COLD_AFTER_DAYS });
  });

  it('keeps a retention too short for cold storage (90 days there at least) warm', () => {
    const { templates } = synthRete({ backupRetentionDays: 100 });
    const [, plan] = only(templates.data, 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].Lifecycle).toEqual({ DeleteAfterDays: 100 });
  });
});
