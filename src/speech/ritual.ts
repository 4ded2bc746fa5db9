import type { SkillLocale } from './locale';
import { WIND, close, emergencyNumber, esc, lead, nightly, open, pause, type Idea, type Line } from './words';

/** Safety first, then the wind-down ritual, its music and its lights. */
export const ritualLines = {
  /** Red flags: the locale's emergency number in words Alexa reads right, plainly, and no advice. */
  safety: (locale: SkillLocale = 'en-US', lightsUp = false): Line =>
    close(
      `I'm stopping everything${lightsUp ? ' and the lights are up' : ''}. If this could be serious, call ${emergencyNumber(locale)} now; I can't place the call myself. Otherwise, please ring your care team.`,
    ),
  safetyHold: (): Line =>
    close("Earlier you mentioned worrying symptoms, so the wind down is resting. When you're both okay, say: Alexa, tell twilight ritual we're okay."),
  safetyCleared: (): Line => open("I'm so glad. Go gently tonight.", 'Would you like to start the wind down, or simply rest?'),
  safetyNotHeld: (): Line => open("I'm glad you're okay.", 'What would you like to do?'),
  /**
   * A pause the skill chose because it was unsure what was meant: nothing counts, nothing new. A red
   * flag Alexa did not understand lands here too, so the emergency number is said, gently, once.
   */
  ritualUnsure: (locale: SkillLocale = 'en-US'): Line =>
    open(`I've paused, just in case. If anyone feels unwell, call ${emergencyNumber(locale)}.`, 'Otherwise, would you like to go on, or rest for tonight?'),
  consentHeard: (): Line => close("Of course. We'll stop here, and that's perfectly okay. Only rest tonight; nothing is lost. Goodnight, you two."),
  ritualEnergyFirst: (): Line => open('Before we begin:', "how's your energy tonight, one to five? If you differ, the lower number is perfect."),
  ritualSettle: (lightsDimmed: boolean, day?: string): Line =>
    open(
      `${nightly(["Let's settle in.", "Let's slow right down.", 'Time to settle, together.', "Let's ease into the evening."], day)}${lightsDimmed ? " I've dimmed the lights low and warm." : ''}${pause(800)} ${nightly(['Let your shoulders drop, and take one slow breath together.', 'Soften your jaw and shoulders, and breathe out slowly together.', 'Get comfortable, and share one long, easy breath.', 'Let the day fall away, and take one slow breath together.'], day)}${pause(3000)}`,
      "When you're ready, say next.",
    ),
  ritualCheckIn: (question: string): Line =>
    open(
      `Here's tonight's check-in.${pause(500)} ${esc(question)}${pause(3000)} Take a moment each to answer.${pause(1500)} Then one more slow breath together.${pause(2500)}`,
      'Say next when you are ready.',
    ),
  ritualExchange: (idea: Idea | undefined): Line =>
    idea
      ? open(
          `Tonight's gentle exchange: ${esc(idea.title)}.${pause(600)} ${esc(idea.guide)}${pause(1000)} Take all the time you like.`,
          "Say next when you're ready to close.",
        )
      : open(`Tonight, simply rest close together, with nothing to do.${pause(1000)} Take all the time you like.`, "Say next when you're ready to close."),
  ritualClose: (music: boolean, day?: string): Line =>
    close(
      `${nightly(['To close, a gentle embrace, in whatever way is comfortable.', 'To finish, a soft embrace, however feels right.', 'To close, rest in a gentle embrace, in whatever way is easy.', 'To end, a quiet embrace, just as you like it.'], day)}${pause(4000)} ${nightly(['Thank you both for this evening.', 'Thank you for sharing this time.', 'That was a lovely evening together.'], day)}${music ? " I'll leave the music playing." : ''} Goodnight.`,
    ),
  ritualRest: (music: boolean, day?: string): Line =>
    close(
      `${nightly(['Tonight is simply for rest.', 'Rest is the plan tonight.', "Tonight's a quiet one, just for resting."], day)}${music ? " I'll leave some soft music on." : ''} ${nightly(['Goodnight, you two.', 'Goodnight, both of you.', 'Rest well together. Goodnight.'], day)}`,
    ),
  ritualPausedSore: (): Line =>
    close(
      "Of course, let's stop right there. I'll keep hands-on ideas out for today. Take all the time you need; to go on later, say: Alexa, tell twilight ritual to continue.",
    ),
  ritualPaused: (): Line =>
    close('Of course. Take all the time you need; nothing is lost. To go on later, say: Alexa, tell twilight ritual to continue. Or simply rest.'),
  musicPaused: (resumable: boolean): Line =>
    close(
      resumable
        ? "Of course, the music's paused. To hear it again, say: Alexa, tell twilight ritual to continue. Or simply rest."
        : "Of course, the music's paused. Take all the time you need. Goodnight, you two.",
    ),
  nothingToPause: (): Line => close("Of course. Nothing's under way, so take all the time you need. Whenever you like, say: Alexa, open twilight ritual."),
  musicResumed: (): Line => close("Here's your music again. Goodnight, you two."),
  nothingToRepeat: (): Line => open("There's nothing for me to repeat just yet.", 'You could ask for an idea for tonight, or tell me your energy.'),
  ritualNotTonight: (): Line => close("Of course. Tonight's for rest, and that's perfectly fine. Goodnight, you two."),
  ritualResume: (next: Line): Line => lead('Welcome back.', next),
  restTonight: (): Line => close("Tonight's for rest, as you said. Simply being near each other is enough. Goodnight."),
  ritualNone: (): Line => open("There's no ritual underway tonight.", `You can say: let's ${WIND}.`),
  noMusicControl: (): Line => close("This is one calm stream, so there's nothing to skip. Say pause whenever you'd like quiet."),
  lightsSet: (part: 'lights' | 'music', on: boolean): Line =>
    open(on ? `Okay, ${part === 'music' ? 'music is' : 'lights are'} back on for the ritual.` : `Okay, no ${part} tonight.`, 'Anything else?'),
  lightsUp: (ok: boolean): Line => close(ok ? "I've brought the lights up gently." : "I couldn't reach the lights just now, so they're as they were."),
  noLightsHub: (): Line => close("There aren't any lights connected to me, so nothing changed."),
};
