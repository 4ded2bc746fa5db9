import type { PartnerId } from '../partners';
import type { LocalDay } from '../dates';
import type { PacingState } from './state';

const other = (id: PartnerId): PartnerId => (id === 'a' ? 'b' : 'a');

/**
 * Who initiates tonight. `turn` holds the next unused turn; once tonight's has been used
 * (advanced today), tonight still belongs to the partner who used it.
 */
export function whoseTurn(p: PacingState, today: LocalDay): PartnerId {
  return p.turnDay === today ? other(p.turn) : p.turn;
}

/** Tonight's turn was used: the next one goes to the other partner; once per night (mutates). */
export function advanceTurn(p: PacingState, today: LocalDay): void {
  if (p.turnDay === today) return;
  p.turn = other(p.turn);
  p.turnDay = today;
}

/**
 * "I'll pass": the other partner takes this turn without it counting for either of them; when it
 * is used, the turn comes straight back to the one who passed (mutates).
 */
export function passTurn(p: PacingState, _today: LocalDay): void {
  p.turn = other(p.turn);
}
