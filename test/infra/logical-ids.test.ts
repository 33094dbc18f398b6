// The logical ids of what holds data or identities. CloudFormation replaces a resource whose logical id
// changes (a renamed construct, a construct moved under another): for these that means a new, empty table,
// bucket or user pool beside the retained old one. A refactor that changes one fails here; keep the id
// (`overrideLogicalId`) rather than update this list.
import { beforeAll, describe, expect, it } from 'vitest';
import { synthRete } from './rete-app';

const STATEFUL = {
  data: { 'AWS::DynamoDB::GlobalTable': ['TableCD117FA1'], 'AWS::S3::Bucket': ['AccessLogs8B620ECA', 'Files8E6940B8'], 'AWS::Backup::BackupVault': ['Records091F6ECA'] },
  auth: { 'AWS::Cognito::UserPool': ['PeopleE38C8D03'], 'AWS::SES::EmailIdentity': ['MailIdentity4365A1C5'] },
} as const;

describe('the stateful resources', () => {
  let templates: ReturnType<typeof synthRete>['templates'];
  beforeAll(() => {
    templates = synthRete().templates;
  });

  it.each(Object.entries(STATEFUL).flatMap(([stack, types]) => Object.entries(types).map(([type, ids]) => [stack, type, ids] as const)))(
    'keep their logical ids: %s %s',
    (stack, type, ids) => {
      expect(Object.keys(templates[stack as keyof typeof STATEFUL].findResources(type)).sort()).toEqual([...ids]);
    },
  );
});
