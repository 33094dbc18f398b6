// Reading IAM out of synthesized templates: every Allow statement (identity and resource policies),
// and what one function's role may do, action by action and resource by resource.
import type { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export interface Statement {
  where: string;
  actions: string[];
  resources: unknown[];
  /** The statement's Condition block, if any. */
  condition?: Record<string, Record<string, unknown>>;
  /** A bucket or queue policy rather than a role's. */
  resourcePolicy: boolean;
}

const RESOURCE_POLICIES = ['AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy'];

const entriesOf = (template: Template) => Object.entries(template.toJSON().Resources as Record<string, Resource>);

/** Every Allow statement of every policy in the templates, with where it is. */
export function allowStatements(templates: Record<string, Template>): Statement[] {
  return Object.entries(templates).flatMap(([stack, template]) =>
    entriesOf(template).flatMap(([id, resource]) => {
      const resourcePolicy = RESOURCE_POLICIES.includes(resource.Type);
      const documents =
        resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy' || resourcePolicy
          ? [resource.Properties.PolicyDocument]
          : resource.Type === 'AWS::IAM::Role'
            ? (resource.Properties.Policies ?? []).map((policy: { PolicyDocument: unknown }) => policy.PolicyDocument)
            : [];
      return documents.flatMap((document: { Statement: Record<string, any>[] }) =>
        document.Statement.filter((statement) => statement.Effect === 'Allow').map((statement) => ({
          where: `${stack}/${id}`,
          actions: [statement.Action].flat() as string[],
          resources: [statement.Resource].flat(),
          condition: statement.Condition,
          resourcePolicy,
        })),
      );
    }),
  );
}

/** Whether an IAM action pattern (`s3:DeleteObject*`, `s3:*`, `*`) allows the action. */
export function covers(pattern: string, action: string): boolean {
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`, 'i').test(action);
}

/** The statements of the policies attached to the role of the function `fnFilter` picks. */
export function roleStatements(template: Template, fnFilter: (fn: Resource) => boolean): Statement[] {
  const entries = entriesOf(template);
  const fn = entries.find(([, resource]) => resource.Type === 'AWS::Lambda::Function' && fnFilter(resource))![1];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return entries
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(roleId))
    .flatMap(([id, resource]) =>
      (resource.Properties.PolicyDocument.Statement as Record<string, any>[]).map((statement) => ({
        where: id,
        actions: [statement.Action].flat() as string[],
        resources: [statement.Resource].flat(),
        condition: statement.Condition,
        resourcePolicy: false,
      })),
    );
}

/** Every action a function's role may take. */
export const actionsOf = (template: Template, fnFilter: (fn: Resource) => boolean) =>
  new Set(roleStatements(template, fnFilter).flatMap((statement) => statement.actions));

const variablesOf = (fn: Resource) => Object.keys(fn.Properties.Environment?.Variables ?? {});

/** The export worker is the function with the files bucket and no export queue to send to. */
export const isWorker = (fn: Resource) => variablesOf(fn).includes('FILES_BUCKET') && !variablesOf(fn).includes('EXPORT_QUEUE_URL');

/** The scheduled jobs function is the jobs stack's one with the export queue to send to. */
export const isJobs = (fn: Resource) => variablesOf(fn).includes('EXPORT_QUEUE_URL');

/** The sealer is the function with the table and nothing else. */
export const isSealer = (fn: Resource) => variablesOf(fn).join() === 'TABLE_NAME';
