import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local';

declare global {
  /** The emulator this jest run started, for global-teardown to stop. */
  var dynamoDbLocal: DynamoDbLocal | undefined;
}

/** Starts DynamoDB Local once per jest run; workers inherit DYNAMODB_LOCAL_ENDPOINT. */
export default async function globalSetup(): Promise<void> {
  // A developer may already run one (`tsx scripts/dynamodb-local.ts`); reuse it.
  if (process.env.DYNAMODB_LOCAL_ENDPOINT) return;
  const db = await startDynamoDbLocal();
  globalThis.dynamoDbLocal = db;
  process.env.DYNAMODB_LOCAL_ENDPOINT = db.endpoint;
}
