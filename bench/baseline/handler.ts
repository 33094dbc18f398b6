// The baseline function of the cold-start and bundle figures: the DynamoDB DocumentClient and the
// one Query that the measured API request makes (a member's open deliverables), nothing else:
// no framework, no validation, no token check. Bundled by the bench the way functions are.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { openDeliverablesOfMember } from '../../shared/store/keys';
import { INDEXES } from '../../shared/store/table';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION ?? 'eu-south-1',
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  }),
);

export async function handler(event: { rawPath: string }) {
  const [, consortiumId = '', memberId = ''] = /\/consortia\/([^/]+)\/members\/([^/]+)\/deliverables$/.exec(event.rawPath) ?? [];
  const result = await client.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      IndexName: INDEXES.byOwner.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEXES.byOwner.partitionKey },
      ExpressionAttributeValues: { ':pk': openDeliverablesOfMember(consortiumId, memberId).GSI3PK },
      Limit: 25,
    }),
  );
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: result.Items ?? [] }) };
}
