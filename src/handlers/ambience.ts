import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { ambienceOf } from '../answers/room';
import { isIntent, respond, slotId, slotText } from '../answers/support';
import { lookupSlotValue } from '../answers/vocabulary';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

type Part = 'lights' | 'music';

function partOf(input: HandlerInput): Part | undefined {
  const id = slotId(input, 'part') ?? lookupSlotValue('AmbiencePart', slotText(input, 'part'));
  return id === 'lights' || id === 'music' ? id : undefined;
}

async function setPart(input: HandlerInput, on: boolean): Promise<Response> {
  const turn = turnOf(input);
  const part = partOf(input);
  if (!part) return respond(input, say.fallback());
  const today = await turn.today();
  await turn.update((draft) => {
    if (!on) draft[part === 'lights' ? 'lightsOffDay' : 'musicOffDay'] = today;
    else if (part === 'lights') delete draft.lightsOffDay;
    else delete draft.musicOffDay;
  });
  return respond(input, say.lightsSet(part, on));
}

async function lightsUp(input: HandlerInput): Promise<Response> {
  const { lights } = ambienceOf(turnOf(input));
  if (lights.kind === 'none') return respond(input, say.noLightsHub());
  const outcome = await lights.restore();
  return respond(input, say.lightsUp(outcome.ok));
}

/** "No lights tonight", "no music tonight": that part sits out this evening's ritual. */
export const ambienceOffHandler: RequestHandler = { canHandle: isIntent('AmbienceOffIntent'), handle: (i) => setPart(i, false) };

/** "Lights on again", "music back on". */
export const ambienceOnHandler: RequestHandler = { canHandle: isIntent('AmbienceOnIntent'), handle: (i) => setPart(i, true) };

/** "Lights up": the matching restore call, bounded like every hub call. */
export const lightsUpHandler: RequestHandler = { canHandle: isIntent('LightsUpIntent'), handle: lightsUp };
