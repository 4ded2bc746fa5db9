import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentRequest, Response, Slot } from 'ask-sdk-model';
import { SPOKEN } from '../session-attributes';
import type { Line } from '../speech/en-US';

/** Every intent name some handler claims; the model test compares it with the interaction model. */
export const handledIntents = new Set<string>();

/** canHandle for one or more intent names. */
export const isIntent = (...names: string[]) => {
  names.forEach((name) => handledIntents.add(name));
  return (input: HandlerInput): boolean => getRequestType(input.requestEnvelope) === 'IntentRequest' && names.includes(getIntentName(input.requestEnvelope));
};

/** canHandle for one or more request types. */
export const isType =
  (...types: string[]) =>
  (input: HandlerInput): boolean =>
    types.includes(getRequestType(input.requestEnvelope));

/** A slot of the current intent, tolerating a missing intent, slot or value. */
function slot(input: HandlerInput, name: string): Slot | undefined {
  const request = input.requestEnvelope.request as Partial<IntentRequest>;
  const found = request.intent?.slots?.[name];
  return found && typeof found === 'object' ? found : undefined;
}

/** What XML, so SSML, cannot carry: control characters but tab and newlines, U+FFFE/FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose: XML forbids them.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The spoken text of a slot, or undefined when absent, empty or not understood ("?"). Characters
 * SSML cannot carry are dropped, so a name or need said back never makes Alexa reject the answer.
 */
export function slotText(input: HandlerInput, name: string): string | undefined {
  const value = slot(input, name)?.value;
  if (typeof value !== 'string') return undefined;
  // Cleaned again after the cut, which can split a surrogate pair.
  const text = value.replace(NOT_XML, '').trim().slice(0, 200).replace(NOT_XML, '');
  return text && text !== '?' ? text : undefined;
}

/** The id entity resolution matched for a custom slot, if any. */
export function slotId(input: HandlerInput, name: string): string | undefined {
  const authorities = slot(input, name)?.resolutions?.resolutionsPerAuthority;
  if (!Array.isArray(authorities)) return undefined;
  for (const authority of authorities) {
    if (authority?.status?.code === 'ER_SUCCESS_MATCH') {
      const id = authority.values?.[0]?.value?.id;
      if (typeof id === 'string') return id;
    }
  }
  return undefined;
}

export { SPOKEN };

/** Builds the response for a Line: a reprompt keeps the session open, none closes it. */
export function respond(input: HandlerInput, line: Line): Response {
  input.attributesManager.getRequestAttributes()[SPOKEN] = line;
  const builder = input.responseBuilder.speak(line.speech);
  if (line.reprompt) builder.reprompt(line.reprompt);
  else builder.withShouldEndSession(true);
  return builder.getResponse();
}
