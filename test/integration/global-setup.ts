/** Placeholder until DynamoDB Local is wired in. */
export default async function globalSetup(): Promise<void> {}
