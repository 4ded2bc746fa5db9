import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { LIGHTS_UP, TWILIGHT_LIGHT, type Lights } from '../ambience/types';
import { readConfig } from '../config';
import { silentLog, type Clock, type Log } from '../deps';
import { depsFromConfig } from '../deps-from-config';
import { isTimeZone, localDay } from '../domain/dates';
import { OFFER_TOKEN } from '../domain/routine';
import { buildSkill } from '../skill';
import { TRIGGER_NAMES } from '../domain/custom-triggers';
import { describeOffer, startAlexaApi, triggerInstanceOk } from './alexa-api';
import { Conversation, type Exchange } from './conversation';
import { startEmbeddedDb } from './embedded-db';
import { parseClock } from './sim-clock';

const ROOT = resolve(__dirname, '..', '..');
const USAGE = `Twilight local simulator: type what you would say to Alexa.

  npm start                         interactive prompt
  npm start -- "my energy is 2"     one-shot: each argument is one line, then exit
Flags:
  --voice NAME    speak as a recognised voice profile (context.System.person) called NAME
  --fresh         forget everything saved (starts a new couple)
  --tz ZONE       the device's time zone (default: DEFAULT_TIME_ZONE or America/New_York)
  --data DIR      where the embedded database lives (default: .twilight-data)
  --log           print the skill's structured log lines to stderr
  --screen        pretend to be an Echo Show (APL screens are described)
  --clock TIME    start the Echo's clock at TIME (ISO, e.g. 2026-11-28T20:00, in the --tz zone unless it
                  has an offset) or shifted (+1d, -3h)
Lights and music: with HOME_ASSISTANT_* or LIGHTS_WEBHOOK_* set, the real hub is called; otherwise
the room is simulated and printed ("[lights → 20 %, 2200 K, 30 s]", "[music ▶ …]").
While running:
  :voice NAME     speak as NAME's recognised voice;  :voice off   unrecognised speaker
  :new            end the session, as if you walked away
  :routines on    build routines on Twilight's two custom triggers in the Alexa app (off deletes them)
  :clock +1d      move the clock (+1d, +2h, -30m, or an ISO time) to live through a week
  :quit           leave (or Ctrl-D)
Start with "open twilight ritual".`;

const personIdFor = (name: string) =>
  `amzn1.ask.person.simulated-${name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;

/** What the simulated room did during a turn, printed after the intent line. */
const roomEvents: string[] = [];

function show(exchange: Exchange, out: (line: string) => void): void {
  if (exchange.kind === 'nomatch') out('  (no sample utterance matches that line, so Alexa sends AMAZON.FallbackIntent)');
  else if (exchange.intent) {
    const slots = Object.entries(exchange.slots ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    out(`  ↳ ${exchange.intent}${slots ? ` {${slots}}` : ''}`);
  } else out('  ↳ LaunchRequest');
  for (const event of roomEvents.splice(0)) out(event);
  out(`alexa › ${exchange.speech || '(says nothing)'}`);
  if (exchange.card) {
    out(`  [card: ${exchange.card.title ?? ''}]`);
    for (const line of (exchange.card.content ?? exchange.card.text ?? '').split('\n')) out(`    ${line}`);
  }
  for (const d of exchange.directives) out(`  ${describeDirective(d)}`);
  out(exchange.ended ? '  (session ended)' : `  (listening… if you say nothing: "${exchange.reprompt ?? ''}")`);
}

/** What a directive would do in the room, in one line. */
function describeDirective(d: Exchange['directives'][number]): string {
  if (d.type === 'AudioPlayer.Play') {
    const stream = (d as { audioItem?: { stream?: { url?: string } } }).audioItem?.stream?.url;
    return `[music ▶ ${stream ?? 'stream'}]`;
  }
  if (d.type === 'AudioPlayer.Stop') return '[music ⏸ paused]';
  if (d.type === 'Connections.StartConnection') return `[hands over to Alexa: ${String(d.uri)}]`;
  if (d.type === 'Alexa.Presentation.APL.RenderDocument') {
    const ritual = (d as { datasources?: { payload?: { ritual?: { step?: string; title?: string } } } }).datasources?.payload?.ritual;
    if (ritual) return `[screen: ${ritual.step?.toLowerCase()} · ${ritual.title}]`;
    return '[screen: updated]';
  }
  return `[directive: ${d.type}]`;
}

/** Lights for a room with no hub configured: they print what a real hub would be asked to do. */
function roomLights(): Lights {
  return {
    kind: 'webhook',
    settle: () => {
      roomEvents.push(`  [lights → ${TWILIGHT_LIGHT.brightnessPct} %, ${TWILIGHT_LIGHT.kelvin} K, ${TWILIGHT_LIGHT.transitionSeconds} s]`);
      return Promise.resolve({ ok: true });
    },
    restore: () => {
      roomEvents.push(`  [lights → ${LIGHTS_UP.brightnessPct} %, ${LIGHTS_UP.kelvin} K, ${LIGHTS_UP.transitionSeconds} s]`);
      return Promise.resolve({ ok: true });
    },
  };
}

const SIMULATED_STREAM = 'https://example.com/twilight/calm-evening.mp3';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      voice: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      tz: { type: 'string' },
      data: { type: 'string' },
      log: { type: 'boolean', default: false },
      screen: { type: 'boolean', default: false },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = readConfig();
  const zone = values.tz ?? config.defaultTimeZone;
  if (!isTimeZone(zone)) throw new Error(`--tz ${zone} is not an IANA time zone`);

  // Checked before the database and API stand-in start, so a bad value exits instead of leaving them running.
  let offsetMs = values.clock ? parseClock(values.clock, new Date(), zone) - Date.now() : 0;

  const dataDir = resolve(values.data ?? join(ROOT, '.twilight-data'));
  if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedDb(dataDir);
  // Alexa's service APIs (time zone, progressive responses, reminders), answered locally.
  // The simulator's own LWA client, so routine triggers fire against the stand-in unless real ones are set.
  const simulatedClient = { clientId: 'amzn1.application-oa2-client.twilight-simulator', clientSecret: 'simulated-client-secret' };
  const api = await startAlexaApi({
    timeZone: zone,
    lwaClient: simulatedClient,
    onCall: (call) => {
      const body = call.body as { directive?: { speech?: string }; trigger?: { scheduledTime?: string } } | undefined;
      if (call.path === '/v1/directives') roomEvents.push(`  [while the lights change, Alexa says: "${body?.directive?.speech ?? ''}"]`);
      const trigger = (call.body as { trigger?: { name?: string } } | undefined)?.trigger?.name;
      if (call.path.startsWith('/v1/routines/triggerInstances'))
        roomEvents.push(
          triggerInstanceOk(call.body)
            ? `  [routine trigger → ${(trigger ?? '?').replace(/^./, (c) => c.toLowerCase())}]`
            : '  [Alexa rejects the routine trigger: the request breaks the Trigger Instance contract]',
        );
      if (call.method === 'DELETE' && call.path.startsWith('/v1/alerts/reminders/')) roomEvents.push('  [reminder removed from this Echo]');
      if (call.method === 'POST' && call.path === '/v1/alerts/reminders')
        roomEvents.push(`  [reminder set on this Echo for ${body?.trigger?.scheduledTime?.slice(0, 16).replace('T', ' ')}]`);
    },
  });

  const log: Log = values.log
    ? {
        info: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'INFO', message: m, ...f })}\n`),
        warn: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'WARN', message: m, ...f })}\n`),
        error: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'ERROR', message: m, ...f })}\n`),
      }
    : silentLog;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const hub = config.ambience.homeAssistant ?? config.ambience.webhook;
  // The deployed skill's wiring, pointed at this machine: the embedded database, the Alexa API
  // stand-in's routine triggers, a sample stream, and printed lights when no hub is configured.
  const local = {
    ...config,
    dynamodbEndpoint: db.endpoint,
    defaultTimeZone: zone,
    // The simulated envelopes carry no real skill id.
    skillId: undefined,
    ambience: { ...config.ambience, musicStreamUrl: config.ambience.musicStreamUrl ?? SIMULATED_STREAM },
    routineTriggers: config.routineTriggers ?? {
      ...simulatedClient,
      stage: 'development' as const,
      tokenUrl: `${api.endpoint}/auth/o2/token`,
      apiUrl: api.endpoint,
    },
  };
  const skill = buildSkill(depsFromConfig(local, { log, clock, lights: hub ? undefined : roomLights() }));
  const conversation = new Conversation((event, context) => skill.invoke(event, context), {
    apiEndpoint: api.endpoint,
    modelFile: join(ROOT, 'models', 'en-US.json'),
    userId: 'amzn1.ask.account.twilight-simulator',
    personId: values.voice ? personIdFor(values.voice) : undefined,
    today: () => localDay(clock.now(), zone),
    screen: values.screen,
  });

  /** A permission Alexa is asking the couple for, answered by the next "yes" or "no". */
  let asking: { scope: string; token: string } | undefined;
  /** A routine Alexa is offering the couple, answered by the next "yes" or "no". */
  let offering = false;

  /** One line typed at the prompt (or given on the command line). */
  const handleLine = async (line: string): Promise<void> => {
    if (line.startsWith(':voice')) {
      const name = line.slice(6).trim();
      conversation.personId = !name || name === 'off' ? undefined : personIdFor(name);
      out(conversation.personId ? `  (now speaking as ${name}'s recognised voice)` : '  (now an unrecognised voice)');
    } else if (line.startsWith(':clock')) {
      const arg = line.slice(6).trim();
      if (arg) {
        try {
          offsetMs = parseClock(arg, clock.now(), zone) - Date.now();
          await conversation.walkAway();
        } catch (err) {
          out(`  (${(err as Error).message})`);
        }
      }
      out(`  (the Echo's clock: ${clock.now().toLocaleString('en-US', { timeZone: zone, dateStyle: 'full', timeStyle: 'short' })})`);
    } else if (line === ':routines on' || line === ':routines off') {
      // The couple builds (or deletes) routines on both custom triggers in the Alexa app; Alexa tells the skill.
      const change = line.endsWith('on') ? 'create' : 'delete';
      for (const name of TRIGGER_NAMES) await conversation.routineCallback(change, name);
      out(
        `  [Alexa app: routines on ${TRIGGER_NAMES.join(' and ')} ${change === 'create' ? 'saved' : 'deleted'} → Routines.Trigger.${change === 'create' ? 'Create' : 'Delete'}]`,
      );
    } else if (line === ':new') {
      await conversation.walkAway();
      out('  (session ended)');
    } else if (line) {
      try {
        let exchange: Exchange;
        if (offering && /^(yes|yeah|sure|ok|okay|no|no thanks|nope)$/i.test(line)) {
          const accepted = /^(yes|yeah|sure|ok|okay)$/i.test(line);
          out(`  ↳ (Alexa records the answer: ${accepted ? 'routine added' : 'no routine'})`);
          exchange = await conversation.resume({
            type: 'ConnectionCompleted',
            token: OFFER_TOKEN,
            status: { code: accepted ? '200' : '204', message: 'OK' },
            ...(accepted ? {} : { result: { offerAutomationResponse: { reason: 'REJECTED_BY_CUSTOMER' } } }),
          });
        } else if (asking && /^(yes|yeah|sure|ok|okay|no|no thanks|nope)$/i.test(line)) {
          const accepted = /^(yes|yeah|sure|ok|okay)$/i.test(line);
          out(`  ↳ (Alexa records the answer: ${accepted ? 'permission granted' : 'permission declined'})`);
          exchange = await conversation.answerPermission(asking.scope, accepted, asking.token);
        } else {
          exchange = await conversation.say(line);
        }
        asking = undefined;
        offering = false;
        show(exchange, out);
        const offer = exchange.directives.find((d) => d.type === 'Connections.StartConnection');
        if (offer) {
          const described = describeOffer(offer);
          if (described) {
            offering = true;
            out(`  [routine offered: ${described}]`);
            out('alexa › (Alexa itself) Twilight Ritual suggests a routine. Would you like to add it? (yes / no)');
          } else out('  [Alexa rejects the routine offer: the directive breaks the AMAZON.OfferAutomation contract]');
        }
        const askFor = exchange.directives.find((d) => d.type === 'Connections.SendRequest' && d.name === 'AskFor') as
          { token?: string; payload?: { permissionScopes?: { permissionScope: string }[] } } | undefined;
        if (askFor) {
          asking = { scope: askFor.payload?.permissionScopes?.[0]?.permissionScope ?? '', token: askFor.token ?? '' };
          out('alexa › (Alexa itself) To set reminders, Twilight Ritual needs your permission. Do you give it? (yes / no)');
        }
      } catch (err) {
        out(`  (the simulator could not send that: ${(err as Error).message})`);
      }
    }
  };

  try {
    if (positionals.length > 0) {
      for (const line of positionals) {
        out(`you   › ${line}`);
        await handleLine(line.trim());
      }
      return;
    }
    out(USAGE);
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    rl.setPrompt('you   › ');
    rl.prompt();
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === ':quit' || line === ':q') break;
      if (line && !line.startsWith(':') && !process.stdin.isTTY) out(`you   › ${line}`);
      await handleLine(line);
      rl.prompt();
    }
    rl.close();
  } finally {
    await Promise.all([db.close(), api.close()]);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
