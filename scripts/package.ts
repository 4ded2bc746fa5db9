/**
 * `npm run package`: osls package, after checking that every parameter serverless.yml needs was
 * passed, so a missing one is named with the flag that passes it.
 *   npm run package -- --param skillId=amzn1.ask.skill.<id> [--stage prod] [--package dir]
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

const OSLS = require.resolve('osls/bin/serverless.js', { paths: [ROOT] });

type Json = Record<string, unknown>;

/** For parameters whose value is not obvious: its shape, and where to find it. */
const EXAMPLES: Record<string, { value: string; from: string }> = {
  skillId: { value: 'amzn1.ask.skill.<id>', from: 'the Alexa developer console: your skill → Copy Skill ID' },
};

/** The value of each `--param name=value` (or `--param=name=value`), as osls reads them. */
export function paramsOf(args: string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const [i, arg] of args.entries()) {
    const item = arg === '--param' ? args[i + 1] : arg.startsWith('--param=') ? arg.slice('--param='.length) : undefined;
    const [, name, value] = item?.match(/^([^=]+)=(.*)$/s) ?? [];
    if (name !== undefined && value !== undefined) params.set(name, value.trimEnd());
  }
  return params;
}

/** The stage osls will use: `--stage`/`-s`, else a literal provider.stage, else osls's default. */
export function stageOf(args: string[], config: Json): string {
  for (const [i, arg] of args.entries()) {
    const next = args[i + 1];
    if ((arg === '--stage' || arg === '-s') && next) return next;
    if (arg.startsWith('--stage=')) return arg.slice('--stage='.length);
  }
  const stage = (config.provider as Json | undefined)?.stage;
  return typeof stage === 'string' && !stage.includes('${') ? stage : 'dev';
}

/** Nesting depth of `${…}` at index `at`, so a reference inside another's fallback is not counted. */
function depthAt(text: string, at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text.startsWith('${', i)) {
      depth++;
      i++;
    } else if (text[i] === '}' && depth > 0) depth--;
  }
  return depth;
}

/** Every `${param:name}` that has no fallback, with the config paths that use it. */
export function requiredParams(config: Json): Map<string, string[]> {
  const required = new Map<string, string[]>();
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\$\{param:([^\s,}]+)\}/g)) {
        const name = match[1];
        if (name === undefined || depthAt(value, match.index) > 0) continue;
        required.set(name, [...(required.get(name) ?? []), path.join('.')]);
      }
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(config)) if (key !== 'params') walk(value, [key]);
  return required;
}

/** The required parameters that neither the command line nor serverless.yml's params supply. */
export function missingParams(config: Json, args: string[]): { name: string; usedAt: string[] }[] {
  const given = paramsOf(args);
  const params = (config.params ?? {}) as Record<string, Json | undefined>;
  const stage = stageOf(args, config);
  const supplied = (name: string): boolean => Boolean(given.get(name)) || params[stage]?.[name] != null || params.default?.[name] != null;
  return [...requiredParams(config)].filter(([name]) => !supplied(name)).map(([name, usedAt]) => ({ name, usedAt }));
}

/** Where to find a parameter's value, when that is not obvious. */
function fromHint(name: string): string {
  const example = EXAMPLES[name];
  return example ? `; from ${example.from}` : '';
}

/** What to tell someone who left parameters out. */
export function missingParamsMessage(missing: { name: string; usedAt: string[] }[]): string {
  const one = missing.length === 1;
  return [
    `serverless.yml needs ${one ? 'a parameter that was' : 'parameters that were'} not passed: ${missing.map((m) => m.name).join(', ')}`,
    ...missing.map((m) => `  ${m.name}: used at ${m.usedAt.join(', ')}${fromHint(m.name)}`),
    `Pass ${one ? 'it' : 'each'} with --param, after npm's -- so it reaches osls:`,
    `  npm run package -- ${missing.map((m) => `--param ${m.name}=${EXAMPLES[m.name]?.value ?? '<value>'}`).join(' ')}`,
    ...(missing.some((m) => m.name === 'skillId') ? ['To package without a skill id at hand, `npm run deploy:check` uses a placeholder.'] : []),
  ].join('\n');
}

/** serverless.yml before variables are resolved, read by osls's own reader so it parses the same. */
export async function readServerlessConfig(): Promise<Json> {
  const { default: read } = (await import(require.resolve('osls/lib/configuration/read', { paths: [ROOT] }))) as { default: (file: string) => Promise<Json> };
  return read(join(ROOT, 'serverless.yml'));
}

export async function main(args: string[]): Promise<number> {
  const missing = missingParams(await readServerlessConfig(), args);
  if (missing.length) {
    console.error(`\npackage: ${missingParamsMessage(missing)}`);
    return 1;
  }
  const result = spawnSync(process.execPath, [OSLS, 'package', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    // serverless-esbuild never exits after a build error (floydspace/serverless-esbuild#532): cap the wait.
    timeout: 180_000,
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
