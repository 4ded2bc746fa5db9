import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readConfig } from '../../src/config';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/local/embedded-db';
import schema from '../../src/store/table-schema.json';
import launchRequest from '../fixtures/launch-request.json';
import { must } from '../support/must';
import { readZip } from '../support/zip';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const SKILL_ID = launchRequest.context.System.application.applicationId;

/** The parts of the CloudFormation template osls writes that these checks read; the assertions check the values. */
interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}
interface Resource {
  Type: string;
  DeletionPolicy?: string;
  Properties: {
    Timeout?: number;
    Environment?: { Variables: Record<string, unknown> };
    RetentionInDays?: number;
    KeySchema?: unknown;
    AttributeDefinitions?: unknown;
    TimeToLiveSpecification?: { AttributeName: string };
    Policies?: { PolicyDocument: { Statement: Statement[] } }[];
  };
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** What the bundled handler answers, as far as these checks read it. */
interface BuiltResponse {
  version: string;
  response: { outputSpeech?: Speech; reprompt?: { outputSpeech?: Speech }; shouldEndSession?: boolean };
}
interface Speech {
  type: string;
  ssml?: string;
}

const ABSENT_ON_A_FRESH_MACHINE = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_LAMBDA_FUNCTION_NAME']);

/** A fresh machine's environment: no AWS credentials, no Lambda marker, no npm update check. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, npm_config_update_notifier: 'false', ...extra };
  return Object.fromEntries(Object.entries(env).filter(([name]) => !ABSENT_ON_A_FRESH_MACHINE.has(name)));
}

const resourcesOfType = (template: Template, type: string): [string, Resource][] => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

describe('deploy package (npm run package, offline, no credentials)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'twilight-package-'));
  const out = join(scratch, 'out');
  let template: Template;

  beforeAll(async () => {
    // Package a copy of the tree, so concurrent runs never share .esbuild/ or .serverless/.
    const service = join(scratch, 'service');
    const skip = new Set(['node_modules', '.git', 'dist', '.serverless', '.esbuild', '.twilight-data', 'coverage']);
    cpSync(ROOT, service, { recursive: true, filter: (src) => !skip.has(relative(ROOT, src).split(/[\\/]/)[0] ?? '') });
    symlinkSync(join(ROOT, 'node_modules'), join(service, 'node_modules'), 'dir');

    await run('npm', ['run', 'package', '--', '--param', `skillId=${SKILL_ID}`, '--package', out], {
      cwd: service,
      env: cleanEnv({ HOME: join(scratch, 'home') }),
      // serverless-esbuild never exits after a build error (floydspace/serverless-esbuild#532): cap the wait.
      timeout: 60_000,
    });
    template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('defines one arm64 Node 24 function that answers inside the Alexa deadline', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    const [, fn] = must(functions[0], 'a Lambda function');
    expect(fn.Properties).toMatchObject({
      Handler: 'src/handler.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
    });
    expect(fn.Properties.Timeout).toBeLessThan(8);
  });

  it('gives the function an environment that readConfig accepts in production', () => {
    const [, fn] = must(resourcesOfType(template, 'AWS::Lambda::Function')[0], 'a Lambda function');
    const vars = must(fn.Properties.Environment, "the function's environment").Variables;
    expect(vars).toMatchObject({
      SKILL_ID,
      TABLE_NAME: { Ref: 'CoupleTable' },
      DEFAULT_TIME_ZONE: 'America/New_York',
      RETENTION_DAYS: '180',
    });
    // An AWS SDK v2 setting: the store keeps its connections alive itself (src/store/dynamo-transport.ts).
    expect(vars).not.toHaveProperty('AWS_NODEJS_CONNECTION_REUSE_ENABLED');
    // On a supported runtime the SDK's end-of-support warning is news worth seeing in the logs.
    expect(vars).not.toHaveProperty('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED');
    // TABLE_NAME is a { Ref } until CloudFormation resolves it, as it is here; the other variables are strings.
    const config = readConfig({ ...(vars as Record<string, string>), TABLE_NAME: 'twilight-dev-CoupleTable', AWS_LAMBDA_FUNCTION_NAME: 'twilight-dev-skill' });
    expect(config).toMatchObject({ production: true, skillId: SKILL_ID, retentionDays: 180 });
    // Custom routine triggers stay off until the skill's LWA client is passed, and start on Amazon's development endpoint.
    expect(vars).toMatchObject({ ROUTINE_TRIGGERS_CLIENT_ID: '', ROUTINE_TRIGGERS_CLIENT_SECRET: '', ROUTINE_TRIGGERS_STAGE: 'development' });
    expect(config.routineTriggers).toBeUndefined();
  });

  it('lets only this skill invoke the function', () => {
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').map(([, p]) => p.Properties);
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: SKILL_ID,
    });
  });

  it('keeps logs for 14 days', () => {
    const groups = resourcesOfType(template, 'AWS::Logs::LogGroup');
    expect(groups.map(([, g]) => g.Properties.RetentionInDays)).toEqual([14]);
  });

  it('defines the table from src/store/table-schema.json, retained, with TTL, PITR and SSE', () => {
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
    expect(tables.map(([id]) => id)).toEqual(['CoupleTable']);
    const [, table] = must(tables[0], 'the table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.Properties.KeySchema).toEqual(schema.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(schema.AttributeDefinitions);
    expect(table.Properties.TimeToLiveSpecification?.AttributeName).toBe(schema.TimeToLiveAttribute);
  });

  it('grants DynamoDB item actions on the table and its indexes only', () => {
    const tableArn = { 'Fn::GetAtt': ['CoupleTable', 'Arn'] };
    const indexArn = { 'Fn::Join': ['/', [tableArn, 'index', '*']] };
    const statements = resourcesOfType(template, 'AWS::IAM::Role')
      .flatMap(([, role]) => role.Properties.Policies ?? [])
      .flatMap((policy) => policy.PolicyDocument.Statement);
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));

    expect(dynamo.length).toBeGreaterThan(0);
    const actions = dynamo.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    for (const action of actions) {
      expect(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem']).toContain(
        action,
      );
    }
    for (const statement of dynamo) {
      expect(statement.Effect).toBe('Allow');
      for (const resource of [statement.Resource].flat()) {
        expect([tableArn, indexArn]).toContainEqual(resource);
      }
    }
  });

  it('outputs the function ARN for the Alexa console', () => {
    const [logicalId] = must(resourcesOfType(template, 'AWS::Lambda::Function')[0], 'a Lambda function');
    expect(template.Outputs.SkillFunctionArn?.Value).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
  });

  it('zips a bundled async handler, no callback, that carries everything it loads', async () => {
    const zipFile = join(out, 'skill.zip');
    expect(existsSync(zipFile)).toBe(true);
    const entries = readZip(readFileSync(zipFile));
    const handler = entries.get('src/handler.js');
    expect(handler).toBeDefined();
    expect(statSync(zipFile).size).toBeLessThan(5 * 1024 * 1024);

    // Loaded from outside the repo, with no node_modules on the way up: nothing comes from the runtime.
    const unpacked = join(scratch, 'unpacked', 'handler.js');
    mkdirSync(dirname(unpacked), { recursive: true });
    writeFileSync(unpacked, handler!);
    const script = `const { handler } = require(${JSON.stringify(unpacked)}); process.stdout.write(JSON.stringify({ type: typeof handler, params: handler?.length }))`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: dirname(unpacked), env: cleanEnv({ NODE_PATH: '' }), timeout: 20_000 });
    const exported = JSON.parse(stdout) as { type: string; params: number };
    expect(exported.type).toBe('function');
    // nodejs24.x tells a callback handler by its arity and refuses one that declares a third parameter.
    expect(exported.params).toBeLessThan(3);
  });
});

describe('npm run build', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'twilight-build-'));
  const bundle = join(ROOT, 'dist', 'handler.js');
  let db: EmbeddedDb;
  let builtAt: number;

  beforeAll(async () => {
    builtAt = Date.now();
    await run('npm', ['run', 'build'], { cwd: ROOT, env: cleanEnv(), timeout: 60_000 });
    db = await startEmbeddedDb(join(scratch, 'db'));
  }, 90_000);

  afterAll(async () => {
    await db?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes dist/handler.js', () => {
    const { size, mtimeMs } = statSync(bundle);
    expect(size).toBeGreaterThan(0);
    expect(mtimeMs).toBeGreaterThanOrEqual(builtAt - 1000);
  });

  it('exports a handler that greets a LaunchRequest with a well-formed response', async () => {
    // A fresh process, so the module-level readConfig sees exactly this environment.
    const marker = 'TWILIGHT_RESULT ';
    const script = `
      const { handler } = require(${JSON.stringify(bundle)});
      const event = require(${JSON.stringify(join(ROOT, 'test', 'fixtures', 'launch-request.json'))});
      (async () => {
        const result = { handlerType: typeof handler };
        if (typeof handler === 'function') result.response = await handler(event, {});
        process.stdout.write('\\n${marker}' + JSON.stringify(result) + '\\n');
        process.exit(0);
      })().catch((err) => { console.error(err); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: scratch,
      timeout: 25_000,
      env: cleanEnv({
        HOME: scratch,
        DYNAMODB_ENDPOINT: db.endpoint,
        TABLE_NAME: 'twilight-build-test',
        AWS_REGION: 'us-east-1',
        SKILL_ID,
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      }),
    });
    const line = stdout.split('\n').find((l) => l.startsWith(marker));
    expect(line).toBeDefined();
    const result = JSON.parse(line!.slice(marker.length)) as { handlerType: string; response?: BuiltResponse };

    expect(result.handlerType).toBe('function');
    const envelope = result.response;
    expect(envelope?.version).toBe('1.0');
    expect(envelope?.response.outputSpeech?.type).toBe('SSML');
    expect(envelope?.response.outputSpeech?.ssml).toMatch(/^<speak>[\s\S]*<\/speak>$/);
    expect(envelope?.response.outputSpeech?.ssml).toMatch(/welcome/i);
    expect(envelope?.response.reprompt?.outputSpeech?.ssml).toMatch(/<speak>/);
    expect(envelope?.response.shouldEndSession).toBe(false);
  });
});

describe('npm run package without the skill id', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'twilight-package-missing-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('names the missing parameter and the flag that passes it', async () => {
    const failure = await run('npm', ['run', 'package'], { cwd: ROOT, env: cleanEnv({ HOME: scratch }), timeout: 60_000 }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stdout: string; stderr: string },
    );
    expect(failure).toBeDefined();
    expect(failure!.code).not.toBe(0);
    const said = `${failure!.stdout}\n${failure!.stderr}`;
    expect(said).toMatch(/\bskillId\b/);
    expect(said).toMatch(/npm run package -- --param skillId=/);
  }, 90_000);
});
