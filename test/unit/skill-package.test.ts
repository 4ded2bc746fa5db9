import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SkillManifest } from '../../scripts/build-models';
import { fillManifest } from '../../scripts/deploy';
import {
  customTriggersOf,
  importCommands,
  packageFiles,
  packageProblems,
  packageSource,
  PACKAGE_DIR,
  withRoutinesApi,
  zip,
  type PackageSource,
} from '../../scripts/skill-package';
import { TRIGGER_NAMES } from '../../src/domain/custom-triggers';
import { LOCALES } from '../../src/speech/locale';
import { must } from '../support/must';
import { readZip } from '../support/zip';

const ROOT = join(__dirname, '..', '..');
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:twilight-prod-skill';
const manifest = fillManifest(readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8'), {}, ARN);
const source = packageSource(ROOT);

// Where SMAPI expects each part: https://developer.amazon.com/en-US/docs/alexa/smapi/skill-package-api-reference.html (zip the
// top-level folder), https://developer.amazon.com/en-US/docs/alexa/custom-skills/implement-custom-tasks-in-your-skill.html
// (tasks/{TaskName}.{TaskVersion}.json) and https://developer.amazon.com/en-US/docs/alexa/routines/trigger-definition.html
// (routines/triggers/{name}/{locale}.json, only for a skill with the routines API).
describe('the skill package npm run deploy builds', () => {
  it('holds the manifest, every interaction model and the StartWindDown task, in the folders SMAPI reads', () => {
    const files = packageFiles(manifest, source, false);
    expect([...files.keys()].sort()).toEqual(
      [
        `${PACKAGE_DIR}/skill.json`,
        ...LOCALES.map((l) => `${PACKAGE_DIR}/interactionModels/custom/${l}.json`),
        `${PACKAGE_DIR}/tasks/StartWindDown.1.json`,
      ].sort(),
    );
    expect(JSON.parse(must(files.get(`${PACKAGE_DIR}/skill.json`), 'skill.json'))).toEqual(manifest);
    expect(files.get(`${PACKAGE_DIR}/tasks/StartWindDown.1.json`)).toBe(readFileSync(join(ROOT, 'models', 'tasks', 'StartWindDown.1.json'), 'utf8'));
    expect(packageProblems(files)).toEqual([]);
  });

  it('adds the trigger definitions and the routines API (North America, the skill function as endpoint) only when enrolled', () => {
    const files = packageFiles(manifest, source, true);
    for (const name of TRIGGER_NAMES)
      for (const locale of ['en-US', 'en-CA']) expect(files.has(`${PACKAGE_DIR}/routines/triggers/${name}/${locale}.json`)).toBe(true);
    const shipped = JSON.parse(must(files.get(`${PACKAGE_DIR}/skill.json`), 'skill.json')) as SkillManifest;
    // https://developer.amazon.com/en-US/docs/alexa/routines/routines-skill-manifest.html: API name routines, regions (NA only in
    // this release) and endpoint, both required for UNICAST triggers.
    expect(shipped.manifest.apis.routines).toEqual({ endpoint: { uri: ARN }, regions: { NA: { endpoint: { uri: ARN } } } });
    expect(shipped.manifest.apis.custom).toEqual(manifest.manifest.apis.custom);
    expect(packageProblems(files)).toEqual([]);
    expect(withRoutinesApi(manifest)).not.toBe(manifest);
    expect(manifest.manifest.apis.routines).toBeUndefined();
  });

  const broken = (edit: (s: PackageSource) => PackageSource, customTriggers = false) =>
    packageProblems(packageFiles(manifest, edit(structuredClone(source)), customTriggers));

  it('fails when models/tasks or models/routines is missing, or a file is in the wrong place', () => {
    expect(broken((s) => ({ ...s, tasks: {} }))).toEqual([
      expect.stringMatching(/tasks\/StartWindDown\.1\.json is declared in apis\.custom\.tasks but missing/),
    ]);
    expect(broken((s) => ({ ...s, tasks: { ...s.tasks, 'Other.1.json': '{}' } }))).toEqual([expect.stringMatching(/Other\.1\.json is not declared/)]);
    expect(broken((s) => ({ ...s, triggers: {} }), true)).toEqual(['apis.routines is declared but routines/triggers is missing']);
    expect(broken((s) => ({ ...s, models: { 'en-US': must(s.models['en-US'], 'the en-US model') } }))).toEqual(
      expect.arrayContaining(['no interaction model for en-GB']),
    );
    const gb = broken(
      (s) => ({
        ...s,
        triggers: { ...s.triggers, 'WindDownStarted/en-GB.json': must(s.triggers['WindDownStarted/en-US.json'], 'the WindDownStarted definition') },
      }),
      true,
    );
    expect(gb).toEqual([expect.stringMatching(/en-GB\.json: custom triggers are North America only/)]);
    const misnamed = broken(
      (s) => ({ ...s, triggers: { ...s.triggers, 'Elsewhere/en-US.json': must(s.triggers['WindDownStarted/en-US.json'], 'the WindDownStarted definition') } }),
      true,
    );
    expect(misnamed).toEqual([expect.stringMatching(/name must match its folder/)]);
  });

  it('refuses trigger definitions without the routines API, and custom triggers without a permission (no client id in the console then)', () => {
    const files = packageFiles(manifest, source, false);
    files.set(
      `${PACKAGE_DIR}/routines/triggers/WindDownStarted/en-US.json`,
      must(source.triggers['WindDownStarted/en-US.json'], 'the WindDownStarted definition'),
    );
    expect(packageProblems(files)).toEqual(['routines/triggers needs apis.routines, or the skill fails to build']);
    const bare = structuredClone(manifest);
    bare.manifest.permissions = [];
    expect(packageProblems(packageFiles(bare, source, true))).toEqual(['custom triggers need at least one permission in the manifest']);
  });

  it('zips the one top-level folder, every file intact', () => {
    const files = packageFiles(manifest, source, true);
    const entries = readZip(zip(files));
    expect([...entries.keys()]).toEqual([...files.keys()]);
    for (const [name, text] of files) expect(entries.get(name)?.toString('utf8')).toBe(text);
    expect([...entries.keys()].every((n) => n.startsWith(`${PACKAGE_DIR}/`))).toBe(true);
    expect(zip(files).equals(zip(files))).toBe(true);
  });

  it('turns the triggers on with --param customTriggers=on or TWILIGHT_CUSTOM_TRIGGERS=on, the flag winning, and keeps the flag from osls', () => {
    expect(customTriggersOf(['--stage', 'prod'], {})).toEqual({ on: false, rest: ['--stage', 'prod'] });
    expect(customTriggersOf(['--param', 'customTriggers=on', '--stage', 'prod'], {})).toEqual({ on: true, rest: ['--stage', 'prod'] });
    expect(customTriggersOf(['--param=customTriggers=on'], {}).on).toBe(true);
    expect(customTriggersOf([], { TWILIGHT_CUSTOM_TRIGGERS: 'on' }).on).toBe(true);
    expect(customTriggersOf(['--param', 'customTriggers=off'], { TWILIGHT_CUSTOM_TRIGGERS: 'on' }).on).toBe(false);
    expect(customTriggersOf(['--param', 'skillId=amzn1.ask.skill.x'], {}).rest).toEqual(['--param', 'skillId=amzn1.ask.skill.x']);
  });

  it('tells how to import the package with the ASK CLI', () => {
    const lines = importCommands('amzn1.ask.skill.abc', 'dist/skill-package.zip').join('\n');
    expect(lines).toMatch(/ask smapi create-upload-url/);
    expect(lines).toMatch(/dist\/skill-package\.zip/);
    expect(lines).toMatch(/ask smapi import-skill-package -s amzn1\.ask\.skill\.abc --location/);
  });
});
