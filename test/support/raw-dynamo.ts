import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * An AWS SDK v3 client on DynamoDB Local, for tests to look at items without going through the
 * store (whose own client is src/store/dynamo-client.ts). Same credentials as the store uses locally.
 */
export const rawDynamoClient = (endpoint: string, region: string): DynamoDBClient =>
  new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
