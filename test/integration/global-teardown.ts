/** Placeholder until DynamoDB Local is wired in. */
export default async function globalTeardown(): Promise<void> {}
