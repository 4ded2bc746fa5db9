/**
 * One-command deploy, and the offline check CI runs.
 *   npm run deploy -- --param skillId=amzn1.ask.skill.<id> --param privacyPolicyUrl=https://… \
 *       --param termsOfUseUrl=https://… --param smallIconUri=https://… --param largeIconUri=https://… \
 *       --param contact=… [--stage prod] [--region eu-west-1]   (or the TWILIGHT_* variables)
 *       [--param customTriggers=on]   models --check, the listing's verdict, osls deploy, the Lambda
 *       ARN, dist/skill-package.zip (manifest, models, tasks; the triggers when on), the policies in
 *       dist/ and the ASK CLI commands to import the package.
 *   npm run deploy:check [-- the same parameters]
 *       models --check, the same listing verdict, the skill package checked, tsc, osls package with
 *       a placeholder skill id: no AWS account needed.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, staleFiles, type SkillManifest } from './build-models';
import { customTriggersOf, importCommands, PackageError, preparePackage, writePackage } from './skill-package';

export const PLACEHOLDER_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_ARN = 'arn:aws:lambda:us-east-1:ACCOUNT:function:REPLACE';
const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OSLS = require.resolve('osls/bin/serverless.js', { paths: [ROOT] });
const TSC = require.resolve('typescript/bin/tsc', { paths: [ROOT] });

class DeployError extends Error {}

/** Where each `--param name=value` sits in args: [index of the flag, how many args it takes, name, value]. */
function paramsIn(args: string[]): [number, number, string, string][] {
  const found: [number, number, string, string][] = [];
  for (const [i, arg] of args.entries()) {
    const [param, width] = arg === '--param' ? [args[i + 1], 2] : arg.startsWith('--param=') ? [arg.slice('--param='.length), 1] : [undefined, 0];
    const [, name, value] = param?.match(/^(\w+)=(.*)$/s) ?? [];
    if (name !== undefined && value !== undefined) found.push([i, width, name, value]);
  }
  return found;
}

/** The value of `--param skillId=…` (or `--param=skillId=…`), if given. */
export function skillIdOf(args: string[]): string | undefined {
  return paramsIn(args).find(([, , name]) => name === 'skillId')?.[3];
}

/** What the store listing and the policies need at deploy time, by parameter name and environment variable. */
export const LISTING_PARAMS = {
  privacyPolicyUrl: 'TWILIGHT_PRIVACY_POLICY_URL',
  termsOfUseUrl: 'TWILIGHT_TERMS_OF_USE_URL',
  smallIconUri: 'TWILIGHT_SMALL_ICON_URI',
  largeIconUri: 'TWILIGHT_LARGE_ICON_URI',
  contact: 'TWILIGHT_CONTACT',
} as const;
export type ListingParam = keyof typeof LISTING_PARAMS;
export type ListingParams = Partial<Record<ListingParam, string>>;

const isListingParam = (name: string): name is ListingParam => Object.hasOwn(LISTING_PARAMS, name);
const hint = (name: ListingParam) => `pass --param ${name}=… or set ${LISTING_PARAMS[name]}`;

/** The listing parameters (a flag wins over the environment) and the args left for osls, which has no use for them. */
export function listingParamsOf(args: string[], env: Record<string, string | undefined>): { params: ListingParams; rest: string[] } {
  const params: ListingParams = {};
  for (const name of Object.keys(LISTING_PARAMS) as ListingParam[]) {
    const value = env[LISTING_PARAMS[name]];
    if (value !== undefined) params[name] = value;
  }
  const drop = new Set<number>();
  for (const [at, width, name, value] of paramsIn(args)) {
    if (!isListingParam(name)) continue;
    params[name] = value;
    for (let k = 0; k < width; k++) drop.add(at + k);
  }
  return { params, rest: args.filter((_, i) => !drop.has(i)) };
}

/** Days a couple's record is kept after last use: `--param retentionDays=…`, else serverless.yml's default. */
export function retentionDaysOf(args: string[], serverlessYml: string): string {
  const given = paramsIn(args).find(([, , name]) => name === 'retentionDays')?.[3];
  return given ?? /^\s+retentionDays:\s*'?(\d+)'?\s*$/m.exec(serverlessYml)?.[1] ?? '180';
}

/** The manifest with the listing's URLs in every locale, and the endpoint when the ARN is known. */
export function fillManifest(manifestText: string, params: ListingParams, arn?: string): SkillManifest {
  const out = JSON.parse(arn ? manifestFor(arn, manifestText) : manifestText) as SkillManifest;
  const fill = (entry: Record<string, unknown>, field: ListingParam) => {
    if (params[field] !== undefined) entry[field] = params[field];
  };
  for (const listing of Object.values(out.manifest.publishingInformation?.locales ?? {})) {
    fill(listing, 'smallIconUri');
    fill(listing, 'largeIconUri');
  }
  for (const urls of Object.values(out.manifest.privacyAndCompliance?.locales ?? {})) {
    fill(urls, 'privacyPolicyUrl');
    fill(urls, 'termsOfUseUrl');
  }
  return out;
}

/** A template with each `${name}` replaced by its value; unknown names stay, for the verdict to catch. */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) && values[name] ? values[name] : whole));
}

const PLACEHOLDERS = [/placeholder/i, /REPLACE/, /(?:^|[/.@\s])example\.(?:com|org|net)\b/i, /\$\{[^}]*\}/];
const isPlaceholder = (text: string) => PLACEHOLDERS.some((p) => p.test(text));
const URL_FIELDS = new Set(['privacyPolicyUrl', 'termsOfUseUrl', 'smallIconUri', 'largeIconUri']);
const ENDPOINTS = new Set(['manifest.apis.custom.endpoint.uri', 'manifest.events.endpoint.uri']);

function urlProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  if (isPlaceholder(value)) return `is still a placeholder (${value})`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a web address (${value})`;
  }
  return url.protocol === 'https:' ? undefined : `is not an https:// address (${value})`;
}

/**
 * Each field of the manifest Alexa would refuse or show as a placeholder, named by its path. With
 * `endpointsLater` the endpoints are left out: deploy fills them from the stack it just deployed.
 */
export function manifestProblems(manifest: SkillManifest, opts: { endpointsLater?: boolean } = {}): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string, key: string) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${path}[${i}]`, key));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k, k);
    else if (typeof node === 'string') {
      if (opts.endpointsLater && ENDPOINTS.has(path)) return;
      const problem = URL_FIELDS.has(key) ? urlProblem(node) : isPlaceholder(node) ? `is still a placeholder (${node})` : undefined;
      if (problem) problems.push(`${path} ${problem}${isListingParam(key) ? `: ${hint(key)}` : ''}`);
    }
  };
  walk(manifest, '', '');
  return problems;
}

/** What a filled policy page still lacks: an unfilled `${…}` or a placeholder contact. */
export function documentProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const [whole, name = ''] of text.matchAll(/\$\{(\w+)\}/g))
    problems.push(`${file}: ${whole} is not filled in${isListingParam(name) ? `: ${hint(name)}` : ''}`);
  for (const line of text.split('\n')) if (isPlaceholder(line) && !line.includes('${')) problems.push(`${file}: still a placeholder in "${line.trim()}"`);
  return problems;
}

/** The policies Twilight publishes, as templates under docs/. */
export const POLICY_FILES = ['privacy-policy.md', 'terms-of-use.md'] as const;

/** Everything a release writes (manifest, filled policies) and every reason it must not be uploaded yet. */
export function prepareRelease(input: { manifestText: string; policies: Record<string, string>; params: ListingParams; retentionDays: string; arn?: string }): {
  manifest: SkillManifest;
  policies: Record<string, string>;
  problems: string[];
} {
  const manifest = fillManifest(input.manifestText, input.params, input.arn);
  const values = { contact: input.params.contact?.trim(), retentionDays: input.retentionDays };
  const policies = Object.fromEntries(Object.entries(input.policies).map(([file, text]) => [file, fillTemplate(text, values)]));
  const problems = [
    ...manifestProblems(manifest, { endpointsLater: input.arn === undefined }),
    ...Object.entries(policies).flatMap(([file, text]) => documentProblems(`docs/${file}`, text)),
  ];
  return { manifest, policies, problems };
}

/** The function ARN from `osls info --verbose` output (the SkillFunctionArn stack output). */
export function functionArnOf(infoOutput: string): string | undefined {
  return /SkillFunctionArn:\s*(arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+)/.exec(infoOutput)?.[1];
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

/** The release from the files on disk: committed manifest, policy templates, serverless.yml's retention. */
function releaseFromDisk(args: string[], params: ListingParams, arn?: string) {
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
  return prepareRelease({
    manifestText: read('models/skill.json'),
    policies: Object.fromEntries(POLICY_FILES.map((f) => [f, read(join('docs', f))])),
    params,
    retentionDays: retentionDaysOf(args, read('serverless.yml')),
    arn,
  });
}

/** Prints the verdict on the store listing and policies; true when they are ready to upload. */
function listingVerdict(problems: string[]): boolean {
  step('store listing and policies (manifest URLs, icons, contact)');
  if (problems.length === 0) {
    console.log('listing: ready to upload');
    return true;
  }
  console.error(`listing: not ready to upload, ${problems.length} field(s) at fault:\n  ${problems.join('\n  ')}`);
  return false;
}

/** `npm run deploy:check`: offline and without AWS credentials; the listing verdict is the one deploy gives. */
function offlineCheck(args: string[], env: Record<string, string | undefined>): void {
  const { on: customTriggers, rest: withoutTriggers } = customTriggersOf(args, env);
  const { params, rest } = listingParamsOf(withoutTriggers, env);
  checkModels();
  const release = releaseFromDisk(rest, params);
  const listingReady = listingVerdict(release.problems);
  preparePackage(release.manifest, customTriggers, ROOT);
  step('tsc -p .');
  run('tsc', process.execPath, [TSC, '-p', '.']);
  step(`osls package --param skillId=${PLACEHOLDER_SKILL_ID}`);
  run('osls package', process.execPath, [OSLS, 'package', '--param', `skillId=${PLACEHOLDER_SKILL_ID}`, ...rest], {
    env: { ...process.env, npm_config_update_notifier: 'false' },
    // serverless-esbuild never exits after a build error (floydspace/serverless-esbuild#532): cap the wait.
    timeout: 180_000,
  });
  if (!listingReady) throw new DeployError('models current, types clean, package built; but npm run deploy would refuse the listing above');
  console.log('\ndeploy:check passed: models current, listing ready, skill package whole, types clean, package built in .serverless/');
}

function deploy(args: string[], env: Record<string, string | undefined>): void {
  const skillId = skillIdOf(args);
  if (!skillId)
    throw new DeployError(
      'missing the skill id: npm run deploy -- --param skillId=amzn1.ask.skill.<id> (Alexa developer console → your skill → Copy Skill ID)',
    );
  if (!SKILL_ID.test(skillId) || skillId === PLACEHOLDER_SKILL_ID)
    throw new DeployError(`"${skillId}" is not a real skill id (amzn1.ask.skill.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  const { on: customTriggers, rest: withoutTriggers } = customTriggersOf(args, env);
  const { params, rest } = listingParamsOf(withoutTriggers, env);

  checkModels();
  // Refused before anything is deployed, so a failed listing or package never leaves a half-done release.
  const draft = releaseFromDisk(rest, params);
  if (!listingVerdict(draft.problems)) throw new DeployError('the listing above is not ready to upload; nothing was deployed');
  preparePackage(draft.manifest, customTriggers, ROOT);

  step(`osls deploy ${rest.join(' ')}`);
  run('osls deploy', process.execPath, [OSLS, 'deploy', ...rest]);

  step('osls info --verbose');
  const info = run('osls info', process.execPath, [OSLS, 'info', '--verbose', ...rest], { stdio: ['inherit', 'pipe', 'inherit'] });
  const arn = functionArnOf(info);
  if (!arn) throw new DeployError('deployed, but no SkillFunctionArn in `osls info --verbose`; find it in the CloudFormation stack outputs');

  const release = releaseFromDisk(rest, params, arn);
  if (!listingVerdict(release.problems)) throw new DeployError('deployed, but the manifest is not ready to upload; dist/ was not written');
  const dist = join(ROOT, 'dist');
  mkdirSync(dist, { recursive: true });
  for (const [file, text] of Object.entries(release.policies)) writeFileSync(join(dist, file), text);
  const zipFile = writePackage(preparePackage(release.manifest, customTriggers, ROOT), dist);

  const lines = [
    '',
    `Lambda ARN: ${arn}`,
    '',
    `Publish ${POLICY_FILES.map((f) => `dist/${f}`).join(' and ')} (your contact filled in) at the two addresses you passed:`,
    `  privacy policy  ${params.privacyPolicyUrl}`,
    `  terms of use    ${params.termsOfUseUrl}`,
    '',
    ...importCommands(skillId, relative(ROOT, zipFile)),
    'Then say "Alexa, open twilight ritual" on a device signed in to your developer account, or in the console Test tab.',
  ];
  console.log(lines.join('\n'));
}

/** The command line; the environment is passed in so the TWILIGHT_* variables are read in one place. */
export function main(argv: string[], env: Record<string, string | undefined> = process.env): number {
  try {
    if (argv[0] === '--check') offlineCheck(argv.slice(1), env);
    else deploy(argv, env);
    return 0;
  } catch (error) {
    if (!(error instanceof DeployError) && !(error instanceof PackageError)) throw error;
    console.error(`\ndeploy: ${error.message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
