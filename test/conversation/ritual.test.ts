import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';
import { homeAssistantLights, homeAssistantMusic, noMusic, verifySignature, webhookLights } from '../../src/ambience';
import type { Ambience } from '../../src/deps';
import { loadCatalogue } from '../../src/domain/pacing';
import type { Exchange } from '../../src/local/conversation';
import { startFakeHomeAssistant, startFakeHub, type FakeHub } from '../support/fake-hub';
import { must } from '../support/must';
import { talk, TestClock } from '../support/skill';

const CATALOGUE = loadCatalogue();
const TOKEN = 'ha-test-token-0123456789';
const STREAM = 'https://music.example.com/calm.mp3';
const COUPLE = 'amzn1.ask.account.test-couple';

function activityIn(exchange: Exchange) {
  const speech = exchange.speech.toLowerCase();
  return CATALOGUE.filter((a) => speech.includes(a.title.toLowerCase())).sort((x, y) => y.title.length - x.title.length)[0];
}

const play = (e: Exchange) => e.directives.find((d) => d.type === 'AudioPlayer.Play');

function ritualTalk(ambience?: Partial<Ambience>, opts: Omit<Parameters<typeof talk>[0] & object, 'store'> = {}) {
  return talk({
    ...opts,
    deps: {
      ambience: {
        lights: ambience?.lights ?? homeAssistantLights({ url: 'http://127.0.0.1:9', token: TOKEN, lights: [] }),
        music: ambience?.music ?? noMusic,
        streamUrl: STREAM,
        ...ambience,
      },
    },
  });
}

async function setUp(t: ReturnType<typeof ritualTalk>, levels?: [number, number]) {
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  if (levels) {
    await t.conversation.say(`Sam is at a ${levels[0]}`);
    await t.conversation.say(`Alex is at a ${levels[1]}`);
  }
}

describe('the guided ritual', () => {
  let hub: FakeHub;
  beforeEach(async () => {
    hub = await startFakeHomeAssistant(TOKEN);
  });
  afterEach(() => hub.close());

  const lights = () => homeAssistantLights({ url: hub.url, token: TOKEN, lights: ['light.bedroom', 'light.lamp'] }, { timeoutMs: 1500 });

  it('walks settle → check-in → exchange → close, with lights, screen and music', async () => {
    const t = ritualTalk({ lights: lights() });
    t.conversation.screen = true;
    await setUp(t, [3, 2]);

    const settle = await t.conversation.say("let's start the ritual");
    expect(settle.intent).toBe('StartRitualIntent');
    expect(settle.speech).toMatch(/breath/i);
    expect(settle.speech).toMatch(/dimmed/i);
    expect(settle.ended).toBe(false);
    expect(hub.calls).toHaveLength(1);
    expect(hub.calls[0]?.path).toBe('/api/services/light/turn_on');
    expect(hub.calls[0]?.json).toMatchObject({ entity_id: ['light.bedroom', 'light.lamp'], brightness_pct: 20, transition: 30 });
    expect(JSON.stringify(hub.calls[0]?.json)).toMatch(/2200/);
    expect(settle.directives.find((d) => d.type === 'Alexa.Presentation.APL.RenderDocument')).toBeDefined();

    const checkIn = await t.conversation.say('ready');
    expect(checkIn.speech).toMatch(/check-in/i);
    expect(checkIn.speech).toMatch(/\?/);

    const exchange = await t.conversation.say('next');
    const activity = activityIn(exchange);
    expect(activity).toBeDefined();
    expect(activity?.energy).toBeLessThanOrEqual(2);

    const close = await t.conversation.say('okay');
    expect(close.speech).toMatch(/embrace/i);
    expect(close.speech).toMatch(/goodnight/i);
    expect(close.ended).toBe(true);
    expect(play(close)).toMatchObject({ playBehavior: 'REPLACE_ALL', audioItem: { stream: { url: STREAM } } });

    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.days['2026-11-25'].ritual).toEqual({ reached: 4, ended: 'completed' });
    expect(state.ritual).toBeUndefined();
  });

  it('"help" mid-ritual explains the ritual, and "yes" goes on', async () => {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    await t.conversation.say('start our wind down');
    const help = await t.conversation.say('help');
    expect(help.speech).toMatch(/say next/i);
    const yes = await t.conversation.say('yes');
    expect(yes.speech).toMatch(/check-in/i);
  });

  it('"repeat" repeats a step without redoing the lights', async () => {
    const t = ritualTalk({ lights: lights() });
    await setUp(t, [3, 3]);
    await t.conversation.say('start our wind down');
    const checkIn = await t.conversation.say('next');
    const again = await t.conversation.say('repeat');
    expect(again.speech).toBe(checkIn.speech);
    expect(hub.calls).toHaveLength(1);
  });

  it('honours "pause" at once and "continue" resumes, even in a new session', async () => {
    const t = ritualTalk({ lights: lights() });
    await setUp(t, [3, 3]);
    await t.conversation.say('start our wind down');
    const paused = await t.conversation.say('wait');
    expect(paused.speech).toMatch(/take all the time/i);
    expect(paused.speech).not.toMatch(/check-in|exchange/i);
    expect(paused.ended).toBe(true);
    expect(hub.calls).toHaveLength(1); // lights stay as they are

    const resumed = await t.conversation.say('ask twilight ritual to continue');
    expect(resumed.speech).toMatch(/welcome back/i);
    expect(resumed.speech).toMatch(/check-in/i);
  });

  it('treats "stop" mid-ritual as a pause, and never counts a pause against them', async () => {
    const t = ritualTalk();
    await setUp(t, [4, 4]);
    await t.conversation.say('start our wind down');
    await t.conversation.say('next');
    const stop = await t.conversation.say('stop');
    expect(stop.ended).toBe(true);
    expect(stop.speech).toMatch(/nothing is lost/i);
    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.ritual).toMatchObject({ step: 1, paused: true });
    expect(state.pacing.stepDown).toBe(0);
    expect(state.pacing.sessions.every((s: { ratings: object }) => Object.keys(s.ratings).length === 0)).toBe(true);
  });

  it('after "not tonight" offers only rest', async () => {
    const t = ritualTalk();
    await setUp(t, [4, 4]);
    await t.conversation.say('start our wind down');
    const no = await t.conversation.say('not tonight');
    expect(no.speech).toMatch(/rest/i);
    expect(no.ended).toBe(true);
    const idea = await t.conversation.say('ask twilight ritual what could we do tonight');
    expect(idea.speech).toMatch(/rest/i);
    expect(activityIn(idea)).toBeUndefined();
    const again = await t.conversation.say('ask twilight ritual to start our wind down');
    expect(again.speech).toMatch(/rest/i);
    expect(again.ended).toBe(true);
  });

  it('asks one energy question first when nobody has logged tonight, and paces to it', async () => {
    const t = ritualTalk();
    await setUp(t);
    const first = await t.conversation.say('start our wind down');
    expect(first.speech).toMatch(/energy/i);
    const settle = await t.conversation.say('1');
    expect(settle.speech).toMatch(/breath/i);
    await t.conversation.say('next');
    const exchange = await t.conversation.say('next');
    expect(activityIn(exchange)?.energy ?? 1).toBe(1);
  });

  it('on a rest day shrinks to lights, music and a one-line goodnight', async () => {
    const t = ritualTalk({ lights: lights() });
    await setUp(t, [5, 5]);
    await t.conversation.say('today is a rest day');
    const rest = await t.conversation.say('start our wind down');
    expect(rest.speech).toMatch(/rest/i);
    expect(rest.speech).toMatch(/goodnight/i);
    expect(rest.speech.split(/[.!?]\s/).length).toBeLessThanOrEqual(3);
    expect(rest.ended).toBe(true);
    expect(play(rest)).toBeDefined();
    expect(hub.calls.map((c) => c.path)).toEqual(['/api/services/light/turn_on']);
  });

  it('leaves the lights alone after "no lights tonight", and uses them again after "lights on again"', async () => {
    const t = ritualTalk({ lights: lights() });
    await setUp(t, [3, 3]);
    await t.conversation.say('no lights tonight');
    const settle = await t.conversation.say('start our wind down');
    expect(settle.speech).not.toMatch(/dimmed/i);
    expect(hub.calls).toHaveLength(0);
    await t.conversation.say('lights on again');
    t.conversation.endSession();
    await t.conversation.say('ask twilight ritual to start the ritual');
    expect(hub.calls).toHaveLength(1);
    const up = await t.conversation.say('ask twilight ritual to bring the lights up');
    expect(up.speech).toMatch(/brought the lights up/i);
    expect(hub.calls[1]?.json).toMatchObject({ brightness_pct: 60 });
  });

  it('never claims the lights changed when the hub fails, and answers within the budget when it hangs', async () => {
    const hanging = await startFakeHomeAssistant(TOKEN, () => 'hang');
    try {
      const t = ritualTalk({ lights: homeAssistantLights({ url: hanging.url, token: TOKEN, lights: ['light.bedroom'] }, { timeoutMs: 1500 }) });
      await setUp(t, [3, 3]);
      const started = Date.now();
      const settle = await t.conversation.say('start our wind down');
      const took = Date.now() - started;
      expect(took).toBeLessThan(3000);
      expect(settle.speech).toMatch(/breath/i);
      expect(settle.speech).not.toMatch(/dimmed/i);
      const up = await t.conversation.say('lights up');
      expect(up.speech).toMatch(/couldn't reach the lights/i);
    } finally {
      await hanging.close();
    }
  });

  it('sends a progressive response ("Dimming the lights…") through the Alexa directive API', async () => {
    const alexaApi = await startFakeHub(() => ({ status: 204 }));
    try {
      const t = ritualTalk({ lights: lights() }, { apiEndpoint: alexaApi.url });
      await setUp(t, [3, 3]);
      await t.conversation.say('start our wind down');
      const directive = alexaApi.calls.find((c) => c.path === '/v1/directives');
      expect(directive).toBeDefined();
      expect(directive!.headers.authorization).toMatch(/^Bearer /);
      expect(directive!.json).toMatchObject({ directive: { type: 'VoicePlayer.Speak' } });
      expect(JSON.stringify(directive!.json)).toMatch(/Dimming the lights/);
    } finally {
      await alexaApi.close();
    }
  });

  it('plays hub music through a Home Assistant media player when one is configured', async () => {
    const t = ritualTalk({
      lights: lights(),
      music: homeAssistantMusic({ url: hub.url, token: TOKEN, lights: [], mediaPlayer: 'media_player.bedroom' }, { timeoutMs: 1500 }),
    });
    await setUp(t, [3, 3]);
    await t.conversation.say('start our wind down');
    expect(hub.calls.map((c) => c.path)).toEqual(
      expect.arrayContaining(['/api/services/light/turn_on', '/api/services/media_player/volume_set', '/api/services/media_player/play_media']),
    );
    await t.conversation.say('pause');
    expect(hub.calls.map((c) => c.path)).toContain('/api/services/media_player/media_pause');
  });

  it('calls a signed webhook when that is the lights hub', async () => {
    const secret = 'webhook-secret-0123456789abcdef';
    const receiver = await startFakeHub(() => ({ status: 200 }));
    try {
      const t = ritualTalk({ lights: webhookLights({ url: `${receiver.url}/hook`, secret }, { timeoutMs: 1500 }) });
      await setUp(t, [3, 3]);
      const settle = await t.conversation.say('start our wind down');
      expect(settle.speech).toMatch(/dimmed/i);
      const call = must(receiver.calls[0], 'a call to the webhook');
      expect(verifySignature(secret, call.rawBody, call.headers['x-twilight-signature'] as string)).toBe(true);
      expect(call.json).toMatchObject({ event: 'ritual.start' });
    } finally {
      await receiver.close();
    }
  });

  it('sends no screen to a device without APL', async () => {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    const settle = await t.conversation.say('start our wind down');
    expect(settle.directives.some((d) => d.type.startsWith('Alexa.Presentation'))).toBe(false);
  });
});

/** What a reply tells them to say next ("say: Alexa, tell twilight ritual to continue"), said next. */
async function followAdvice(t: ReturnType<typeof ritualTalk>, reply: Exchange): Promise<Exchange | undefined> {
  const advice = /say:? ((?:alexa, )?(?:tell|ask) twilight ritual [^.]+)\./i.exec(reply.speech)?.[1];
  return advice === undefined ? undefined : t.conversation.say(advice);
}

const DEAD_END = /no ritual underway|didn't follow/i;

describe('what Twilight tells them to say next works', () => {
  async function afterRitualWithMusic() {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    for (const line of ['start our wind down', 'next', 'next']) await t.conversation.say(line);
    const close = await t.conversation.say('next');
    expect(play(close)).toBeDefined();
    t.conversation.alexa.audioPlayer().playbackOffset(93_000);
    return t;
  }

  it('after the ritual closes with music, a pause stops it and the advice given brings it back where it was', async () => {
    const t = await afterRitualWithMusic();
    const paused = await t.conversation.say('ask twilight ritual to pause here');
    expect(paused.directives.map((d) => d.type)).toContain('AudioPlayer.Stop');
    const followed = await followAdvice(t, paused);
    expect(followed).toBeDefined();
    expect(followed!.speech).not.toMatch(DEAD_END);
    expect(play(followed!)).toMatchObject({ audioItem: { stream: { url: STREAM, offsetInMilliseconds: 93_000 } } });
  });

  it('"continue" after the music was paused resumes it from the same place', async () => {
    const t = await afterRitualWithMusic();
    await t.conversation.say('ask twilight ritual to pause here');
    const resumed = await t.conversation.say('ask twilight ritual to continue');
    expect(resumed.speech).not.toMatch(DEAD_END);
    expect(play(resumed)).toMatchObject({ audioItem: { stream: { token: 'twilight-stream', offsetInMilliseconds: 93_000 } } });
  });

  it('a pause with nothing under way promises nothing that cannot be kept', async () => {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    const paused = await t.conversation.say('ask twilight ritual to pause here');
    expect(paused.speech).not.toMatch(DEAD_END);
    const followed = await followAdvice(t, paused);
    if (followed) expect(followed.speech).not.toMatch(DEAD_END);
  });

  it('"repeat" outside the ritual says the last thing again', async () => {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    const idea = await t.conversation.say('what could we do tonight');
    expect(idea.ended).toBe(false);
    const again = await t.conversation.say('repeat');
    expect(again.speech).toBe(idea.speech);
    expect(again.ended).toBe(false);
  });

  it('"repeat" at the start of a session, with nothing said yet, answers plainly and offers a next step', async () => {
    const t = ritualTalk();
    await setUp(t, [3, 3]);
    t.conversation.endSession();
    const again = await t.conversation.say('ask twilight ritual to repeat');
    expect(again.speech).not.toMatch(DEAD_END);
    expect(again.speech).toMatch(/repeat/i);
    expect(again.ended).toBe(false);
  });
});

describe('AudioPlayer and playback requests', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'launch-request.json'), 'utf8')) as RequestEnvelope;

  function event(type: string, extra: Record<string, unknown> = {}, playing = true): RequestEnvelope {
    const envelope = structuredClone(fixture) as RequestEnvelope & Record<string, unknown>;
    delete (envelope as { session?: unknown }).session;
    envelope.context = {
      ...envelope.context,
      AudioPlayer: { playerActivity: playing ? 'PLAYING' : 'STOPPED', token: 'twilight-stream', offsetInMilliseconds: 1000 },
    };
    envelope.context.System.device!.supportedInterfaces = { AudioPlayer: {} };
    envelope.request = {
      type,
      requestId: 'amzn1.echo-api.request.1',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      token: 'twilight-stream',
      ...extra,
    } as never;
    return envelope;
  }

  let hub: FakeHub;
  beforeEach(async () => {
    hub = await startFakeHomeAssistant(TOKEN);
  });
  afterEach(() => hub.close());

  it.each([
    'AudioPlayer.PlaybackStarted',
    'AudioPlayer.PlaybackStopped',
    'AudioPlayer.PlaybackNearlyFinished',
    'AudioPlayer.PlaybackFailed',
    'AudioPlayer.PlaybackFinished',
    'PlaybackController.NextCommandIssued',
    'PlaybackController.PreviousCommandIssued',
    'System.ExceptionEncountered',
  ])('%s is acknowledged without speech', async (type) => {
    const { skill } = ritualTalk({ lights: homeAssistantLights({ url: hub.url, token: TOKEN, lights: ['light.bedroom'] }) });
    const out = await skill.invoke(event(type, type.endsWith('Failed') ? { error: { type: 'MEDIA_ERROR_UNKNOWN', message: 'x' } } : {}));
    expect(out.version).toBe('1.0');
    expect(out.response.outputSpeech).toBeUndefined();
    expect(out.response.reprompt).toBeUndefined();
  });

  it('restores the lights when the music has finished', async () => {
    const { skill } = ritualTalk({ lights: homeAssistantLights({ url: hub.url, token: TOKEN, lights: ['light.bedroom'] }) });
    await skill.invoke(event('AudioPlayer.PlaybackFinished'));
    expect(hub.calls).toHaveLength(1);
    expect(hub.calls[0]?.json).toMatchObject({ brightness_pct: 60 });
  });

  it('answers the play and pause buttons with directives only', async () => {
    const { skill } = ritualTalk();
    const played = await skill.invoke(event('PlaybackController.PlayCommandIssued', {}, false));
    expect(played.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Play', audioItem: { stream: { url: STREAM } } });
    const paused = await skill.invoke(event('PlaybackController.PauseCommandIssued'));
    expect(paused.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Stop' });
    expect(paused.response.outputSpeech).toBeUndefined();
  });

  it('"Alexa, pause" and "Alexa, resume" outside a session stop and restart the stream', async () => {
    const { skill } = ritualTalk();
    const pauseEnvelope = event('IntentRequest', { intent: { name: 'AMAZON.PauseIntent', confirmationStatus: 'NONE' } });
    const paused = await skill.invoke(pauseEnvelope);
    expect(paused.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Stop' });
    expect(paused.response.outputSpeech).toBeUndefined();
    const resumed = await skill.invoke(event('IntentRequest', { intent: { name: 'AMAZON.ResumeIntent', confirmationStatus: 'NONE' } }, false));
    expect(resumed.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Play' });
  });

  it('"Alexa, resume" picks the stream up where it was paused, not from the start', async () => {
    const { skill } = ritualTalk();
    const resumed = await skill.invoke(event('IntentRequest', { intent: { name: 'AMAZON.ResumeIntent', confirmationStatus: 'NONE' } }, false));
    expect(resumed.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Play', audioItem: { stream: { url: STREAM, offsetInMilliseconds: 1000 } } });
  });

  it.each(['AMAZON.PreviousIntent', 'AMAZON.LoopOnIntent', 'AMAZON.LoopOffIntent', 'AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent'])(
    '%s gets a gentle word and changes nothing',
    async (name) => {
      const { skill } = ritualTalk();
      const out = await skill.invoke(event('IntentRequest', { intent: { name, confirmationStatus: 'NONE' } }));
      expect(JSON.stringify(out.response.outputSpeech)).toMatch(/nothing to skip/);
      expect(out.response.directives ?? []).toEqual([]);
    },
  );

  it('reaches the whole ritual through the real model with a clock in another evening', async () => {
    const clock = new TestClock(new Date('2026-11-26T01:30:00Z'));
    const t = ritualTalk(undefined, { clock });
    await setUp(t, [2, 2]);
    for (const line of ['start our wind down', 'next', 'next', 'next']) await t.conversation.say(line);
    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.days['2026-11-25'].ritual.ended).toBe('completed');
  });
});
