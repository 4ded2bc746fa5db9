import type { ErrorHandler, HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isAnswerTo } from '../answers/pending';
import { removeReminders } from '../answers/reminders';
import { isIntent, isType, respond, SPOKEN } from '../answers/support';
import { CoupleErasedError } from '../couple-session';
import { isSetUp } from '../domain/couple';
import { localDay } from '../domain/dates';
import { say, spokenDay, spokenTime } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

/** "Delete our data": asks once, plainly, before anything goes. */
function askToDelete(input: HandlerInput): Response {
  const turn = turnOf(input);
  turn.pending = { kind: 'confirmDelete' };
  return respond(input, say.confirmDelete());
}

/** The "yes" to "shall I delete everything?": every item of this couple is removed, and the reminders Twilight set. */
async function deleteEverything(turn: Turn): Promise<Response> {
  const kept = (await turn.read()).reminders ?? [];
  const today = await turn.today();
  const [{ removed, remaining }] = await Promise.all([removeReminders(turn.input, kept, today), turn.couple.delete()]);
  turn.pending = undefined;
  const left = remaining.map((r) => ({ when: spokenDay(r.day, today, turn.locale), time: spokenTime(r.time) }));
  return respond(turn.input, say.deleted(removed > 0, left));
}

/** "Delete our data", "forget everything about us", with a yes/no confirmation. */
export const deleteDataHandler: RequestHandler = { canHandle: isIntent('DeleteDataIntent'), handle: askToDelete };

/** "Yes" to "shall I delete everything?". */
export const deleteConfirmedHandler: RequestHandler = {
  canHandle: isAnswerTo('confirmDelete', 'AMAZON.YesIntent'),
  handle: (input: HandlerInput) => deleteEverything(turnOf(input)),
};

/** "No" to "shall I delete everything?": nothing goes, and nothing more is asked. */
export const deleteDeclinedHandler: RequestHandler = {
  canHandle: isAnswerTo('confirmDelete', 'AMAZON.NoIntent'),
  handle(input: HandlerInput) {
    turnOf(input).pending = undefined;
    return respond(input, say.notDeleted());
  },
};

/** The skill was disabled in the Alexa app: the couple's data goes with it. No answer is spoken. */
export const skillDisabledHandler: RequestHandler = {
  canHandle: isType('AlexaSkillEvent.SkillDisabled'),
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    const kept = (await turn.read()).reminders ?? [];
    // The event may still carry a token the Reminders API accepts; if not, the account keeps them.
    await Promise.all([removeReminders(input, kept, localDay(turn.now, turn.deps.defaultTimeZone)), turn.couple.delete()]);
    return input.responseBuilder.getResponse();
  },
};

/**
 * A change meant for a couple deleted elsewhere mid-session: nothing was written, and the turn
 * answers from the store's current state, which the session read while finding this out.
 */
export const coupleErasedHandler: ErrorHandler = {
  canHandle: (_input: HandlerInput, error: Error) => error instanceof CoupleErasedError,
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    const startedAgain = isSetUp(await turn.read());
    turn.pending = startedAgain ? undefined : { kind: 'names' };
    // Response interceptors do not run after an error handler: carry the fresh state from here.
    input.attributesManager.getRequestAttributes()[SPOKEN] = undefined;
    turn.saveToSession(true);
    turn.deps.log.info('turn', { outcome: 'erased' });
    const type = input.requestEnvelope.request?.type;
    if (type !== 'LaunchRequest' && type !== 'IntentRequest') return input.responseBuilder.getResponse();
    return respond(input, say.notesCleared(startedAgain));
  },
};
