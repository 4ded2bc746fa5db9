import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDbLocal } from '../scripts/dynamodb-local';
import { coupleKey, tableDefinition } from '../src/store/dynamo-store';
import { BASELINE_TABLE, EVENINGS, OURS_TABLE, REGION, WARMUP_EVENINGS, type Skill } from './config';
import { warmUserId } from './envelopes';
import { sdkClient, type RoundTrips } from './round-trips';

/** A Lambda-like environment: only what the bundles need, nothing inherited (no NODE_OPTIONS, no profiles). */
export function childEnv(db: DynamoDbLocal, skill: Skill): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DYNAMODB_ENDPOINT: db.endpoint,
    TABLE_NAME: skill === 'ours' ? OURS_TABLE : BASELINE_TABLE,
    AWS_REGION: REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Lambda hands the role's credentials to the default chain this way; ours ignores them locally.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

/** Both skills' tables, created before any timing. */
export async function createTables(endpoint: string): Promise<void> {
  const client = sdkClient(REGION, endpoint);
  try {
    await client.send(new CreateTableCommand(tableDefinition(OURS_TABLE)));
    await client.send(
      new CreateTableCommand({
        TableName: BASELINE_TABLE,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const TableName of [OURS_TABLE, BASELINE_TABLE]) await waitUntilTableExists({ client, maxWaitTime: 20, minDelay: 1 }, { TableName });
  } finally {
    client.destroy();
  }
}

/**
 * Gives every warm couple the item the in-process run left after its last evening, so each warm
 * evening is a couple's next evening at steady state (the last in-process evening was yesterday).
 */
export async function seedWarmCouples(endpoint: string, trips: RoundTrips, tag: string): Promise<void> {
  const client = sdkClient(REGION, endpoint);
  try {
    for (let i = 0; i < WARMUP_EVENINGS + EVENINGS; i++) {
      const ours = coupleKey(warmUserId(`${tag}-ours`, i));
      await client.send(new PutItemCommand({ TableName: OURS_TABLE, Item: { ...trips.oursLastState, pk: { S: ours.pk }, sk: { S: ours.sk } } }));
      await client.send(new PutItemCommand({ TableName: BASELINE_TABLE, Item: { ...trips.baselineLastItem, id: { S: warmUserId(`${tag}-baseline`, i) } } }));
    }
  } finally {
    client.destroy();
  }
}
