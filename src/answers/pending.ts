import type { HandlerInput } from 'ask-sdk-core';
import { turnOf, type Offer, type Pending } from '../turn';
import { isIntent } from './support';

/** The question just asked, when it is of `kind`. */
export function pendingOf<K extends Pending['kind']>(input: HandlerInput, kind: K): Extract<Pending, { kind: K }> | undefined {
  const pending = turnOf(input).pending;
  return pending?.kind === kind ? (pending as Extract<Pending, { kind: K }>) : undefined;
}

/** canHandle for an answer to the question just asked: one of `intents` while a `kind` question is pending. */
export const isAnswerTo = (kind: Pending['kind'], ...intents: string[]) => {
  const said = isIntent(...intents);
  return (input: HandlerInput): boolean => said(input) && pendingOf(input, kind) !== undefined;
};

const yesOrNext = isIntent('AMAZON.YesIntent', 'RitualNextIntent', 'AMAZON.NextIntent', 'AMAZON.ResumeIntent');

/** What "yes" (or "next", "continue") accepts, when the question just asked offered something. */
export function offerAccepted(input: HandlerInput): Offer | undefined {
  return yesOrNext(input) ? pendingOf(input, 'offer')?.yes : undefined;
}
