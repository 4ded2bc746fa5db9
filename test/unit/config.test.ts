import { ConfigError, readConfig } from '../../src/config';

const LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'twilight-dev-skill', SKILL_ID: 'amzn1.ask.skill.test' };

describe('TABLE_NAME', () => {
  // DynamoDB's rule for table names: 3 to 255 characters of a-z, A-Z, 0-9, "_", "-" and ".".
  const bad: [string, string, RegExp][] = [
    ['two characters', 'ab', /3/],
    ['256 characters', 't'.repeat(256), /255/],
    ['a space', 'my table', /letters|characters/i],
    ['a slash', 'twilight/couples', /letters|characters/i],
    ['a colon, as in an ARN', 'arn:aws:dynamodb:us-east-1:123456789012:table/twilight', /letters|characters/i],
    ['an accented letter', 'tablé', /letters|characters/i],
  ];

  it.each(bad)('refuses a name with %s, saying why', (_label, name, reason) => {
    for (const env of [{ ...LAMBDA, TABLE_NAME: name }, { TABLE_NAME: name }]) {
      let error: unknown;
      try {
        readConfig(env);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/TABLE_NAME/);
      expect((error as Error).message).toMatch(reason);
    }
  });

  it.each([
    ['three characters', 'abc'],
    ['255 characters', 't'.repeat(255)],
    ['dots, dashes and underscores', 'twilight-dev_CoupleTable.v2'],
    ['a CloudFormation name', 'Twilight-Prod-CoupleTable-1A2B3C'],
  ])('accepts a name of %s', (_label, name) => {
    expect(readConfig({ ...LAMBDA, TABLE_NAME: name }).tableName).toBe(name);
  });

  it('fails the Lambda at cold start, before any request', async () => {
    const env = jest.replaceProperty(process, 'env', { ...process.env, ...LAMBDA, TABLE_NAME: 'ab' });
    try {
      // A fresh module registry, as a cold start has; its ConfigError is another class object, so by name.
      let error: unknown;
      await jest.isolateModulesAsync(async () => {
        try {
          await import('../../src/handler');
        } catch (err) {
          error = err;
        }
      });
      expect((error as Error | undefined)?.name).toBe('ConfigError');
      expect((error as Error).message).toMatch(/TABLE_NAME.*3 to 255/);
    } finally {
      env.restore();
    }
  });
});

describe('AWS credentials (the store signs its own requests)', () => {
  it('takes the role credentials Lambda puts in the environment, session token included', () => {
    const config = readConfig({ ...LAMBDA, TABLE_NAME: 'twilight', AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    expect(config.awsCredentials).toEqual({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('has none unless both the key id and the secret are set', () => {
    expect(readConfig({ AWS_ACCESS_KEY_ID: 'AKID' }).awsCredentials).toBeUndefined();
    expect(readConfig({}).awsCredentials).toBeUndefined();
    expect(readConfig({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret' }).awsCredentials).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
    });
  });
});
