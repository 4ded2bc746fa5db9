import type { AmbienceOutcome, HubMusic, Lights } from './types';

const OFF: AmbienceOutcome = { ok: false, reason: 'off' };

/** No hub configured: every call answers at once with `off`, so handlers skip the step quietly. */
export const noLights: Lights = {
  kind: 'none',
  settle: () => Promise.resolve(OFF),
  restore: () => Promise.resolve(OFF),
};

/** No hub speaker configured: music, if any, comes from the Echo's AudioPlayer instead. */
export const noMusic: HubMusic = {
  kind: 'none',
  play: () => Promise.resolve(OFF),
  pause: () => Promise.resolve(OFF),
};
