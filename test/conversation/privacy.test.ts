import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { talk } from '../support/skill';

const COUPLE = 'amzn1.ask.account.test-couple';
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'launch-request.json'), 'utf8')) as RequestEnvelope;

async function setUp(t: ReturnType<typeof talk<MemoryCoupleStore>>) {
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  await t.conversation.say('Sam is at a 2');
}

describe('deleting our data by voice', () => {
  it('asks first, and "no" deletes nothing', async () => {
    const t = talk();
    await setUp(t);
    const ask = await t.conversation.say('delete our data');
    expect(ask.speech).toMatch(/cannot be undone/i);
    expect(ask.speech).toMatch(/\?$/);
    const no = await t.conversation.say('no');
    expect(no.speech).toMatch(/nothing was deleted/i);
    expect(t.store.items.has(COUPLE)).toBe(true);
  });

  it('"yes" removes every item of the couple, and the next visit starts fresh', async () => {
    const t = talk();
    await setUp(t);
    await t.conversation.say('forget everything about us');
    const done = await t.conversation.say('yes');
    expect(done.speech).toMatch(/deleted/i);
    expect(done.ended).toBe(true);
    expect(t.store.items.has(COUPLE)).toBe(false);
    expect(done.response?.sessionAttributes?.couple).toBeUndefined();

    const again = await t.conversation.say('open twilight ritual');
    expect(again.speech).toMatch(/first names/i);
  });

  it('deletes the couple when the skill is disabled, and says nothing', async () => {
    const t = talk();
    await setUp(t);
    const event = structuredClone(fixture);
    delete (event as { session?: unknown }).session;
    event.context.System.user.userId = COUPLE;
    event.request = {
      type: 'AlexaSkillEvent.SkillDisabled',
      requestId: 'r-disabled',
      timestamp: new Date().toISOString(),
      eventCreationTime: new Date().toISOString(),
      eventPublishingTime: new Date().toISOString(),
      body: { userId: COUPLE },
    } as never;
    const out = await t.skill.invoke(event);
    expect(out.response.outputSpeech).toBeUndefined();
    expect(t.store.items.has(COUPLE)).toBe(false);
  });
});

describe('a deletion stays a deletion, whatever another device still holds', () => {
  /** Device A in the middle of a session with Kit and Lou; device B is the same household's other Echo. */
  async function twoDevices() {
    const store = new MemoryCoupleStore();
    const a = talk({ store });
    const b = talk({ store });
    await a.conversation.say('open twilight ritual');
    await a.conversation.say('our names are Kit and Lou');
    await a.conversation.say('Kit is at 2');
    expect(store.items.has(COUPLE)).toBe(true);
    return { store, a, b };
  }

  const stored = (store: MemoryCoupleStore) => {
    const item = store.items.get(COUPLE);
    return item && JSON.stringify(JSON.parse(item.state));
  };

  it("A's next change after B deleted everything does not bring the couple back", async () => {
    const { store, a, b } = await twoDevices();
    await b.conversation.say('open twilight ritual');
    await b.conversation.say('delete our data');
    await b.conversation.say('yes');
    expect(store.items.has(COUPLE)).toBe(false);

    const next = await a.conversation.say('Kit is at 3');
    expect(next.speech).not.toMatch(/Kit|Lou/);
    expect(next.ended).toBe(false);
    expect(stored(store) ?? '').not.toMatch(/Kit|Lou|"energy"/);
    expect(JSON.stringify(next.response?.sessionAttributes ?? {})).not.toMatch(/Kit|Lou/);

    // And A carries on as a new couple would.
    const names = await a.conversation.say('our names are Rosa and Kim');
    expect(names.speech).toMatch(/Rosa and Kim/);
  });

  it('the same after the skill is disabled', async () => {
    const { store, a } = await twoDevices();
    const event = structuredClone(fixture);
    delete (event as { session?: unknown }).session;
    event.context.System.user.userId = COUPLE;
    event.request = {
      type: 'AlexaSkillEvent.SkillDisabled',
      requestId: 'r-disabled-2',
      timestamp: new Date().toISOString(),
      body: { userId: COUPLE },
    } as never;
    await a.skill.invoke(event);
    expect(store.items.has(COUPLE)).toBe(false);

    const next = await a.conversation.say('Kit is at 3');
    expect(next.speech).not.toMatch(/Kit|Lou/);
    expect(stored(store) ?? '').not.toMatch(/Kit|Lou|"energy"/);
  });

  it('never writes the old couple over a new one that reached the same version', async () => {
    const { store, a, b } = await twoDevices();
    const cachedVersion = store.items.get(COUPLE)!.version;
    await b.conversation.say('open twilight ritual');
    await b.conversation.say('delete our data');
    await b.conversation.say('yes');
    await b.conversation.say('open twilight ritual');
    await b.conversation.say('our names are Rosa and Kim');
    await b.conversation.say('Rosa is at 4');
    expect(store.items.get(COUPLE)!.version).toBe(cachedVersion);

    const next = await a.conversation.say('Kit is at 3');
    expect(next.speech).not.toMatch(/Kit|Lou/);
    expect(stored(store)).toMatch(/Rosa/);
    expect(stored(store)).not.toMatch(/Kit|Lou/);
    expect(JSON.parse(store.items.get(COUPLE)!.state).days['2026-11-25'].energy).toEqual({ a: 4 });
  });
});

describe('isolation between couples', () => {
  it("never lets one account read or change another account's data", async () => {
    const store = new MemoryCoupleStore();
    const first = talk({ store, userId: 'amzn1.ask.account.first' });
    const second = talk({ store, userId: 'amzn1.ask.account.second' });
    await first.conversation.say('open twilight ritual');
    await first.conversation.say('our names are Sam and Alex');
    await first.conversation.say('Sam is at a 2');

    const other = await second.conversation.say('open twilight ritual');
    expect(other.speech).toMatch(/first names/i);
    expect(other.speech).not.toMatch(/Sam|Alex/);
    await second.conversation.say('our names are Rosa and Kim');
    await second.conversation.say('delete our data');
    await second.conversation.say('yes');

    expect(store.items.has('amzn1.ask.account.second')).toBe(false);
    const kept = JSON.parse(store.items.get('amzn1.ask.account.first')!.state);
    expect(kept.partners.map((p: { name: string }) => p.name)).toEqual(['Sam', 'Alex']);
    expect(kept.days['2026-11-25'].energy).toEqual({ a: 2 });
  });
});

describe('idempotency', () => {
  it('records one win and one energy log when Alexa delivers the same request twice', async () => {
    const t = talk();
    await setUp(t);
    const request = t.conversation.alexa.request().intent('LogWinIntent').slot('winCategory', 'a cuddle');
    const envelope = structuredClone(request.json()) as RequestEnvelope;
    const first = await t.skill.invoke(envelope);
    const second = await t.skill.invoke(structuredClone(envelope));
    expect(JSON.stringify(second.response.outputSpeech)).toEqual(JSON.stringify(first.response.outputSpeech));
    const wins = JSON.parse(t.store.items.get(COUPLE)!.state).days['2026-11-25'].wins;
    expect(wins).toHaveLength(1);

    const energy = structuredClone(t.conversation.alexa.request().intent('LogEnergyIntent').slot('name', 'Alex').slot('level', '3').json()) as RequestEnvelope;
    await t.skill.invoke(energy);
    const version = t.store.items.get(COUPLE)!.version;
    await t.skill.invoke(structuredClone(energy));
    expect(t.store.items.get(COUPLE)!.version).toBe(version);
  });

  it('still applies two different requests that say the same thing', async () => {
    const t = talk();
    await setUp(t);
    await t.conversation.say('we had a lovely cuddle');
    await t.conversation.say('we had a lovely cuddle');
    expect(JSON.parse(t.store.items.get(COUPLE)!.state).days['2026-11-25'].wins).toHaveLength(2);
  });
});
