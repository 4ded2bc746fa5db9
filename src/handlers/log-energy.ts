import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { energyNextStep } from '../answers/evening';
import { linkSpeakerVoice, namesOf } from '../answers/partners';
import { pendingOf } from '../answers/pending';
import { isIntent, respond, slotText } from '../answers/support';
import { energyHeard, lookupSlotValue, spokenName } from '../answers/vocabulary';
import { isSetUp, logEnergy as recordEnergy, partner, partnerByName, partnerByPerson, type CoupleState, type Partner } from '../domain/couple';
import type { LevelReading } from '../domain/energy';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

/** Logs `level` for `who` and answers with thanks and the next step. */
async function logFor(turn: Turn, who: Partner, level: number): Promise<Response> {
  const today = await turn.today();
  const state = await turn.update((draft) => {
    recordEnergy(draft, who.id, level, today);
    return draft;
  });
  return respond(turn.input, say.energyLogged(who.name, level, energyNextStep(turn, state, today), today));
}

/** Who is talking: a recognised voice, else a name said aloud, else the partner we just asked. */
function speaker(turn: Turn, state: CoupleState, spokenName: string | undefined): Partner | 'unknownName' | undefined {
  if (spokenName) return partnerByName(state, spokenName) ?? 'unknownName';
  const byVoice = partnerByPerson(state, turn.personId);
  if (byVoice) return byVoice;
  const pending = turn.pending;
  if (pending?.kind === 'energyFor') return partner(state, pending.partner);
  return undefined;
}

/** Logs what was heard, for the partner who said it; asks who is speaking when that is not known. */
async function logReading(turn: Turn, reading: LevelReading, spokenName?: string): Promise<Response> {
  const input = turn.input;
  if (reading.kind === 'outOfRange') return respond(input, say.energyOutOfRange());
  if (reading.kind === 'none') return respond(input, say.energyNotHeard());
  const state = await turn.read();
  if (!isSetUp(state)) {
    turn.pending = { kind: 'whoIsSpeaking', level: reading.level };
    return respond(input, say.needNamesFirst());
  }
  const who = speaker(turn, state, spokenName);
  if (who === 'unknownName') {
    turn.pending = { kind: 'whoIsSpeaking', level: reading.level };
    return respond(input, say.unknownPartner(namesOf(state)));
  }
  if (!who) {
    turn.pending = { kind: 'whoIsSpeaking', level: reading.level };
    return respond(input, say.whoIsSpeaking(namesOf(state)));
  }
  return logFor(turn, who, reading.level);
}

/** "My energy is two", "I'm wiped out today", "Sam's energy is four". */
export const logEnergyHandler: RequestHandler = {
  canHandle: isIntent('LogEnergyIntent'),
  handle: (input: HandlerInput) => logReading(turnOf(input), energyHeard(input) ?? { kind: 'none' }, slotText(input, 'name')),
};

const isSetup = isIntent('SetupPartnersIntent');

/** "I'm wiped out" can be heard as "I'm {nameA}": an energy word is never taken for a name. */
export const energyAsNameHandler: RequestHandler = {
  canHandle: (input) => isSetup(input) && energyHeard(input) !== undefined,
  handle: (input: HandlerInput) => logReading(turnOf(input), energyHeard(input) ?? { kind: 'none' }),
};

/** A partner's name (alone) answering "who is speaking?": the energy asked about is logged for them. */
async function nameOfSpeaker(input: HandlerInput): Promise<Partner | undefined> {
  const name = spokenName(input, 'nameA');
  if (!isSetup(input) || !pendingOf(input, 'whoIsSpeaking') || !name || spokenName(input, 'nameB') || lookupSlotValue('EnergyWord', name)) return undefined;
  const state = await turnOf(input).read();
  return isSetUp(state) ? partnerByName(state, name) : undefined;
}

/** "It's Sam", answering "who is speaking?": that voice is linked to Sam, and the level waiting is logged. */
export const speakerNamedHandler: RequestHandler = {
  canHandle: async (input) => (await nameOfSpeaker(input)) !== undefined,
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    const who = await nameOfSpeaker(input);
    const pending = pendingOf(input, 'whoIsSpeaking');
    // canHandle saw a name for the voice just asked about; a changed request is answered kindly instead.
    if (who === undefined || !pending) return respond(input, say.fallback());
    const { level } = pending;
    await linkSpeakerVoice(turn, who);
    turn.pending = undefined;
    return logFor(turn, who, level);
  },
};
