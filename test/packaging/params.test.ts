import { missingParams, missingParamsMessage, paramsOf, readServerlessConfig, requiredParams, stageOf } from '../../scripts/package';

describe('the parameters npm run package checks for', () => {
  let config: Record<string, unknown>;
  beforeAll(async () => {
    config = await readServerlessConfig();
  });

  it('asks only for the skill id in serverless.yml as committed: everything else has a default', () => {
    const missing = missingParams(config, []);
    expect(missing.map((m) => m.name)).toEqual(['skillId']);
    expect(missing[0]?.usedAt).toEqual(expect.arrayContaining(['provider.environment.SKILL_ID', 'functions.skill.events.0.alexaSkill']));
    expect(missingParams(config, ['--param', 'skillId=amzn1.ask.skill.x'])).toEqual([]);
    expect(missingParams(config, ['--param=skillId=amzn1.ask.skill.x', '--stage', 'prod'])).toEqual([]);
  });

  it('counts an empty value as not passed (osls rejects it too)', () => {
    expect(missingParams(config, ['--param', 'skillId=']).map((m) => m.name)).toEqual(['skillId']);
  });

  it('reads --param in both spellings, keeping = inside values', () => {
    const params = paramsOf(['--param', 'a=1', '--param=b=x=y', '--stage', 'prod', 'c=2']);
    expect([...params]).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
    ]);
  });

  it('takes the stage from the flags, then a literal provider.stage, then dev', () => {
    expect(stageOf(['--stage', 'prod'], {})).toBe('prod');
    expect(stageOf(['-s', 'prod'], {})).toBe('prod');
    expect(stageOf(['--stage=prod'], {})).toBe('prod');
    expect(stageOf([], { provider: { stage: 'beta' } })).toBe('beta');
    expect(stageOf([], { provider: { stage: "${opt:stage, 'dev'}" } })).toBe('dev');
  });

  it('needs a parameter only where it has no fallback and no value in params', () => {
    const synthetic = {
      params: { default: { region: 'eu-west-1' }, prod: { token: 'secret' } },
      provider: {
        environment: {
          TOKEN: '${param:token}',
          REGION: '${param:region}',
          OPTIONAL: "${param:optional, 'off'}",
          NESTED: '${param:first, ${param:second}}',
          ARN: 'arn:aws:lambda:${param:account}:function',
        },
      },
    };
    expect([...requiredParams(synthetic).keys()].sort()).toEqual(['account', 'region', 'token']);
    expect(
      missingParams(synthetic, [])
        .map((m) => m.name)
        .sort(),
    ).toEqual(['account', 'token']);
    expect(missingParams(synthetic, ['--stage', 'prod']).map((m) => m.name)).toEqual(['account']);
    expect(missingParams(synthetic, ['--stage', 'prod', '--param', 'account=123'])).toEqual([]);
  });

  it('tells how to pass each missing parameter', () => {
    const message = missingParamsMessage([
      { name: 'skillId', usedAt: ['provider.environment.SKILL_ID'] },
      { name: 'token', usedAt: ['provider.environment.TOKEN'] },
    ]);
    expect(message).toMatch(/--param skillId=amzn1\.ask\.skill\./);
    expect(message).toMatch(/--param token=/);
    expect(message).toContain('provider.environment.TOKEN');
  });
});
