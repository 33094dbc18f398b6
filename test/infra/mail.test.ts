// Mail on AWS: the SES identity lives in the auth stack and is kept on teardown (its DKIM set-up with
// it), Cognito sends through it only when told (the identity must be verified first), and in the SES
// sandbox the functions may send to the verified recipients named in the settings.
import { describe, expect, it } from 'vitest';
import { allowStatements, isWorker, roleStatements, type Resource } from './policies';
import { synthRete } from './rete-app';

type Templates = ReturnType<typeof synthRete>['templates'];

const pool = (templates: Templates) => Object.values(templates.auth.findResources('AWS::Cognito::UserPool'))[0]!.Properties;

/** The SES identities the roles of the api and the scheduled jobs may send through, by the name after `identity/`. */
function sendTargets(templates: Templates): string[][] {
  const roles = [roleStatements(templates.api, () => true), roleStatements(templates.jobs, (fn: Resource) => !isWorker(fn))];
  return roles.map((statements) =>
    statements
      .filter((statement) => statement.actions.includes('ses:SendEmail'))
      .flatMap((statement) => statement.resources)
      .map((resource) => {
        const text = JSON.stringify(resource);
        if (text.includes(':configuration-set/') && text.includes('MailEvents')) return '<configuration set>';
        return text.includes('MailIdentity') ? '<sender identity>' : (/:identity\/([^"]+)"/.exec(text)?.[1] ?? text);
      })
      .sort(),
  );
}

describe('the SES identity', () => {
  const { templates } = synthRete();

  it('is created in the auth stack for the sender, and kept when the stack goes', () => {
    const [identity, ...others] = Object.values(templates.auth.findResources('AWS::SES::EmailIdentity'));
    expect(others).toEqual([]);
    expect(identity!.Properties.EmailIdentity).toBe('rete@example.org');
    expect(identity!.DeletionPolicy).toBe('Retain');
    expect(identity!.UpdateReplacePolicy).toBe('Retain');
    templates.jobs.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('leaves Cognito on its own sender by default, for a first deploy before the identity is verified', () => {
    expect(pool(templates).EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
  });

  it('is all the api and the jobs may send through outside the sandbox; the worker sends no mail', () => {
    const expected = ['<configuration set>', '<sender identity>'];
    expect(sendTargets(templates)).toEqual([expected, expected]);
    expect(roleStatements(templates.jobs, isWorker).flatMap((statement) => statement.actions).filter((action) => action.startsWith('ses:'))).toEqual([]);
  });
});

describe('Cognito through SES', () => {
  it("sends Cognito's invitations through the domain identity once the setting is on", () => {
    const { templates } = synthRete({ mailIdentity: 'example.org', cognitoMailThroughSes: true });
    const email = pool(templates).EmailConfiguration;
    expect(email).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'Rete <rete@example.org>' });
    expect(JSON.stringify(email.SourceArn)).toMatch(/:ses:eu-south-1:.*:identity\/example\.org"/);
    expect(Object.values(templates.auth.findResources('AWS::SES::EmailIdentity'))[0]!.Properties.EmailIdentity).toBe('example.org');
  });

  it('uses an identity verified already, given by its ARN, without creating one', () => {
    const arn = 'arn:aws:ses:eu-west-1:123456789012:identity/example.org';
    const { templates } = synthRete({ mailIdentity: arn, cognitoMailThroughSes: true });
    templates.auth.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(JSON.stringify(pool(templates).EmailConfiguration.SourceArn)).toMatch(/:ses:eu-west-1:.*:identity\/example\.org"/);
    for (const targets of allowStatements(templates).filter((statement) => statement.actions.includes('ses:SendEmail'))) {
      expect(targets.resources).toContain(arn);
    }
  });
});

describe('the SES sandbox', () => {
  it('lets the api and the jobs send to each verified recipient named in the settings', () => {
    const { templates } = synthRete({ sandboxRecipients: ['tester@example.net', 'example.com'] });
    const expected = ['<configuration set>', '<sender identity>', 'example.com', 'tester@example.net'];
    expect(sendTargets(templates)).toEqual([expected, expected]);
  });
});
