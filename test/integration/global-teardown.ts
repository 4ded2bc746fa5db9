/** Stops the DynamoDB Local that global-setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.dynamoDbLocal?.stop();
  globalThis.dynamoDbLocal = undefined;
}
