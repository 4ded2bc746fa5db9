import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import {
  isSetUp,
  logEnergy as recordEnergy,
  partner,
  partnerByName,
  partnerByPerson,
  tonightPace,
  type CoupleState,
  type Partner,
  type PartnerId,
} from '../domain/couple';
import type { LocalDay } from '../domain/dates';
import { readLevel, type LevelReading } from '../domain/energy';
import { ceilingFor } from '../domain/pacing';
import { say, type Line, type Names } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';
import { chooseGoal, goalCount } from './goals';
import { ritualEnergyGiven } from './ritual';
import { isIntent, respond, slotId, slotText } from './support';
import { lookupSlotValue } from './vocabulary';

/** The couple's two names, for lines that mention both. */
export function namesOf(state: CoupleState): Names {
  return { a: partner(state, 'a')?.name ?? '', b: partner(state, 'b')?.name ?? '' };
}

/** Reads an energy word ("wiped out") through entity resolution, falling back to the model's synonyms. */
export function levelFromWord(input: HandlerInput, slotName: string): LevelReading {
  const text = slotText(input, slotName);
  const id = slotId(input, slotName) ?? lookupSlotValue('EnergyWord', text);
  return id ? readLevel(id) : { kind: 'none' };
}

/** What comes after a log: tonight's pace when both are known, else ask the other partner. */
export function energyNextStep(turn: Turn, state: CoupleState, today: LocalDay): Line {
  const pace = tonightPace(state, today);
  if (pace.bothKnown) {
    turn.pending = { kind: 'offer', yes: 'idea' };
    // A rest or appointment day keeps tonight very gentle whatever the energies: say that, not "a three".
    const { reason } = ceilingFor(state.pacing, state.days[today]?.energy ?? {}, today);
    if (reason !== 'energy') return say.paceRestDay(reason, say.afterPace());
    return say.pace(namesOf(state), { a: pace.levels.a!, b: pace.levels.b! }, pace.ceiling, say.afterPace());
  }
  const missing: PartnerId = pace.levels.a === undefined ? 'a' : 'b';
  if (pace.levels.a !== undefined || pace.levels.b !== undefined) {
    turn.pending = { kind: 'energyFor', partner: missing };
    return say.askEnergy(partner(state, missing)?.name);
  }
  turn.pending = undefined;
  return say.whoGoesFirst();
}

/** Logs `level` for `who` and answers with thanks and the next step. */
export async function logFor(turn: Turn, who: Partner, level: number): Promise<Response> {
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

async function handle(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  // A bare number answering "how many a week?" is the goal's count, not an energy.
  const pending = turn.pending;
  if (pending?.kind === 'goalCount' && !slotText(input, 'name')) {
    const count = goalCount(slotText(input, 'level'));
    if (count === 'outOfRange') return respond(input, say.goalTooMany());
    if (count !== undefined) return chooseGoal(turn, pending.goalKind, count);
  }
  const byNumber = readLevel(slotText(input, 'level'));
  const reading = byNumber.kind === 'none' ? levelFromWord(input, 'energyWord') : byNumber;
  return logReading(turn, reading, slotText(input, 'name'));
}

/** Shared by LogEnergyIntent and a name slot that turned out to be an energy word. */
export async function logReading(turn: Turn, reading: LevelReading, spokenName?: string): Promise<Response> {
  const input = turn.input;
  if (reading.kind === 'outOfRange') return respond(input, say.energyOutOfRange());
  if (reading.kind === 'none') return respond(input, say.energyNotHeard());
  // Before the ritual we asked for one number, the lower of the two: it paces tonight, unattributed.
  if (turn.pending?.kind === 'ritualEnergy') return ritualEnergyGiven(turn, reading.level);

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
export const logEnergyHandler: RequestHandler = { canHandle: isIntent('LogEnergyIntent'), handle };
