import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { lightsFromConfig, musicFromConfig } from '../ambience';
import { LIGHTS_UP, TWILIGHT_LIGHT, type Lights } from '../ambience/types';
import { isTimeZone, readConfig } from '../config';
import { silentLog, type Clock, type Log } from '../deps';
import { localDay } from '../domain/dates';
import { buildSkill } from '../skill';
import { DynamoCoupleStore } from '../store/dynamo-store';
import { fixedTimeZone } from '../time-zone';
import { Conversation, type Exchange } from './conversation';
import { startEmbeddedDb } from './embedded-db';

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
Lights and music: with HOME_ASSISTANT_* or LIGHTS_WEBHOOK_* set, the real hub is called; otherwise
the room is simulated and printed ("[lights → 20 %, 2200 K, 30 s]", "[music ▶ …]").
While running:
  :voice NAME     speak as NAME's recognised voice;  :voice off   unrecognised speaker
  :new            end the session, as if you walked away
  :quit           leave (or Ctrl-D)
Start with "open twilight ritual".`;

const personIdFor = (name: string) => `amzn1.ask.person.simulated-${name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** What the simulated room did during a turn, printed after the intent line. */
const roomEvents: string[] = [];

function show(exchange: Exchange, out: (line: string) => void): void {
  if (exchange.kind === 'nomatch') out('  (no sample utterance matches that line, so Alexa sends AMAZON.FallbackIntent)');
  else if (exchange.intent) {
    const slots = Object.entries(exchange.slots ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
    out(`  ↳ ${exchange.intent}${slots ? ` {${slots}}` : ''}`);
  } else out('  ↳ LaunchRequest');
  for (const event of roomEvents.splice(0)) out(event);
  out(`alexa › ${exchange.speech || '(says nothing)'}`);
  if (exchange.card) out(`  [card: ${exchange.card.title ?? ''}: ${exchange.card.content ?? exchange.card.text ?? ''}]`);
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
    settle: async () => {
      roomEvents.push(`  [lights → ${TWILIGHT_LIGHT.brightnessPct} %, ${TWILIGHT_LIGHT.kelvin} K, ${TWILIGHT_LIGHT.transitionSeconds} s]`);
      return { ok: true };
    },
    restore: async () => {
      roomEvents.push(`  [lights → ${LIGHTS_UP.brightnessPct} %, ${LIGHTS_UP.kelvin} K, ${LIGHTS_UP.transitionSeconds} s]`);
      return { ok: true };
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

  const dataDir = resolve(values.data ?? join(ROOT, '.twilight-data'));
  if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedDb(dataDir);

  const log: Log = values.log
    ? {
        info: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'INFO', message: m, ...f })}\n`),
        warn: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'WARN', message: m, ...f })}\n`),
        error: (m, f) => process.stderr.write(`${JSON.stringify({ level: 'ERROR', message: m, ...f })}\n`),
      }
    : silentLog;
  const clock: Clock = { now: () => new Date() };
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const hub = config.ambience.homeAssistant || config.ambience.webhook;
  const skill = buildSkill({
    store: new DynamoCoupleStore({ tableName: config.tableName, region: config.region, endpoint: db.endpoint, retentionDays: config.retentionDays }),
    clock,
    log,
    timeZones: fixedTimeZone(zone),
    defaultTimeZone: zone,
    ambience: {
      lights: hub ? lightsFromConfig(config.ambience, log) : roomLights(),
      music: musicFromConfig(config.ambience, log),
      streamUrl: config.ambience.musicStreamUrl ?? SIMULATED_STREAM,
    },
  });
  const conversation = new Conversation((event, context) => skill.invoke(event, context), {
    modelFile: join(ROOT, 'models', 'en-US.json'),
    userId: 'amzn1.ask.account.twilight-simulator',
    personId: values.voice ? personIdFor(values.voice) : undefined,
    today: () => localDay(clock.now(), zone),
    screen: values.screen,
  });

  try {
    if (positionals.length > 0) {
      for (const line of positionals) {
        out(`you   › ${line}`);
        show(await conversation.say(line), out);
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
      if (line.startsWith(':voice')) {
        const name = line.slice(6).trim();
        conversation.personId = !name || name === 'off' ? undefined : personIdFor(name);
        out(conversation.personId ? `  (now speaking as ${name}'s recognised voice)` : '  (now an unrecognised voice)');
      } else if (line === ':new') {
        conversation.endSession();
        out('  (session ended)');
      } else if (line) {
        if (!process.stdin.isTTY) out(`you   › ${line}`);
        try {
          show(await conversation.say(line), out);
        } catch (err) {
          out(`  (the simulator could not send that: ${(err as Error).message})`);
        }
      }
      rl.prompt();
    }
    rl.close();
  } finally {
    await db.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`simulator: ${err.message}\n`);
  process.exitCode = 1;
});
