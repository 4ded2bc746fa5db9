import type { CoupleStore, Versioned } from '../../src/store/couple-store';
import { StoreUnavailableError } from '../../src/store/couple-store';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { must } from '../support/must';
import { ALEX_VOICE, SAM_VOICE, talk, TestClock } from '../support/skill';

const COUPLE = 'amzn1.ask.account.test-couple';

async function setUpCouple(conversation: ReturnType<typeof talk>['conversation']) {
  await conversation.say('open twilight ritual');
  await conversation.say('our names are Sam and Alex');
}

function energies(store: MemoryCoupleStore, day: string) {
  const item = store.items.get(COUPLE);
  return item ? (JSON.parse(item.state).days[day]?.energy ?? {}) : {};
}

describe('first evening: onboarding', () => {
  it('welcomes, says once it is not medical advice, and asks for first names', async () => {
    const { conversation } = talk();
    const first = await conversation.say('open twilight ritual');
    expect(first.speech).toMatch(/care team/i);
    expect(first.speech).toMatch(/first names/i);
    expect(first.ended).toBe(false);

    await conversation.say('our names are Sam and Alex');
    conversation.endSession();
    const again = await conversation.say('open twilight ritual');
    expect(again.speech).not.toMatch(/care team/i);
    expect(again.speech).toMatch(/welcome back|hello again|good evening|lovely to hear/i);
  });

  it('learns both names in one sentence and invites the first energy', async () => {
    const { conversation } = talk();
    await conversation.say('open twilight ritual');
    const named = await conversation.say("I'm Sam and my partner is Alex");
    expect(named.intent).toBe('SetupPartnersIntent');
    expect(named.speech).toMatch(/Sam/);
    expect(named.speech).toMatch(/Alex/);
    expect(named.speech).toMatch(/energy/i);
    expect(named.ended).toBe(false);
  });

  it('takes the names one at a time when given one at a time', async () => {
    const { conversation, store } = talk();
    await conversation.say('open twilight ritual');
    const first = await conversation.say("it's Sam");
    expect(first.speech).toMatch(/Sam/);
    expect(first.speech).toMatch(/partner/i);
    const second = await conversation.say('my partner is Alex');
    expect(second.speech).toMatch(/Sam and Alex/);
    expect(JSON.parse(store.items.get(COUPLE)!.state).partners.map((p: { name: string }) => p.name)).toEqual(['Sam', 'Alex']);
  });
});

describe('two partners with the same name', () => {
  const partners = (store: MemoryCoupleStore) => JSON.parse(store.items.get(COUPLE)?.state ?? '{"partners":[]}').partners.map((p: { name: string }) => p.name);

  it('asks kindly for another name for the second partner, then takes it', async () => {
    const { conversation, store } = talk();
    await conversation.say('open twilight ritual');
    const same = await conversation.say('our names are Sam and Sam');
    expect(same.intent).toBe('SetupPartnersIntent');
    expect(same.ended).toBe(false);
    expect(same.speech).toMatch(/Sam/);
    expect(same.speech).toMatch(/\?$/);
    expect(same.speech).not.toMatch(/meet you, Sam and Sam/i);
    expect(partners(store)).toEqual([]);

    const other = await conversation.say('Sammy');
    expect(other.speech).toMatch(/Sam and Sammy/);
    expect(partners(store)).toEqual(['Sam', 'Sammy']);
  });

  it('treats names that differ only in case or accents as the same', async () => {
    const { conversation, store } = talk();
    await conversation.say('open twilight ritual');
    // Straight to the intent: the local NLU stand-in keeps only plain letters.
    const same = await conversation.intend('SetupPartnersIntent', { nameA: 'Zoë', nameB: 'zoe' });
    expect(same.ended).toBe(false);
    expect(same.speech).not.toMatch(/meet you/i);
    expect(partners(store)).toEqual([]);
  });

  it('asks the same when the names come one at a time', async () => {
    const { conversation, store } = talk();
    await conversation.say('open twilight ritual');
    await conversation.say("it's Sam");
    const same = await conversation.say('my partner is Sam');
    expect(same.ended).toBe(false);
    expect(same.speech).not.toMatch(/meet you, Sam and Sam/i);
    expect(partners(store)).toEqual([]);
    const other = await conversation.say('my partner is Sammy');
    expect(partners(store)).toEqual(['Sam', 'Sammy']);
    expect(other.speech).toMatch(/Sammy/);
  });

  it('keeps the names it has when a rename would make them the same', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    const same = await conversation.say('our names are Alex and Alex');
    expect(same.ended).toBe(false);
    expect(partners(store)).toEqual(['Sam', 'Alex']);
  });
});

describe('logging energy', () => {
  it('asks who is speaking when the voice is unknown, then paces to the lower energy', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);

    const ask = await conversation.say('my energy is 2');
    expect(ask.speech).toMatch(/Sam or Alex/);
    expect(energies(store, '2026-11-25')).toEqual({});

    const sam = await conversation.say("it's Sam");
    expect(sam.speech).toMatch(/Sam/);
    expect(sam.speech).toMatch(/two/i);
    expect(sam.speech).toMatch(/Alex/); // asks the other partner next
    expect(energies(store, '2026-11-25')).toEqual({ a: 2 });

    const alex = await conversation.say("I'm wiped out today");
    expect(alex.intent).toBe('LogEnergyIntent');
    expect(energies(store, '2026-11-25')).toEqual({ a: 2, b: 1 });
    expect(alex.speech).toMatch(/keep it at a one/i);
    expect(alex.ended).toBe(false);
  });

  it('logs by name, by number and by word; the latest log of the day stands', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    await conversation.say('Alex is at a 4');
    await conversation.say('Sam is feeling great');
    expect(energies(store, '2026-11-25')).toEqual({ a: 5, b: 4 });
    const later = await conversation.say('Sam energy is 3');
    expect(energies(store, '2026-11-25')).toEqual({ a: 3, b: 4 });
    expect(later.speech).toMatch(/keep it at a three/i);
  });

  it('maps every energy word to its level', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    const cases: [string, number][] = [
      ['exhausted', 1],
      ['running on empty', 1],
      ['tired', 2],
      ['low', 2],
      ['okay', 3],
      ['so so', 3],
      ['pretty good', 4],
      ['energetic', 5],
    ];
    for (const [word, level] of cases) {
      await conversation.say(`Alex is feeling ${word}`);
      expect(energies(store, '2026-11-25').b).toBe(level);
    }
  });

  it('re-asks kindly and stores nothing for out-of-range, unknown or missing values', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    const version = store.items.get(COUPLE)!.version;

    const eleven = await conversation.say('my energy is 11');
    expect(eleven.speech).toMatch(/one.*five/i);
    expect(eleven.ended).toBe(false);

    const zero = await conversation.say('my energy is 0');
    expect(zero.speech).toMatch(/one.*five/i);

    const nothing = await conversation.intend('LogEnergyIntent');
    expect(nothing.speech).toMatch(/one to five/i);
    expect(nothing.ended).toBe(false);

    const nonsense = await conversation.say('I feel purple');
    expect(nonsense.ended).toBe(false);
    expect(nonsense.speech.length).toBeGreaterThan(0);

    expect(store.items.get(COUPLE)!.version).toBe(version);
  });

  it('asks which partner when the name is not one of theirs', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    const who = await conversation.say('Jordan is at a 3');
    expect(who.speech).toMatch(/Sam and Alex/);
    const answer = await conversation.say("it's Alex");
    expect(answer.speech).toMatch(/three/i);
    expect(energies(store, '2026-11-25')).toEqual({ b: 3 });
  });

  it('remembers a recognised voice once a partner says who they are', async () => {
    const { conversation, store } = talk({ personId: SAM_VOICE });
    await setUpCouple(conversation);
    const linked = await conversation.say('this is Sam speaking');
    expect(linked.speech).toMatch(/voice/i);

    conversation.endSession();
    const oneShot = await conversation.say('tell twilight ritual my energy is 3');
    expect(oneShot.speech).toMatch(/Sam/);
    expect(oneShot.speech).not.toMatch(/Sam or Alex/);
    expect(energies(store, '2026-11-25')).toEqual({ a: 3 });

    conversation.endSession();
    conversation.personId = ALEX_VOICE; // recognised by Alexa, but not yet linked to a partner
    const unknownVoice = await conversation.say('tell twilight ritual my energy is 4');
    expect(unknownVoice.speech).toMatch(/Sam or Alex/);
    await conversation.say("it's Alex");
    expect(energies(store, '2026-11-25')).toEqual({ a: 3, b: 4 });
  });

  it('greets a recognised partner by name on launch and asks for their energy', async () => {
    const { conversation } = talk({ personId: SAM_VOICE });
    await setUpCouple(conversation);
    await conversation.say('this is Sam speaking');
    conversation.endSession();
    const back = await conversation.say('open twilight ritual');
    expect(back.speech).toMatch(/(Welcome back|Hello again|Good evening|Lovely to hear you), Sam/);
    expect(back.speech).toMatch(/energy/i);
    const logged = await conversation.say('I am at a 2');
    expect(logged.speech).toMatch(/(?:Thanks|Thank you|Got it|Noted), Sam/);
  });
});

describe("the couple's local day", () => {
  it('counts a 9:30 pm log in New York (02:30 UTC) for that evening, and starts fresh the next evening', async () => {
    const clock = new TestClock(new Date('2026-11-26T02:30:00Z'));
    const { conversation, store } = talk({ clock, timeZone: 'America/New_York' });
    await setUpCouple(conversation);
    await conversation.say('Sam is at a 2');
    expect(energies(store, '2026-11-25')).toEqual({ a: 2 });

    clock.set('2026-11-27T01:00:00Z'); // 8 pm on the 26th in New York
    conversation.endSession();
    await conversation.say('open twilight ritual');
    const next = await conversation.say('Alex is at a 4');
    expect(next.speech).toMatch(/Sam/); // Sam has not logged this evening yet
    expect(energies(store, '2026-11-26')).toEqual({ b: 4 });
  });
});

describe('persistence and round trips', () => {
  it('keeps everything across sessions and reads the database once per session', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    await conversation.say('Sam is at a 2');
    const readsInSession = store.reads;
    expect(readsInSession).toBe(1);

    conversation.endSession();
    const back = await conversation.say('open twilight ritual');
    expect(back.speech).toMatch(/Welcome back|Hello again|Good evening|Lovely to hear you/);
    expect(store.reads).toBe(2);
    const writes = store.writes;
    await conversation.say('help');
    await conversation.say('what is the weather like in paris today');
    expect(store.writes).toBe(writes); // turns that change nothing write nothing
    expect(store.reads).toBe(2); // and the session carries the state
  });

  it('re-applies a change on fresh state when the other partner wrote first on another device', async () => {
    const store = new MemoryCoupleStore();
    const samDevice = talk({ store }).conversation;
    await setUpCouple(samDevice);
    const alexDevice = talk({ store }).conversation;
    await alexDevice.say('open twilight ritual');
    await alexDevice.say('Alex is at a 4'); // written while Sam's session holds an older copy
    const sam = await samDevice.say('Sam is at a 2');
    expect(energies(store, '2026-11-25')).toEqual({ a: 2, b: 4 });
    expect(sam.speech).toMatch(/keep it at a two/i);
  });

  it('tells the couple honestly when the database is down, and stays open', async () => {
    const down: CoupleStore = {
      get: async (): Promise<Versioned | undefined> => {
        throw new StoreUnavailableError('down');
      },
      put: async () => {
        throw new StoreUnavailableError('down', 'write');
      },
      delete: async () => {
        throw new StoreUnavailableError('down', 'write');
      },
    };
    const { conversation, log } = talk({ store: down });
    const answer = await conversation.say('open twilight ritual');
    expect(answer.speech).toMatch(/couldn't save|try again/i);
    expect(answer.ended).toBe(false);
    expect(JSON.stringify(log.lines)).not.toMatch(/Sam|Alex/);
  });
});

describe('built-ins', () => {
  it('answers help, fallback, stop, cancel, navigate home and session end', async () => {
    const { conversation } = talk();
    await conversation.say('open twilight ritual');
    const help = await conversation.say('help');
    expect(help.speech).toMatch(/names/i);
    expect(help.ended).toBe(false);

    // Help asked for their names; a line not understood asks that again rather than listing commands.
    const fallback = await conversation.say('what is the weather like in paris today');
    expect(fallback.kind).toBe('nomatch');
    expect(fallback.speech).toMatch(/names/i);
    expect(fallback.ended).toBe(false);

    const home = await conversation.intend('AMAZON.NavigateHomeIntent');
    expect(home.ended).toBe(true);

    await conversation.say('open twilight ritual');
    const cancel = await conversation.say('cancel');
    expect(cancel.speech).toMatch(/goodnight/i);
    expect(cancel.ended).toBe(true);

    await conversation.say('open twilight ritual');
    const stop = await conversation.say('stop');
    expect(stop.ended).toBe(true);

    await conversation.say('open twilight ritual');
    const ended = await conversation.alexa.endSession();
    expect(ended.response?.outputSpeech).toBeUndefined();
  });
});

describe('a line not understood while a question is open', () => {
  it('asks the same question again, and the answer still lands', async () => {
    const { conversation, store } = talk();
    await setUpCouple(conversation);
    await conversation.say('Sam is at a 2');
    const lost = await conversation.say('play some jazz');
    expect(lost.kind).toBe('nomatch');
    expect(lost.speech).toMatch(/Alex/);
    expect(lost.speech).toMatch(/energy/i);
    expect(lost.speech).not.toMatch(/you could say/i);
    expect(lost.ended).toBe(false);
    await conversation.say('a 4');
    const today = must(Object.keys(JSON.parse(store.items.get(COUPLE)!.state).days)[0], 'a stored day');
    expect(Object.keys(energies(store, today))).toHaveLength(2);
  });
});
