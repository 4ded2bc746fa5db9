import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import {
  fillManifest,
  functionArnOf,
  LISTING_PARAMS,
  listingParamsOf,
  manifestFor,
  manifestProblems,
  POLICY_FILES,
  prepareRelease,
  retentionDaysOf,
  skillIdOf,
  type ListingParams,
} from '../../scripts/deploy';
import { offerDirective, WIND_DOWN_TASK } from '../../src/domain/routine';
import { UtteranceResolver } from '../../src/local/resolve-utterance';
import type { InteractionModel } from '../../src/local/interaction-model';
import { LOCALES, type SkillLocale } from '../../src/speech/locale';
import { talk } from '../support/skill';
import { SILENT_TYPES } from '../support/envelopes';
import { must } from '../support/must';

const ROOT = join(__dirname, '..', '..');
const PLACEHOLDER_ARN = 'arn:aws:lambda:us-east-1:ACCOUNT:function:REPLACE';
const INVOCATION = 'twilight ritual';

/** The parts of models/skill.json these checks read; the assertions check the values. */
interface SkillManifest {
  manifestVersion: string;
  publishingInformation: {
    locales: Record<SkillLocale, Listing>;
    isAvailableWorldwide: boolean;
    distributionCountries: string[];
    category: string;
    testingInstructions: string;
  };
  privacyAndCompliance: { locales: Record<SkillLocale, { privacyPolicyUrl: string; termsOfUseUrl: string }> };
  apis: { custom: { endpoint: { uri: string }; interfaces?: ManifestInterface[]; tasks?: { name: string; version: string }[] }; routines?: unknown };
  events: { endpoint: { uri: string }; subscriptions?: { eventName: string }[] };
  permissions?: { name: string }[];
}
interface Listing {
  name: string;
  summary: string;
  description: string;
  keywords: string[];
  examplePhrases: string[];
  smallIconUri: string;
  largeIconUri: string;
}
/** The parts of an OpenAPI task file (models/tasks) these checks read. */
interface TaskDefinition {
  openapi: string;
  info: { 'x-amzn-alexa-access-scope'?: string; 'x-amzn-display-details'?: Record<string, { title: string } | undefined> };
  paths: Record<
    string,
    Record<string, unknown> & { post?: { requestBody: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> } }
  >;
}
interface ManifestInterface {
  type: string;
  supportedViewports?: { mode: string; shape: string; minWidth: number; maxWidth: number; minHeight: number; maxHeight: number }[];
}

const { manifest } = JSON.parse(readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8')) as { manifest: SkillManifest };
const publishing = manifest.publishingInformation;
const interfaces = manifest.apis?.custom?.interfaces ?? [];
const declares = (type: string) => interfaces.some((i) => i.type === type);
const permissions = (manifest.permissions ?? []).map((p) => p.name);
const subscriptions = (manifest.events?.subscriptions ?? []).map((s) => s.eventName);

/** The Lambda's own code: everything under src but the local simulator. */
function sourceFiles(dir = join(ROOT, 'src')): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return relative(ROOT, path) === join('src', 'local') ? [] : sourceFiles(path);
    return /\.(ts|json)$/.test(name) ? [{ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }] : [];
  });
}
const files = sourceFiles();
const src = files.map((f) => f.text).join('\n');
const usModel = JSON.parse(readFileSync(join(ROOT, 'models', 'en-US.json'), 'utf8')).interactionModel.languageModel;
const modelIntents = new Set<string>(usModel.intents.map((i: { name: string }) => i.name));

/** Permission names Alexa knows for custom skills; anything else is a typo Alexa would reject. */
const KNOWN_SCOPES = new Set([
  'alexa::alerts:reminders:skill:readwrite',
  'alexa::alerts:timers:skill:readwrite',
  'alexa::person_id:read',
  'alexa::profile:name:read',
  'alexa::profile:given_name:read',
  'alexa::profile:email:read',
  'alexa::profile:mobile_number:read',
  'alexa::household:lists:read',
  'alexa::household:lists:write',
  'alexa::devices:all:geolocation:read',
  'alexa::devices:all:notifications:write',
  'read::alexa:device:all:address',
  'read::alexa:device:all:address:country_and_postal_code',
]);
// The routine-trigger scope is granted to the skill's own LWA client (client credentials), never asked of the user.
const LWA_CLIENT_SCOPES = new Set(['alexa::routines:triggerinstances:write']);
const scopesInSrc = new Set([...src.matchAll(/['"`]((?:alexa|read)::[a-z_:]+)['"`]/g)].flatMap((m) => m[1] ?? []).filter((s) => !LWA_CLIENT_SCOPES.has(s)));
const readsPerson = /System\??\.person\b|getPersonId\(/.test(src);

describe('skill manifest (models/skill.json)', () => {
  it('is a version 1.0 manifest for the five English locales, each with its interaction model', () => {
    expect(manifest.manifestVersion).toBe('1.0');
    expect(Object.keys(publishing.locales)).toEqual([...LOCALES]);
    expect(Object.keys(manifest.privacyAndCompliance.locales)).toEqual([...LOCALES]);
    for (const locale of LOCALES) expect(existsSync(join(ROOT, 'models', `${locale}.json`))).toBe(true);
  });

  it('is offered in the US, GB, CA, AU and IN only, as a health and fitness skill', () => {
    expect(publishing.isAvailableWorldwide).toBe(false);
    expect([...publishing.distributionCountries].sort()).toEqual(['AU', 'CA', 'GB', 'IN', 'US']);
    expect(publishing.category).toBe('HEALTH_AND_FITNESS');
    expect(publishing.testingInstructions).toMatch(/open twilight ritual/);
  });

  it('answers the privacy questions truthfully: personal info, no purchases, ads or children', () => {
    expect(manifest.privacyAndCompliance).toMatchObject({
      allowsPurchases: false,
      usesPersonalInfo: true,
      isChildDirected: false,
      isExportCompliant: true,
      containsAds: false,
    });
    for (const locale of LOCALES) {
      const urls = manifest.privacyAndCompliance.locales[locale];
      expect(urls.privacyPolicyUrl).toMatch(/^https:\/\//);
      expect(urls.termsOfUseUrl).toMatch(/^https:\/\//);
    }
  });

  it('keeps the placeholder endpoint in the committed file (npm run deploy writes the real ARN to dist/skill.json)', () => {
    expect(manifest.apis.custom.endpoint.uri).toBe(PLACEHOLDER_ARN);
    expect(manifest.events.endpoint.uri).toBe(PLACEHOLDER_ARN);
  });

  describe.each(LOCALES)('%s store listing', (locale) => {
    const listing = publishing.locales[locale];
    const model = JSON.parse(readFileSync(join(ROOT, 'models', `${locale}.json`), 'utf8')) as InteractionModel;
    const resolver = new UtteranceResolver(model, () => '2026-11-25');

    it('is "Twilight Ritual", within Alexa\'s length limits', () => {
      expect(listing.name).toBe('Twilight Ritual');
      expect(listing.summary.length).toBeLessThanOrEqual(160);
      expect(listing.description.length).toBeLessThanOrEqual(4000);
      expect(listing.keywords.length).toBeLessThanOrEqual(30);
      expect(listing.smallIconUri).toMatch(/^https:\/\//);
      expect(listing.largeIconUri).toMatch(/^https:\/\//);
    });

    it('says plainly that it is not medical advice and no substitute for the care team', () => {
      expect(listing.description).toMatch(/not medical advice/i);
      expect(listing.description).toMatch(/no substitute for your care team/i);
      expect(listing.summary).toMatch(/not medical advice/i);
    });

    it('says who it is for, what it does, and that lights and music are optional', () => {
      expect(listing.description).toMatch(/couples/i);
      expect(listing.description).toMatch(/energy/i);
      expect(listing.description).toMatch(/lights and music are optional/i);
      expect(listing.description).toMatch(/delete/i);
    });

    it('quotes only phrases the model understands', () => {
      const quoted = [...listing.description.matchAll(/"([^"]+)"/g)].flatMap((m) => m[1] ?? []);
      expect(quoted.length).toBeGreaterThan(0);
      expect(quoted.filter((q) => !resolver.resolve(q))).toEqual([]);
    });

    it('has distinct keywords, none empty', () => {
      const keywords = listing.keywords;
      expect(keywords.length).toBeGreaterThanOrEqual(10);
      expect(new Set(keywords.map((k) => k.toLowerCase())).size).toBe(keywords.length);
      expect(keywords.filter((k) => k.trim() === '')).toEqual([]);
    });

    it('has at most three example phrases, the first one opening the skill', () => {
      expect(listing.examplePhrases.length).toBeGreaterThanOrEqual(1);
      expect(listing.examplePhrases.length).toBeLessThanOrEqual(3);
      expect(listing.examplePhrases[0]).toBe(`Alexa, open ${INVOCATION}`);
    });

    it.each(listing.examplePhrases)('"%s" is something the model understands', (phrase) => {
      const parts = new RegExp(`^Alexa, (open|launch|start|ask|tell) ${INVOCATION}(?: (.+))?$`).exec(phrase);
      expect(parts).not.toBeNull();
      const [, verb, rest] = parts!;
      if (verb === 'open' || verb === 'launch' || verb === 'start') {
        expect(rest).toBeUndefined();
        return;
      }
      // "ask twilight ritual for an idea…": Alexa drops the connecting word before matching.
      const request = must(rest, 'a request after the invocation name');
      const candidates = [request, request.replace(/^(to|for|about|if|whether|that) /, '')];
      const heard = candidates.map((c) => resolver.resolve(c)).find((r) => r && !r.intent.startsWith('AMAZON.'));
      expect(heard).toBeDefined();
    });
  });

  describe('permissions', () => {
    it('names only permissions Alexa knows', () => {
      expect(permissions.filter((p) => !KNOWN_SCOPES.has(p))).toEqual([]);
    });

    it('asks for nothing to learn the time zone: the Alexa Settings API needs no permission', () => {
      expect(src).toMatch(/getSystemTimeZone\(/);
      expect(permissions.filter((p) => /time_?zone|settings/i.test(p))).toEqual([]);
    });

    it('declares every permission scope the code asks for', () => {
      expect([...scopesInSrc].filter((s) => !permissions.includes(s))).toEqual([]);
    });

    it('declares alexa::person_id:read exactly when the code reads the recognised speaker', () => {
      expect(permissions.includes('alexa::person_id:read')).toBe(readsPerson);
    });

    const reminders = 'alexa::alerts:reminders:skill:readwrite';
    it(`declares ${reminders} exactly when src asks for it, and then asks consent, creates reminders and handles the answer`, () => {
      expect(permissions.includes(reminders)).toBe(scopesInSrc.has(reminders));
      if (!scopesInSrc.has(reminders)) return;
      expect(src).toMatch(/AskForPermissionsConsent/);
      expect(src).toMatch(/\/v1\/alerts\/reminders|getReminderManagementServiceClient|ReminderManagementServiceClient/);
      expect(src).toMatch(/['"]Connections\.Response['"]/);
    });
  });

  describe('interfaces', () => {
    it('declares AUDIO_PLAYER when the code sends AudioPlayer directives, and ALEXA_PRESENTATION_APL when it renders APL', () => {
      if (/addAudioPlayerPlayDirective|['"]AudioPlayer\.Play['"]/.test(src)) expect(declares('AUDIO_PLAYER')).toBe(true);
      if (src.includes('Alexa.Presentation.APL.RenderDocument')) expect(declares('ALEXA_PRESENTATION_APL')).toBe(true);
      expect(interfaces.map((i) => i.type).filter((t) => !['AUDIO_PLAYER', 'ALEXA_PRESENTATION_APL', 'CAN_FULFILL_INTENT_REQUEST'].includes(t))).toEqual([]);
    });

    it('declares CAN_FULFILL_INTENT_REQUEST exactly when a handler answers CanFulfillIntentRequest', () => {
      expect(declares('CAN_FULFILL_INTENT_REQUEST')).toBe(/isType\(\s*'CanFulfillIntentRequest'\s*\)/.test(src) && src.includes('withCanFulfillIntent('));
    });

    describe('AUDIO_PLAYER', () => {
      if (!declares('AUDIO_PLAYER')) return;
      const missingIntents = ['AMAZON.PauseIntent', 'AMAZON.ResumeIntent'].filter((n) => !modelIntents.has(n));
      it('has AMAZON.PauseIntent and AMAZON.ResumeIntent in the model, as AUDIO_PLAYER requires', () => expect(missingIntents).toEqual([]));
      {
        it('stops the stream when "pause" (or "stop") is said during playback, outside a session', async () => {
          const { skill, log } = talk();
          const envelope = playerEvent('IntentRequest');
          Object.assign(envelope.request, { intent: { name: 'AMAZON.PauseIntent', confirmationStatus: 'NONE' } });
          const response = await skill.invoke(envelope);
          expect(directiveTypes(response)).toEqual(expect.arrayContaining([expect.stringMatching(/^AudioPlayer\.(Stop|ClearQueue)$/)]));
          expect(response.response.outputSpeech).toBeUndefined();
          expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
        });
      }

      const events = SILENT_TYPES;
      const unhandled = events.filter((e) => !src.includes(`'${e}'`));
      it('handles every player event and button (src/handlers/audio.ts)', () => expect(unhandled).toEqual([]));

      it.each(events)('answers %s, sent outside a session, with directives only: no speech, no error', async (type) => {
        const { skill, log } = talk();
        const response = await skill.invoke(playerEvent(type));
        expect(response.response.outputSpeech).toBeUndefined();
        expect(response.response.reprompt).toBeUndefined();
        expect(response.response.card).toBeUndefined();
        expect(response.response.shouldEndSession).not.toBe(false);
        expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
      });

      it('stops the stream when the pause button is pressed', async () => {
        const { skill } = talk();
        const response = await skill.invoke(playerEvent('PlaybackController.PauseCommandIssued'));
        expect(directiveTypes(response)).toEqual(expect.arrayContaining([expect.stringMatching(/^AudioPlayer\.(Stop|ClearQueue)$/)]));
      });
    });

    describe('ALEXA_PRESENTATION_APL', () => {
      if (!declares('ALEXA_PRESENTATION_APL')) return;
      const apl = interfaces.find((i) => i.type === 'ALEXA_PRESENTATION_APL')!;

      it('supports the round hub and the landscape hubs', () => {
        const viewports = apl.supportedViewports ?? [];
        expect(viewports).toContainEqual(expect.objectContaining({ mode: 'HUB', shape: 'ROUND' }));
        expect(viewports.filter((v) => v.mode === 'HUB' && v.shape === 'RECTANGLE' && v.minWidth > v.maxHeight).length).toBeGreaterThan(0);
        for (const v of viewports) {
          expect(v.minWidth).toBeLessThanOrEqual(v.maxWidth);
          expect(v.minHeight).toBeLessThanOrEqual(v.maxHeight);
        }
      });

      const renderers = files.filter((f) => f.text.includes('addDirective(') && /RenderDocument|from '\.\.\/screens\//.test(f.text));
      it('has something in src that sends Alexa.Presentation.APL.RenderDocument', () => expect(renderers.length).toBeGreaterThan(0));
      it.each(renderers.map((f) => f.file))('%s sends APL only to devices that support it', (file) => {
        expect(files.find((f) => f.file === file)!.text).toMatch(/supportsApl\(|\[\s*['"]Alexa\.Presentation\.APL['"]\s*\]/);
      });
    });
  });

  describe('events', () => {
    const handlesDisabled = src.includes("'AlexaSkillEvent.SkillDisabled'");

    it('subscribes to SKILL_DISABLED whenever the code handles it, at the skill endpoint', () => {
      if (handlesDisabled) expect(subscriptions).toContain('SKILL_DISABLED');
      if (subscriptions.length) expect(manifest.events.endpoint.uri).toBe(manifest.apis.custom.endpoint.uri);
    });

    it('handles AlexaSkillEvent.SkillDisabled exactly when subscribed to it', () => expect(handlesDisabled).toBe(subscriptions.includes('SKILL_DISABLED')));
    if (handlesDisabled) {
      it('answers AlexaSkillEvent.SkillDisabled without speech or error', async () => {
        const { skill, log } = talk();
        const response = await skill.invoke(skillEvent('AlexaSkillEvent.SkillDisabled'));
        expect(response.response?.outputSpeech).toBeUndefined();
        expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
      });
    }
  });
});

describe('what the routine features need from the manifest', () => {
  // https://developer.amazon.com/en-US/docs/alexa/custom-skills/implement-custom-tasks-in-your-skill.html: a task file is
  // {TaskName}.{TaskVersion}.json in the package's tasks folder, OpenAPI 3, one path /{TaskName}, POST only, JSON in and out,
  // x-amzn-alexa-access-scope public or vendor-private; the manifest lists the skill's tasks under apis.custom.tasks.
  const taskDir = join(ROOT, 'models', 'tasks');
  const taskFiles = readdirSync(taskDir);
  const tasks: { name: string; version: string }[] = manifest.apis.custom.tasks ?? [];

  it('declares exactly the tasks in models/tasks, the one the routine offer starts among them', () => {
    expect(tasks.map((t) => `${t.name}.${t.version}.json`).sort()).toEqual([...taskFiles].sort());
    expect(tasks).toContainEqual({ name: WIND_DOWN_TASK.name, version: WIND_DOWN_TASK.version });
    const op = must(offerDirective(APP, 'en-US').input.automation.operations.serial[0], 'the operation').operation;
    expect(op.payload.connectionRequest.uri).toBe(`connection://${APP}.${WIND_DOWN_TASK.name}/${WIND_DOWN_TASK.version}?provider=${APP}`);
  });

  it.each(taskFiles)('%s follows the task-definition rules', (file) => {
    const [, name, version] = /^(\w+)\.(\d+)\.json$/.exec(file) ?? [];
    expect(Number(version)).toBeGreaterThan(0);
    const task = JSON.parse(readFileSync(join(taskDir, file), 'utf8')) as TaskDefinition;
    expect(task.openapi).toMatch(/^3\./);
    expect(Object.keys(task.paths)).toEqual([`/${name}`]);
    const path = must(task.paths[`/${name}`], `the /${name} path`);
    expect(Object.keys(path).filter((k) => ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'].includes(k))).toEqual(['post']);
    const post = must(path.post, 'the POST operation');
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json']);
    for (const response of Object.values(post.responses)) if (response.content) expect(Object.keys(response.content)).toEqual(['application/json']);
    expect(['public', 'vendor-private']).toContain(task.info['x-amzn-alexa-access-scope']);
    expect(task.info['x-amzn-display-details']?.['en-US']?.title.length).toBeGreaterThan(0);
  });

  it("asks the couple for no permission to offer a routine or fire a trigger: the trigger scope belongs to the skill's own LWA client", () => {
    expect(permissions).not.toContain('alexa::routines:triggerinstances:write');
    expect(src).toContain("'alexa::routines:triggerinstances:write'");
  });

  it('keeps at least one permission, without which the console shows no Alexa Client Id for custom triggers', () => {
    // https://developer.amazon.com/en-US/docs/alexa/routines/routines-skill-manifest.html
    expect(permissions.length).toBeGreaterThan(0);
  });

  it('leaves the routines API out of the committed manifest: deploy adds it, with the triggers, only with --param customTriggers=on', () => {
    expect(manifest.apis.routines).toBeUndefined();
    expect(existsSync(join(ROOT, 'models', 'routines', 'triggers'))).toBe(true);
  });

  it('handles the Routines Trigger SPI requests that UNICAST triggers bring', () => {
    expect(src).toMatch(/Routines\.Trigger\.Create/);
    expect(src).toMatch(/Routines\.Trigger\.Delete/);
  });
});

describe('npm run deploy', () => {
  const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:twilight-prod-skill';

  it('reads the skill id the way osls takes it', () => {
    expect(skillIdOf(['--param', 'skillId=amzn1.ask.skill.abc', '--stage', 'prod'])).toBe('amzn1.ask.skill.abc');
    expect(skillIdOf(['--param=skillId=amzn1.ask.skill.abc'])).toBe('amzn1.ask.skill.abc');
    expect(skillIdOf(['--param', 'defaultTimeZone=Europe/London'])).toBeUndefined();
  });

  it('finds the function ARN in the stack outputs osls info prints', () => {
    const info = `service: twilight\nstage: prod\n\nStack Outputs:\n  SkillLambdaFunctionQualifiedArn: ${arn}:3\n  SkillFunctionArn: ${arn}\n  ServerlessDeploymentBucketName: twilight-prod-serverlessdeploymentbucket-1\n`;
    expect(functionArnOf(info)).toBe(arn);
    expect(functionArnOf('Stack Outputs:\n  ServerlessDeploymentBucketName: x\n')).toBeUndefined();
  });

  it('points the skill and its events at the deployed function, changing nothing else', () => {
    const committed = readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8');
    const deployed = JSON.parse(manifestFor(arn, committed)).manifest;
    expect(deployed.apis.custom.endpoint.uri).toBe(arn);
    expect(deployed.events.endpoint.uri).toBe(arn);
    expect({ ...deployed, apis: undefined, events: undefined }).toEqual({ ...manifest, apis: undefined, events: undefined });
    expect(deployed.apis.custom.interfaces).toEqual(manifest.apis.custom.interfaces);
  });
});

describe('npm run deploy: the store listing and policies', () => {
  const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:twilight-prod-skill';
  const committed = readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8');
  const policies = Object.fromEntries(POLICY_FILES.map((f) => [f, readFileSync(join(ROOT, 'docs', f), 'utf8')]));
  const good: Required<ListingParams> = {
    privacyPolicyUrl: 'https://twilight-ritual.app/privacy',
    termsOfUseUrl: 'https://twilight-ritual.app/terms',
    smallIconUri: 'https://cdn.twilight-ritual.app/icon-108.png',
    largeIconUri: 'https://cdn.twilight-ritual.app/icon-512.png',
    contact: 'privacy@twilight-ritual.app',
  };
  const release = (params: ListingParams, withArn = true) =>
    prepareRelease({ manifestText: committed, policies, params, retentionDays: '180', arn: withArn ? arn : undefined });

  it('takes each listing parameter from a flag or the environment, the flag winning, and keeps them from osls', () => {
    const env = { TWILIGHT_PRIVACY_POLICY_URL: 'https://env.twilight-ritual.app/privacy', TWILIGHT_CONTACT: 'env@twilight-ritual.app' };
    const args = [
      '--param',
      'skillId=amzn1.ask.skill.abc',
      '--param',
      `privacyPolicyUrl=${good.privacyPolicyUrl}`,
      `--param=smallIconUri=${good.smallIconUri}`,
      '--stage',
      'prod',
      '--param',
      'retentionDays=90',
    ];
    const { params, rest } = listingParamsOf(args, env);
    expect(params).toEqual({ privacyPolicyUrl: good.privacyPolicyUrl, smallIconUri: good.smallIconUri, contact: 'env@twilight-ritual.app' });
    expect(rest).toEqual(['--param', 'skillId=amzn1.ask.skill.abc', '--stage', 'prod', '--param', 'retentionDays=90']);
    expect(Object.values(LISTING_PARAMS).every((v) => v.startsWith('TWILIGHT_'))).toBe(true);
  });

  it('fills the four URLs in every locale and changes nothing else', () => {
    const filled = fillManifest(committed, good, arn).manifest;
    for (const locale of LOCALES) {
      expect(filled.publishingInformation.locales[locale]).toEqual({
        ...publishing.locales[locale],
        smallIconUri: good.smallIconUri,
        largeIconUri: good.largeIconUri,
      });
      expect(filled.privacyAndCompliance.locales[locale]).toEqual({ privacyPolicyUrl: good.privacyPolicyUrl, termsOfUseUrl: good.termsOfUseUrl });
    }
    const unlisted = (m: { publishingInformation: object; privacyAndCompliance: object }) => ({
      ...m,
      publishingInformation: { ...m.publishingInformation, locales: undefined },
      privacyAndCompliance: { ...m.privacyAndCompliance, locales: undefined },
    });
    expect(unlisted(filled)).toEqual(unlisted(JSON.parse(manifestFor(arn, committed)).manifest));
  });

  it('is ready with real URLs, a contact and the deployed function, and fills the policies', () => {
    const ready = release(good);
    expect(ready.problems).toEqual([]);
    for (const file of POLICY_FILES) {
      expect(ready.policies[file]).toContain(good.contact);
      expect(ready.policies[file]).not.toMatch(/\$\{/);
    }
    expect(ready.policies['privacy-policy.md']).toMatch(/\b180 days\b/);
  });

  it('refuses the committed placeholders, naming every field at fault in every locale', () => {
    const { problems } = release({}, false);
    for (const locale of LOCALES) {
      for (const field of ['privacyPolicyUrl', 'termsOfUseUrl'])
        expect(problems).toContainEqual(
          expect.stringMatching(new RegExp(`^manifest\\.privacyAndCompliance\\.locales\\.${locale}\\.${field} .*--param ${field}=`)),
        );
      for (const field of ['smallIconUri', 'largeIconUri'])
        expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^manifest\\.publishingInformation\\.locales\\.${locale}\\.${field} `)));
    }
    for (const file of POLICY_FILES) expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^docs/${file}: \\$\\{contact\\} is not filled in`)));
    // Without an ARN (deploy:check, or before osls deploy) the endpoint is deploy's own to fill.
    expect(problems.filter((p) => p.includes('endpoint'))).toEqual([]);
  });

  it('refuses the placeholder endpoint when there is no deployed function to fill it', () => {
    expect(manifestProblems(fillManifest(committed, good))).toEqual([
      expect.stringMatching(/^manifest\.events\.endpoint\.uri is still a placeholder/),
      expect.stringMatching(/^manifest\.apis\.custom\.endpoint\.uri is still a placeholder/),
    ]);
  });

  it.each([
    ['an empty URL', { privacyPolicyUrl: '' }, /privacyPolicyUrl is empty/],
    ['PLACEHOLDER', { termsOfUseUrl: 'https://twilight-ritual.app/PLACEHOLDER' }, /termsOfUseUrl is still a placeholder/],
    ['example.com', { smallIconUri: 'https://www.example.com/icon.png' }, /smallIconUri is still a placeholder/],
    ['an unfilled ${...}', { largeIconUri: 'https://cdn.twilight-ritual.app/${size}.png' }, /largeIconUri is still a placeholder/],
    ['plain http', { privacyPolicyUrl: 'http://twilight-ritual.app/privacy' }, /privacyPolicyUrl is not an https:\/\/ address/],
    ['not a URL', { termsOfUseUrl: 'our terms' }, /termsOfUseUrl is not a web address/],
    ['a placeholder contact', { contact: 'you@example.com' }, /privacy-policy\.md: still a placeholder/],
  ])('refuses %s', (_what, bad, message) => {
    const { problems } = release({ ...good, ...bad });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => message.test(p) || p.includes('terms-of-use.md: still a placeholder'))).toBe(true);
  });

  it('refuses an unfilled ${...} anywhere in the manifest, by its path', () => {
    const text = committed.replace('"testingInstructions": "', '"testingInstructions": "${TESTER} ');
    const { problems } = prepareRelease({ manifestText: text, policies, params: good, retentionDays: '180', arn });
    expect(problems).toEqual([expect.stringMatching(/^manifest\.publishingInformation\.testingInstructions is still a placeholder/)]);
  });

  it('states the retention the stack is deployed with', () => {
    const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
    expect(retentionDaysOf([], yml)).toMatch(/^\d+$/);
    expect(retentionDaysOf(['--param', 'retentionDays=90'], yml)).toBe('90');
    const { policies: filled } = prepareRelease({ manifestText: committed, policies, params: good, retentionDays: '90', arn });
    expect(filled['privacy-policy.md']).toMatch(/\b90 days after you last used/);
  });
});

const APP = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const USER = 'amzn1.ask.account.test-couple';

function system() {
  return {
    application: { applicationId: APP },
    user: { userId: USER },
    device: { deviceId: 'amzn1.ask.device.test', supportedInterfaces: { AudioPlayer: {} } },
    apiEndpoint: 'https://api.amazonalexa.com',
    apiAccessToken: 'token',
  };
}

/** An AudioPlayer, PlaybackController or System event, as Alexa sends it: no session. */
function playerEvent(type: string): RequestEnvelope {
  const request: Record<string, unknown> = { type, requestId: `amzn1.echo-api.request.${type}`, timestamp: '2026-11-26T01:00:00Z', locale: 'en-US' };
  if (type.startsWith('AudioPlayer.')) Object.assign(request, { token: 'twilight-stream', offsetInMilliseconds: 1200 });
  if (type === 'AudioPlayer.PlaybackFailed') {
    request.error = { type: 'MEDIA_ERROR_SERVICE_UNAVAILABLE', message: 'stream unavailable' };
    request.currentPlaybackState = { token: 'twilight-stream', offsetInMilliseconds: 1200, playerActivity: 'PLAYING' };
  }
  if (type === 'System.ExceptionEncountered') {
    request.error = { type: 'INVALID_RESPONSE', message: 'bad directive' };
    request.cause = { requestId: 'amzn1.echo-api.request.earlier' };
  }
  return {
    version: '1.0',
    context: { System: system(), AudioPlayer: { token: 'twilight-stream', offsetInMilliseconds: 1200, playerActivity: 'PLAYING' } },
    request,
  } as unknown as RequestEnvelope;
}

/** A skill event (enable, disable, permission change): no session, no device. */
function skillEvent(type: string): RequestEnvelope {
  const { device: _device, ...noDevice } = system();
  return {
    version: '1.0',
    context: { System: noDevice },
    request: {
      type,
      requestId: `amzn1.echo-api.request.${type}`,
      timestamp: '2026-11-26T01:00:00Z',
      eventCreationTime: '2026-11-26T01:00:00Z',
      eventPublishingTime: '2026-11-26T01:00:01Z',
      body: { userInformationPersistenceStatus: 'NOT_PERSISTED' },
    },
  } as unknown as RequestEnvelope;
}

function directiveTypes(response: ResponseEnvelope): string[] {
  return (response.response.directives ?? []).map((d) => d.type);
}
