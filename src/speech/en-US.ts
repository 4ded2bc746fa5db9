import { eveningLines } from './evening';
import { plansLines } from './plans';
import { ritualLines } from './ritual';
import { welcomeLines } from './welcome';

export { nightly, numberWord, spokenDay, spokenTime, type Idea, type IdeaReason, type Line, type Names } from './words';
export { goalLine, goalNoun, spokenWin, trendLine } from './plans';

/**
 * Every word Twilight says, in one reviewable table, written by topic in the files beside this
 * one. A Line with a reprompt keeps the session open and always ends on an easy next step; a Line
 * without one closes the session.
 */
export const say = { ...welcomeLines, ...eveningLines, ...ritualLines, ...plansLines };
