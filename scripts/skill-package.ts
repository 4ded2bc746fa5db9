/**
 * The skill package SMAPI imports: the manifest, the interaction models, the custom tasks and (for
 * custom triggers) the trigger definitions, in the folders Amazon's pages name, zipped as one
 * top-level folder (https://developer.amazon.com/en-US/docs/alexa/smapi/skill-package-api-reference.html).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { LOCALES } from '../src/speech/locale';
import type { SkillManifest } from './build-models';

/** The one folder the zip holds. */
export const PACKAGE_DIR = 'skill-package';

/**
 * Custom triggers' locales: a developer preview for North America, so the skill's two locales there.
 * "Only Alexa skills with the type routines can understand trigger definitions"
 * (https://developer.amazon.com/en-US/docs/alexa/routines/trigger-definition.html): they go in only
 * with the manifest's routines API, for a skill Amazon has let into the preview.
 */
const TRIGGER_LOCALES = ['en-US', 'en-CA'] as const;

/** What goes where in the package, from the models folder. */
export interface PackageSource {
  /** models/<locale>.json for each locale, as committed. */
  models: Record<string, string>;
  /** models/tasks/<Name>.<version>.json: "{TaskName}.{TaskVersion}.json" in the package's tasks folder. */
  tasks: Record<string, string>;
  /** models/routines/triggers/<name>/<locale>.json, keyed "<name>/<locale>.json". */
  triggers: Record<string, string>;
}

/** The package's sources from the working tree. */
export function packageSource(root: string): PackageSource {
  const models = Object.fromEntries(LOCALES.map((l) => [l, readFileSync(join(root, 'models', `${l}.json`), 'utf8')]));
  const taskDir = join(root, 'models', 'tasks');
  const tasks = Object.fromEntries(readdirSync(taskDir).map((f) => [f, readFileSync(join(taskDir, f), 'utf8')]));
  const triggerDir = join(root, 'models', 'routines', 'triggers');
  const triggers = Object.fromEntries(
    readdirSync(triggerDir).flatMap((name) =>
      readdirSync(join(triggerDir, name)).map((f) => [`${name}/${f}`, readFileSync(join(triggerDir, name, f), 'utf8')]),
    ),
  );
  return { models, tasks, triggers };
}

/**
 * The manifest's routines API for custom triggers: North America only, with the skill's function as
 * the endpoint the Routines Trigger SPI calls (required for UNICAST triggers)
 * (https://developer.amazon.com/en-US/docs/alexa/routines/routines-skill-manifest.html).
 */
export function withRoutinesApi(manifest: SkillManifest): SkillManifest {
  const copy = structuredClone(manifest);
  const uri = copy.manifest.apis.custom.endpoint.uri;
  copy.manifest.apis.routines = { endpoint: { uri }, regions: { NA: { endpoint: { uri } } } };
  return copy;
}

/** Every file of the package, by its path in the zip. */
export function packageFiles(manifest: SkillManifest, source: PackageSource, customTriggers: boolean): Map<string, string> {
  const files = new Map<string, string>();
  const shipped = customTriggers ? withRoutinesApi(manifest) : manifest;
  files.set(`${PACKAGE_DIR}/skill.json`, `${JSON.stringify(shipped, null, 2)}\n`);
  for (const [locale, text] of Object.entries(source.models)) files.set(`${PACKAGE_DIR}/interactionModels/custom/${locale}.json`, text);
  for (const [file, text] of Object.entries(source.tasks)) files.set(`${PACKAGE_DIR}/tasks/${file}`, text);
  if (customTriggers) for (const [file, text] of Object.entries(source.triggers)) files.set(`${PACKAGE_DIR}/routines/triggers/${file}`, text);
  return files;
}

/** Why SMAPI would refuse (or half-build) this package; none means it is whole. */
export function packageProblems(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const manifest = (JSON.parse(files.get(`${PACKAGE_DIR}/skill.json`) ?? '{}') as Partial<SkillManifest>).manifest;
  if (!manifest) return ['skill.json is missing'];
  const paths = [...files.keys()];
  for (const locale of Object.keys(manifest.publishingInformation?.locales ?? {}))
    if (!files.has(`${PACKAGE_DIR}/interactionModels/custom/${locale}.json`)) problems.push(`no interaction model for ${locale}`);
  const declared = (manifest.apis.custom.tasks ?? []).map((t) => `${PACKAGE_DIR}/tasks/${t.name}.${t.version}.json`);
  for (const file of declared) if (!files.has(file)) problems.push(`${file} is declared in apis.custom.tasks but missing`);
  for (const file of paths.filter((p) => p.startsWith(`${PACKAGE_DIR}/tasks/`)))
    if (!declared.includes(file)) problems.push(`${file} is not declared in apis.custom.tasks`);
  const triggers = paths.filter((p) => p.startsWith(`${PACKAGE_DIR}/routines/`));
  if (manifest.apis?.routines && triggers.length === 0) problems.push('apis.routines is declared but routines/triggers is missing');
  if (!manifest.apis?.routines && triggers.length > 0) problems.push('routines/triggers needs apis.routines, or the skill fails to build');
  if (manifest.apis?.routines) {
    // Without a permission the console shows no Alexa Client Id and Secret to fetch LWA tokens with (routines-skill-manifest.html).
    if ((manifest.permissions ?? []).length === 0) problems.push('custom triggers need at least one permission in the manifest');
    if (Object.keys(manifest.apis.routines.regions ?? {}).join() !== 'NA') problems.push('apis.routines must name the NA region only');
  }
  for (const [path, text] of files) {
    if (!path.startsWith(`${PACKAGE_DIR}/routines/`)) continue;
    const [, , , name, file] = path.split('/');
    if (!TRIGGER_LOCALES.some((l) => file === `${l}.json`)) problems.push(`${path}: custom triggers are North America only (en-US, en-CA)`);
    if ((JSON.parse(text) as { name?: unknown }).name !== name) problems.push(`${path}: name must match its folder`);
  }
  return problems;
}

/** A zip of `files` (deflated), readable by SMAPI's importer and any unzip; no dependency needed. */
export function zip(files: Map<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(0x00210000, at + 6); // 1980-01-01 00:00, so the zip is the same every build
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    common(entry, 6);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A package that is not whole: deploy stops on it, naming each fault. */
export class PackageError extends Error {}

/** The release's package from the working tree, checked (printed as one deploy step): its files by path. */
export function preparePackage(manifest: SkillManifest, customTriggers: boolean, root: string): Map<string, string> {
  console.log(`\n▸ skill package: manifest, interaction models, tasks${customTriggers ? ', custom triggers' : ''}`);
  const files = packageFiles(manifest, packageSource(root), customTriggers);
  const problems = packageProblems(files);
  if (problems.length) throw new PackageError(`the skill package is not whole:\n  ${problems.join('\n  ')}`);
  console.log(`skill package: ${files.size} files${customTriggers ? '' : ' (custom triggers left out: --param customTriggers=on once enrolled)'}`);
  return files;
}

/** Writes the package under `dist`, as its folder and as skill-package.zip; answers the zip's path. */
export function writePackage(files: Map<string, string>, dist: string): string {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  const zipFile = join(dist, `${PACKAGE_DIR}.zip`);
  writeFileSync(zipFile, zip(files));
  return zipFile;
}

/**
 * Whether this release carries the custom triggers: `--param customTriggers=on` or
 * TWILIGHT_CUSTOM_TRIGGERS=on (the flag wins), taken out of the args osls sees.
 */
export function customTriggersOf(args: string[], env: Record<string, string | undefined>): { on: boolean; rest: string[] } {
  let value = env.TWILIGHT_CUSTOM_TRIGGERS;
  const rest: string[] = [];
  let skipNext = false;
  for (const [i, arg] of args.entries()) {
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const flag = arg === '--param' ? args[i + 1] : arg.startsWith('--param=') ? arg.slice('--param='.length) : undefined;
    const given = flag?.match(/^customTriggers=(.*)$/s)?.[1];
    if (given === undefined) {
      rest.push(arg);
      continue;
    }
    value = given;
    skipNext = arg === '--param';
  }
  return { on: /^(on|true|1|yes)$/i.test(value?.trim() ?? ''), rest };
}

/** The ASK CLI v2 steps that import the package into the skill's development stage, and test it. */
export function importCommands(skillId: string, zipFile: string): string[] {
  return [
    'Next: import the skill package (manifest, interaction models, tasks) with the ASK CLI v2 (`ask configure` once):',
    '  ask smapi create-upload-url                      # prints an uploadUrl',
    `  curl --upload-file ${zipFile} "<uploadUrl>"`,
    `  ask smapi import-skill-package -s ${skillId} --location "<uploadUrl>"`,
    `  ask smapi get-skill-status -s ${skillId}          # wait for every model build to say SUCCEEDED`,
    `  ask smapi set-skill-enablement -s ${skillId} -g development`,
  ];
}
