import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { COUPLE_ID, requestOf, setUpCouple, type Envelope } from '../support/envelopes';
import { talk } from '../support/skill';

/** Alexa's name-free question, "could you do this?", as it arrives: outside any session. */
function canFulfillRequest(intent: string, slots: Record<string, string> = {}): RequestEnvelope {
  const slotsOut = Object.fromEntries(Object.entries(slots).map(([name, value]) => [name, { name, value, confirmationStatus: 'NONE' }]));
  return requestOf(
    { type: 'CanFulfillIntentRequest', intent: { name: intent, confirmationStatus: 'NONE', slots: slotsOut } },
    { session: false },
  ) as unknown as RequestEnvelope;
}

function setup() {
  const t = talk({ userId: COUPLE_ID });
  /** What Alexa heard in a phrase said without "ask twilight ritual", as the real model resolves it. */
  const heard = (phrase: string) => {
    const resolved = t.conversation.resolve(phrase);
    if (!resolved) throw new Error(`the model does not place "${phrase}"`);
    return canFulfillRequest(resolved.intent, resolved.slots);
  };
  return { ...t, heard };
}

function expectSilentAnswer(response: ResponseEnvelope): void {
  const body = response.response as Record<string, unknown>;
  expect(body.outputSpeech).toBeUndefined();
  expect(body.reprompt).toBeUndefined();
  expect(body.card).toBeUndefined();
  expect(body.directives).toBeUndefined();
  expect(body.shouldEndSession).toBeUndefined();
  expect(response.sessionAttributes).toBeUndefined();
}

describe('CanFulfillIntentRequest, name-free, through the real skill and model', () => {
  it.each([
    ['my energy is two', 'YES'],
    ["I'm wiped out today", 'YES'],
    ['start our wind down', 'YES'],
    ['tomorrow is a rest day', 'YES'],
    ["we don't have a bath", 'YES'],
    ['that was lovely', 'MAYBE'],
    ['something else', 'MAYBE'],
    ['my energy is nine', 'NO'],
    ['I have chest pain', 'NO'],
  ])('"%s": %s, with no speech, no session and nothing read or written', async (phrase, verdict) => {
    const { skill, store, heard, log } = setup();
    const response = await skill.invoke(heard(phrase));
    expect(response.response.canFulfillIntent?.canFulfill).toBe(verdict);
    expectSilentAnswer(response);
    expect(store.reads).toBe(0);
    expect(store.writes).toBe(0);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('says which slot it cannot act on: an energy of nine is heard, not doable', async () => {
    const { skill, heard } = setup();
    const answer = (await skill.invoke(heard('my energy is nine'))).response.canFulfillIntent;
    expect(answer?.slots?.level).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'NO' });
  });

  it('answers NO for an intent the model lacks, slots and all', async () => {
    const { skill, store } = setup();
    const response = await skill.invoke(canFulfillRequest('SensualIdeasOnIntent', { mode: 'on' }));
    expect(response.response.canFulfillIntent).toEqual({ canFulfill: 'NO', slots: { mode: { canUnderstand: 'NO', canFulfill: 'NO' } } });
    expectSilentAnswer(response);
    expect(store.writes).toBe(0);
  });

  it('leaves a set-up couple exactly as it was, and the next real turn still works', async () => {
    const { skill, store, conversation } = setup();
    store.items.set(COUPLE_ID, { state: JSON.stringify(setUpCouple()), version: 3 });
    const before = structuredClone(store.items.get(COUPLE_ID));
    for (const phrase of ['my energy is two', "let's aim for two care dates this week", 'no lights tonight', 'delete our data', 'not tonight']) {
      const resolved = conversation.resolve(phrase)!;
      await skill.invoke(canFulfillRequest(resolved.intent, resolved.slots));
    }
    expect(store.items.get(COUPLE_ID)).toEqual(before);
    expect(store.writes).toBe(0);

    const turn = await conversation.say('tell twilight ritual sam is at a two');
    expect(turn.intent).toBe('LogEnergyIntent');
    expect(store.items.get(COUPLE_ID)!.version).toBeGreaterThan(3);
  });

  it('answers even when Alexa sends no user id', async () => {
    const { skill, log } = setup();
    const envelope = canFulfillRequest('StartRitualIntent') as unknown as Envelope & { context: { System: Record<string, unknown> } };
    delete envelope.context.System.user;
    const response = await skill.invoke(envelope as unknown as RequestEnvelope);
    expect(response.response.canFulfillIntent?.canFulfill).toBe('YES');
    expect(log.lines.filter((l) => l.message === 'turn failed')).toEqual([]);
  });

  it('logs the intent asked about, never what was said in its slots', async () => {
    const { skill, heard, log } = setup();
    await skill.invoke(heard('Sam is at a four'));
    await skill.invoke(heard("I'm wiped out today"));
    const logged = JSON.stringify(log.lines);
    expect(logged).toContain('LogEnergyIntent');
    expect(logged).not.toMatch(/sam|wiped|"4"/i);
  });
});
