import type { HandlerInput } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';

/** Only devices with a screen that speaks APL get a document; others get nothing. */
export function supportsApl(input: HandlerInput): boolean {
  const supported = input.requestEnvelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  return Boolean(supported?.['Alexa.Presentation.APL']);
}

/** A dark, warm, low-contrast page: one soft glow, the step and its title. Data comes in datasources. */
const RITUAL_DOCUMENT = {
  type: 'APL',
  version: '2023.3',
  theme: 'dark',
  mainTemplate: {
    parameters: ['payload'],
    items: [
      {
        type: 'Container',
        width: '100vw',
        height: '100vh',
        alignItems: 'center',
        justifyContent: 'center',
        item: [
          { type: 'Frame', position: 'absolute', width: '100vw', height: '100vh', backgroundColor: '#140d0a' },
          {
            type: 'Frame',
            width: '32vmin',
            height: '32vmin',
            borderRadius: '16vmin',
            backgroundColor: '#5a2e1c',
            opacity: 0.55,
          },
          { type: 'Text', text: '${payload.ritual.step}', color: '#a88a72', fontSize: '22dp', paddingTop: '24dp', textAlign: 'center' },
          { type: 'Text', text: '${payload.ritual.title}', color: '#d9b99b', fontSize: '34dp', fontWeight: '300', textAlign: 'center', paddingTop: '8dp' },
          { type: 'Text', text: '${payload.ritual.hint}', color: '#7d6656', fontSize: '20dp', textAlign: 'center', paddingTop: '16dp' },
        ],
      },
    ],
  },
};

export const RITUAL_STEP_NAMES = ['Settle', 'Check-in', 'Gentle exchange', 'Close'];

/** The RenderDocument directive for a ritual step ("step 2 of 4"). */
export function ritualScreen(step: number, title: string, hint: string): interfaces.alexa.presentation.apl.RenderDocumentDirective {
  return {
    type: 'Alexa.Presentation.APL.RenderDocument',
    token: 'twilight-ritual',
    document: RITUAL_DOCUMENT,
    datasources: { payload: { ritual: { step: `Step ${step + 1} of ${RITUAL_STEP_NAMES.length}`, title, hint } } },
  };
}
