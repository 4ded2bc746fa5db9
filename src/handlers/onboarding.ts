import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { eveningStep } from '../answers/evening';
import { linkSpeakerVoice, namesOf } from '../answers/partners';
import { isIntent, isType, respond } from '../answers/support';
import { spokenName } from '../answers/vocabulary';
import { cleanName, isSetUp, partnerByName, partnerByPerson, sameName, setPartners } from '../domain/couple';
import { mayOfferRoutine } from '../domain/routine';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

async function launch(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const state = await turn.read();
  if (!isSetUp(state)) {
    turn.pending = { kind: 'names' };
    // The note is kept with the names (one write): until they set up, each first visit hears it.
    return respond(input, state.welcomed ? say.askNames() : say.firstWelcome());
  }
  if (mayOfferRoutine(state)) {
    // Asked once, whatever the answer: the question never comes back unprompted.
    await turn.update((draft) => {
      draft.routineOffer = 'asked';
    });
    turn.pending = { kind: 'routineOffer' };
    return respond(input, say.routineOfferOnce());
  }
  const me = partnerByPerson(state, turn.personId);
  return respond(input, say.welcomeBack(me?.name, await eveningStep(turn, state), await turn.today()));
}

/** "Alexa, open twilight ritual": first-time welcome and names, or a warm welcome back. */
export const launchHandler: RequestHandler = { canHandle: isType('LaunchRequest'), handle: launch };

async function bothNames(turn: Turn, nameA: string, nameB: string): Promise<Response> {
  // Two partners of one name could never be told apart: ask for another name for the second.
  if (sameName(nameA, nameB)) {
    turn.pending = { kind: 'partnerName', name: cleanName(nameA) };
    return respond(turn.input, say.sameNames(cleanName(nameA)));
  }
  const pending = turn.pending;
  const state = await turn.update((draft) => {
    setPartners(draft, nameA, nameB);
    draft.welcomed = true;
    return draft;
  });
  if (pending?.kind === 'whoIsSpeaking') return respond(turn.input, say.namesSetThenWho(namesOf(state)));
  turn.pending = undefined;
  return respond(turn.input, say.namesSet(namesOf(state)));
}

/** One name said alone: completing setup, or greeting (and linking the voice of) a partner; "who is speaking?" is log-energy's. */
async function oneName(turn: Turn, name: string): Promise<Response> {
  const input = turn.input;
  const pending = turn.pending;
  const state = await turn.read();

  if (!isSetUp(state)) {
    if (pending?.kind === 'partnerName') return bothNames(turn, pending.name, name);
    if (pending?.kind === 'ownName') return bothNames(turn, name, pending.partnerName);
    turn.pending = { kind: 'partnerName', name: cleanName(name) };
    return respond(input, say.askPartnerName(cleanName(name)));
  }

  const who = partnerByName(state, name);
  if (!who) {
    // A stray phrase heard as a name: say so gently, unless we were asking who is speaking.
    if (pending?.kind === 'whoIsSpeaking') return respond(input, say.unknownPartner(namesOf(state)));
    return respond(input, say.fallback());
  }

  const newVoice = await linkSpeakerVoice(turn, who);
  const next = await eveningStep(turn, await turn.read());
  return respond(input, newVoice ? say.voiceLinked(who.name, next) : say.hello(who.name, next));
}

async function handle(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const nameA = spokenName(input, 'nameA');
  const nameB = spokenName(input, 'nameB');
  if (nameA && nameB) return bothNames(turn, nameA, nameB);
  if (nameA) return oneName(turn, nameA);
  if (nameB) {
    const pending = turn.pending;
    if (pending?.kind === 'partnerName') return bothNames(turn, pending.name, nameB);
    turn.pending = { kind: 'ownName', partnerName: cleanName(nameB) };
    return respond(input, say.askOwnName());
  }
  return respond(input, say.namesReprompt());
}

/** "Our names are Sam and Alex", "this is Sam" (links a recognised voice), "my partner is Alex". */
export const setupPartnersHandler: RequestHandler = { canHandle: isIntent('SetupPartnersIntent'), handle };
