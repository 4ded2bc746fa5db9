/**
 * One-command deploy, and the offline check CI runs.
 *   npm run deploy -- --param skillId=amzn1.ask.skill.<id> [--stage prod] [--region eu-west-1]
 *       models --check, osls deploy, then the Lambda ARN, a ready manifest in dist/skill.json and
 *       the ASK CLI commands that upload it with the five interaction models.
 *   npm run deploy:check
 *       models --check, tsc, osls package with a placeholder skill id: no AWS account needed.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOCALES } from '../src/speech/locale';
import { ROOT, staleFiles } from './build-models';

export const PLACEHOLDER_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_ARN = 'arn:aws:lambda:us-east-1:ACCOUNT:function:REPLACE';
const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OSLS = require.resolve('osls/bin/serverless.js', { paths: [ROOT] });
const TSC = require.resolve('typescript/bin/tsc', { paths: [ROOT] });

class DeployError extends Error {}

/** The value of `--param skillId=…` (or `--param=skillId=…`), if given. */
export function skillIdOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const param = args[i] === '--param' ? args[i + 1] : args[i].startsWith('--param=') ? args[i].slice('--param='.length) : undefined;
    const match = param?.match(/^skillId=(.*)$/);
    if (match) return match[1];
  }
  return undefined;
}

/** The function ARN from `osls info --verbose` output (the SkillFunctionArn stack output). */
export function functionArnOf(infoOutput: string): string | undefined {
  return infoOutput.match(/SkillFunctionArn:\s*(arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+)/)?.[1];
}

/** The committed manifest with the deployed function as the skill and events endpoint. */
export function manifestFor(arn: string, manifestText: string): string {
  const manifest = JSON.parse(manifestText);
  manifest.manifest.apis.custom.endpoint.uri = arn;
  if (manifest.manifest.events?.endpoint) manifest.manifest.events.endpoint.uri = arn;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function run(label: string, command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', encoding: 'utf8', ...options });
  if (result.error) throw new DeployError(`${label} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new DeployError(`${label} failed (exit ${result.status ?? result.signal})`);
  return typeof result.stdout === 'string' ? result.stdout : '';
}

function step(title: string): void {
  console.log(`\n▸ ${title}`);
}

function checkModels(): void {
  step('npm run models -- --check');
  const stale = staleFiles();
  if (stale.length) throw new DeployError(`generated files are out of date: ${stale.join(', ')}. Run \`npm run models\` and commit the result.`);
  console.log('models: generated files are up to date');
}

/** `npm run deploy:check`: what CI runs, offline and without AWS credentials. */
function offlineCheck(extra: string[]): void {
  checkModels();
  step('tsc -p .');
  run('tsc', process.execPath, [TSC, '-p', '.']);
  step(`osls package --param skillId=${PLACEHOLDER_SKILL_ID}`);
  run('osls package', process.execPath, [OSLS, 'package', '--param', `skillId=${PLACEHOLDER_SKILL_ID}`, ...extra], {
    env: { ...process.env, npm_config_update_notifier: 'false' },
    // serverless-esbuild never exits after a build error (floydspace/serverless-esbuild#532): cap the wait.
    timeout: 180_000,
  });
  console.log('\ndeploy:check passed: models current, types clean, package built in .serverless/');
}

function deploy(args: string[]): void {
  const skillId = skillIdOf(args);
  if (!skillId) throw new DeployError('missing the skill id: npm run deploy -- --param skillId=amzn1.ask.skill.<id> (Alexa developer console → your skill → Copy Skill ID)');
  if (!SKILL_ID.test(skillId) || skillId === PLACEHOLDER_SKILL_ID) throw new DeployError(`"${skillId}" is not a real skill id (amzn1.ask.skill.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);

  checkModels();
  step(`osls deploy ${args.join(' ')}`);
  run('osls deploy', process.execPath, [OSLS, 'deploy', ...args]);

  step('osls info --verbose');
  const info = run('osls info', process.execPath, [OSLS, 'info', '--verbose', ...args], { stdio: ['inherit', 'pipe', 'inherit'] });
  const arn = functionArnOf(info);
  if (!arn) throw new DeployError('deployed, but no SkillFunctionArn in `osls info --verbose`; find it in the CloudFormation stack outputs');

  const manifestFile = join(ROOT, 'dist', 'skill.json');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(manifestFile, manifestFor(arn, readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8')));

  const lines = [
    '',
    `Lambda ARN: ${arn}`,
    '',
    'Next: point the skill at it and upload the models (ASK CLI v2, `ask configure` once):',
    `  ask smapi update-skill-manifest -s ${skillId} -g development --manifest "file:${relative(ROOT, manifestFile)}"`,
    ...LOCALES.map((l) => `  ask smapi set-interaction-model -s ${skillId} -g development -l ${l} --interaction-model "file:models/${l}.json"`),
    `  ask smapi get-skill-status -s ${skillId}          # wait for every model build to say SUCCEEDED`,
    `  ask smapi set-skill-enablement -s ${skillId} -g development`,
    'Then say "Alexa, open twilight ritual" on a device signed in to your developer account, or in the console Test tab.',
  ];
  console.log(lines.join('\n'));
}

export function main(argv: string[]): number {
  try {
    if (argv[0] === '--check') offlineCheck(argv.slice(1));
    else deploy(argv);
    return 0;
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    console.error(`\ndeploy: ${error.message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
