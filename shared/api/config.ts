// The API's configuration, parsed once at start from the environment; a bad value fails fast.
import { z } from 'zod';

const ApiConfig = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().min(1).default('eu-south-1'),
  /** Only for DynamoDB Local; absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export interface Config {
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ApiConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return {
    tableName: parsed.data.TABLE_NAME,
    region: parsed.data.AWS_REGION,
    dynamoEndpoint: parsed.data.DYNAMODB_ENDPOINT,
  };
}
