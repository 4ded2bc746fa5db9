import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';
import { isIntent, isType, respond } from './support';

/** "Delete our data": asks once, plainly, before anything goes. */
async function askToDelete(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  turn.pending = { kind: 'confirmDelete' };
  return respond(input, say.confirmDelete());
}

/** The "yes" to "shall I delete everything?": every item of this couple is removed. */
export async function deleteEverything(turn: Turn): Promise<Response> {
  await turn.couple.delete();
  turn.pending = undefined;
  return respond(turn.input, say.deleted());
}

/** "Delete our data", "forget everything about us", with a yes/no confirmation. */
export const deleteDataHandler: RequestHandler = { canHandle: isIntent('DeleteDataIntent'), handle: askToDelete };

/** The skill was disabled in the Alexa app: the couple's data goes with it. No answer is spoken. */
export const skillDisabledHandler: RequestHandler = {
  canHandle: isType('AlexaSkillEvent.SkillDisabled'),
  async handle(input: HandlerInput) {
    await turnOf(input).couple.delete();
    return input.responseBuilder.getResponse();
  },
};
