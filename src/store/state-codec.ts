import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CoupleState } from '../domain/couple';

/** The codec tag stored beside the blob: a new dictionary or layout gets a new tag, old tags stay readable. */
export const STATE_CODEC = 'z1';

/*
 * A preset deflate dictionary: the state's key names, enum values and the content ids of Nov 2026.
 * FROZEN: every item tagged z1 inflates with exactly these bytes. New content ids still encode (they
 * just compress less); to change this text, add a z2 and keep z1 for reading.
 */
const DICTIONARY_Z1 = Buffer.from(
  [
    '{"schemaVersion":1,"partners":[{"id":"a","name":"","personId":"amzn1.ask.person."},{"id":"b","name":""}],',
    '"timeZone":"America/","welcomed":true,"askedAboutDay":"2026-","notTonightDay":"2026-","lightsOffDay":"2026-",',
    '"musicOffDay":"2026-","safetyHold":"2026-","sensualChosen":true,"goal":{"kind":"ritual","perWeek":2,"setOn":"2026-"},',
    '"ritual":{"day":"2026-","step":0,"paused":false,"checkInId":"","activityId":"","ceiling":2},',
    '"days":{"2026-":{"energy":{"a":1,"b":2},"wins":[{"category":"","source":"said"},{"category":"","source":"rest"},',
    '{"category":"","source":"comfortable"},{"category":"","source":"ritual"}],"ritual":{"reached":4,"ended":"completed"}}},',
    '"ended":"inProgress","ended":"paused","ended":"notTonight","ended":"stopped","ended":"rest"',
    '"pacing":{"sessions":[{"day":"2026-","activityId":"","ratings":{"a":"tooMuch","b":"tooMuch"}},',
    '{"day":"2026-","activityId":"","ratings":{"both":"comfortable"}}],"recent":[],"setAside":{},"lacks":[],',
    '"restDays":[],"appointments":[],"sore":{},"stepDown":0,"turn":"a","turnDay":"2026-","favourites":[]},',
    '"checkIns":["energy-tonight","rest-night","kind-of-closeness","anywhere-sore","good-moment","lead-or-looked-after",',
    '"music-or-quiet","set-something-down","how-last-night-sat","appreciated-this-week","tomorrow-easier",',
    '"safe-and-cared-for","close-or-space","felt-close-today","looking-forward","like-to-hear","gentle-tonight"],',
    '"recentRequests":[],"generation":""}',
    '"one-song-side-by-side","one-good-thing","short-poem-aloud","breathe-together","three-small-thanks",',
    '"favourite-memory","just-be-near","something-that-made-you-smile","what-you-appreciated","tea-together",',
    '"gentle-card-game","set-something-down","short-evening-stroll","cook-something-simple",',
    '"hold-hands-while-talking","lean-together","long-easy-hug","draw-on-each-others-back","blanket-cuddle",',
    '"hand-massage","warm-foot-soak","gentle-foot-rub","light-shoulder-rub","brush-your-partners-hair",',
    '"gentle-stretch-together","slow-walk-hand-in-hand","slow-dance-in-the-kitchen","breathe-in-an-embrace",',
    '"slow-unhurried-kiss","mindful-hand-exploration","caress-each-others-face","fingers-through-hair","a-quiet-gaze",',
    '"kisses-for-the-hands","closeness-by-low-light","slow-caress-with-lotion","slow-back-caress",',
    '"touch-just-for-noticing","warm-bath-for-your-partner","dance-close-by-low-light"',
  ].join(''),
  'utf8',
);

/** The state as one small binary attribute: JSON, raw deflate with the frozen dictionary. */
export function encodeState(state: CoupleState): Uint8Array {
  return deflateRawSync(JSON.stringify(state), { level: 9, dictionary: DICTIONARY_Z1 });
}

/** The stored state as untrusted JSON (the caller sanitises it); throws on an unknown tag or a corrupt blob. */
export function decodeState(blob: Uint8Array, codec: string): unknown {
  if (codec !== STATE_CODEC) throw new Error(`unknown state codec ${codec}`);
  return JSON.parse(inflateRawSync(blob, { dictionary: DICTIONARY_Z1 }).toString('utf8')) as unknown;
}
