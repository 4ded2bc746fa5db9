import { addDays } from '../../src/domain/dates';
import {
  addAppointment,
  isNeed,
  addRestDay,
  advanceTurn,
  ceilingFor,
  loadCatalogue,
  loadCheckIns,
  markLack,
  markSore,
  maxTier,
  newPacing,
  nextIdea,
  passTurn,
  pickCheckIn,
  rateSession,
  recordSession,
  recordSuggestion,
  restWeekAdvised,
  suggest,
  whoseTurn,
  type Activity,
  type PacingState,
  type Rating,
  type SuggestContext,
} from '../../src/domain/pacing';
import { parseCoupleState } from '../../src/domain/state-schema';

const TODAY = '2026-03-10';
const day = (offset: number) => addDays(TODAY, offset);
const catalogue = loadCatalogue();

function activity(id: string, over: Partial<Activity> = {}): Activity {
  return { id, title: id, guide: `${id}.`, tier: 'A', energy: 1, minutes: 5, needs: [], touch: false, mets: 1.3, ...over };
}

const ctx = (over: Partial<SuggestContext> = {}): SuggestContext => ({ today: TODAY, energies: { a: 3, b: 3 }, ...over });
const ids = (list: Activity[]) => list.map((a) => a.id);
const everything = (s: ReturnType<typeof suggest>) => (s.activity ? [s.activity, ...s.alternatives] : []);

/** A session on `offset` rated by both partners. */
function session(p: PacingState, offset: number, rating: Rating, id = `s${offset}`): void {
  recordSession(p, day(offset), id);
  rateSession(p, rating, 'a', day(offset));
  rateSession(p, rating, 'b', day(offset));
}

describe('ceiling', () => {
  it('follows the slower partner: energies 1 and 4 give only cost-1 activities', () => {
    const s = suggest(newPacing(), ctx({ energies: { a: 1, b: 4 } }), catalogue);
    expect(s.ceiling).toBe(1);
    expect(everything(s).length).toBeGreaterThan(0);
    expect(everything(s).every((a) => a.energy === 1)).toBe(true);
  });

  it('counts an unknown energy as 2', () => {
    expect(ceilingFor(newPacing(), { a: 5 }, TODAY)).toEqual({ ceiling: 2, reason: 'energy' });
    expect(ceilingFor(newPacing(), {}, TODAY)).toEqual({ ceiling: 2, reason: 'energy' });
    expect(ceilingFor(newPacing(), { a: 1 }, TODAY).ceiling).toBe(1);
  });

  it.each([
    ['restDay', (p: PacingState) => addRestDay(p, TODAY)],
    ['appointment', (p: PacingState) => addAppointment(p, TODAY)],
    ['afterAppointment', (p: PacingState) => addAppointment(p, day(-1), TODAY)],
  ])('caps a %s at cost 1 and companionship only', (reason, arrange) => {
    const p = newPacing();
    arrange(p);
    const s = suggest(p, ctx({ energies: { a: 5, b: 5 } }), catalogue);
    expect({ ceiling: s.ceiling, tier: s.tier, reason: s.reason }).toEqual({ ceiling: 1, tier: 'A', reason });
    expect(everything(s).length).toBeGreaterThan(0);
    expect(everything(s).every((a) => a.energy === 1 && a.tier === 'A')).toBe(true);
  });

  it('lets the evening two days after an appointment follow the energies again', () => {
    const p = newPacing();
    addAppointment(p, day(-2), TODAY);
    expect(ceilingFor(p, { a: 4, b: 4 }, TODAY)).toEqual({ ceiling: 4, reason: 'energy' });
  });

  it('prefers activities at the ceiling or one below, and falls back to lower costs', () => {
    const cat = [activity('one', { energy: 1 }), activity('three', { energy: 3 }), activity('four', { energy: 4 })];
    expect(suggest(newPacing(), ctx({ energies: { a: 5, b: 5 } }), cat).activity?.id).toBe('four');
    const low = suggest(newPacing(), ctx({ energies: { a: 4, b: 4 } }), [activity('one'), activity('two', { energy: 2 })]);
    expect(ids(everything(low))).toEqual(['two', 'one']);
  });
});

describe('tier ladder', () => {
  it('starts at B', () => {
    expect(maxTier(newPacing(), TODAY)).toBe('B');
    const s = suggest(newPacing(), ctx(), catalogue);
    expect(everything(s).some((a) => a.tier === 'C')).toBe(false);
  });

  it('opens C after three comfortable sessions spanning seven days, not before', () => {
    const p = newPacing();
    session(p, -6, 'comfortable');
    session(p, -3, 'comfortable');
    expect(maxTier(p, TODAY)).toBe('B');
    recordSession(p, day(-1), 'x');
    rateSession(p, 'comfortable', 'a', day(-1));
    expect(maxTier(p, TODAY)).toBe('B'); // only one partner has said so far
    const outcome = rateSession(p, 'comfortable', 'b', day(-1));
    expect(maxTier(p, TODAY)).toBe('B'); // day -6 to day -1 covers six days
    expect(outcome.unlockedC).toBe(false);
    recordSession(p, TODAY, 'y');
    expect(rateSession(p, 'comfortable', 'both', TODAY)).toMatchObject({ unlockedC: true, tier: 'C' });
    expect(maxTier(p, TODAY)).toBe('C');
  });

  it('does not count a session where one partner found it too much', () => {
    const p = newPacing();
    session(p, -8, 'comfortable');
    session(p, -4, 'comfortable');
    recordSession(p, day(-1), 'x');
    rateSession(p, 'comfortable', 'a', day(-1));
    rateSession(p, 'tooMuch', 'b', day(-1));
    expect(maxTier(p, TODAY)).not.toBe('C');
  });

  it('needs a fresh streak after a "too much" inside it', () => {
    const p = newPacing();
    session(p, -20, 'comfortable');
    session(p, -18, 'tooMuch');
    session(p, -15, 'comfortable');
    session(p, -12, 'comfortable');
    expect(maxTier(p, TODAY)).not.toBe('C'); // -20 and -15 would span seven days, but a too much sits between
  });

  it('steps down one tier for exactly the next three sessions after "too much"', () => {
    const p = newPacing();
    session(p, -5, 'comfortable');
    expect(maxTier(p, TODAY)).toBe('B');
    recordSession(p, day(-4), 'hard');
    expect(rateSession(p, 'tooMuch', 'a', day(-4))).toMatchObject({ steppedDown: true, tier: 'A' });
    for (const offset of [-3, -2, -1]) {
      expect(maxTier(p, TODAY)).toBe('A');
      recordSession(p, day(offset), `n${offset}`);
    }
    expect(p.stepDown).toBe(0);
    expect(maxTier(p, TODAY)).toBe('B');
  });

  it('steps C down to B, and C is then re-earned rather than returning on a schedule', () => {
    const p = newPacing();
    session(p, -30, 'comfortable');
    session(p, -27, 'comfortable');
    session(p, -23, 'comfortable');
    expect(maxTier(p, TODAY)).toBe('C');
    recordSession(p, day(-20), 'hard');
    rateSession(p, 'tooMuch', 'both', day(-20));
    expect(maxTier(p, TODAY)).toBe('B');
    for (const offset of [-19, -18, -17]) recordSession(p, day(offset), `n${offset}`);
    expect(maxTier(p, TODAY)).toBe('B');
    session(p, -14, 'comfortable');
    session(p, -10, 'comfortable');
    session(p, -8, 'comfortable');
    expect(maxTier(p, TODAY)).toBe('C');
  });

  it('a second "too much" during a step down from C goes down to A', () => {
    const p = newPacing();
    session(p, -30, 'comfortable');
    session(p, -27, 'comfortable');
    session(p, -23, 'comfortable');
    session(p, -20, 'tooMuch');
    expect(maxTier(p, TODAY)).toBe('B');
    session(p, -19, 'tooMuch');
    expect(maxTier(p, TODAY)).toBe('A');
  });
});

describe('rest week', () => {
  it('is advised after two "too much" sessions within seven days, for seven days from the second', () => {
    const p = newPacing();
    session(p, -3, 'tooMuch');
    expect(restWeekAdvised(p, TODAY)).toBe(false);
    recordSession(p, TODAY, 'again');
    expect(rateSession(p, 'tooMuch', 'b', TODAY)).toMatchObject({ restWeek: true });
    expect(restWeekAdvised(p, TODAY)).toBe(true);
    expect(restWeekAdvised(p, day(6))).toBe(true);
    expect(restWeekAdvised(p, day(7))).toBe(false);
    const s = suggest(p, ctx({ today: day(3), energies: { a: 5, b: 5 } }), catalogue);
    expect({ ceiling: s.ceiling, tier: s.tier, reason: s.reason }).toEqual({ ceiling: 1, tier: 'A', reason: 'restWeek' });
  });

  it('counts every "too much" of the week, so a third is not called the second', () => {
    const p = newPacing();
    session(p, -5, 'tooMuch');
    session(p, -3, 'tooMuch');
    recordSession(p, TODAY, 'third');
    expect(rateSession(p, 'tooMuch', 'a', TODAY)).toMatchObject({ restWeek: true, tooMuchThisWeek: 3 });
  });

  it('is not advised when the two are more than a week apart', () => {
    const p = newPacing();
    session(p, -8, 'tooMuch');
    session(p, -1, 'tooMuch');
    expect(restWeekAdvised(p, TODAY)).toBe(false);
  });
});

describe("variety and the couple's own choices", () => {
  const cat = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => activity(id));

  it('never repeats one of the last three suggestions', () => {
    const p = newPacing();
    for (const id of ['a1', 'a2', 'a3', 'a4']) recordSuggestion(p, id);
    const s = suggest(p, ctx(), cat);
    expect(ids(everything(s)).sort()).toEqual(['a1', 'a5']);
  });

  it('gives the same first pick for the same evening and varies across evenings', () => {
    const p = newPacing();
    expect(suggest(p, ctx(), catalogue)).toEqual(suggest(p, ctx(), catalogue));
    const firsts = new Set([0, 1, 2, 3, 4, 5, 6].map((d) => suggest(p, ctx({ today: day(d) }), catalogue).activity?.id));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('skips a set-aside activity for 14 days and offers it again on day 15', () => {
    const p = newPacing();
    recordSuggestion(p, 'a1');
    expect(rateSession(p, 'notForNow', 'a', TODAY)).toMatchObject({ activityId: 'a1' });
    expect(p.sessions).toEqual([]);
    const fresh = { ...p, recent: [] };
    expect(ids(everything(suggest(fresh, ctx({ today: day(13) }), cat)))).not.toContain('a1');
    expect(ids(everything(suggest(fresh, ctx({ today: day(14) }), cat)))).toContain('a1');
  });

  it('never sets aside an id named like an Object.prototype member', () => {
    for (const id of ['constructor', '__proto__', 'toString']) {
      const p = newPacing();
      recordSuggestion(p, id);
      expect(rateSession(p, 'notForNow', 'a', TODAY).activityId).toBeUndefined();
      expect(Object.hasOwn(p.setAside, id)).toBe(false);
      expect(Object.getPrototypeOf(p.setAside)).toBe(Object.prototype);
      expect(p.setAside.constructor).toBe(Object);
    }
  });

  it('honours needs they lack, and music or lights that are off', () => {
    const kit = [activity('bath', { needs: ['bath'] }), activity('song', { needs: ['music'] }), activity('dim', { needs: ['lights'] }), activity('plain')];
    const p = newPacing();
    markLack(p, 'bath');
    markLack(p, 'bath');
    expect(p.lacks).toEqual(['bath']);
    expect([isNeed('bath'), isNeed('candles')]).toEqual([true, false]);
    expect(ids(everything(suggest(p, ctx(), kit))).sort()).toEqual(['dim', 'plain', 'song']);
    expect(ids(everything(suggest(p, ctx({ musicOn: false, lightsOn: false }), kit)))).toEqual(['plain']);
    expect(ids(everything(suggest(p, ctx({ musicOn: true }), kit))).sort()).toEqual(['dim', 'plain', 'song']);
  });

  it('offers no hands-on touch on a day someone is sore, and touch again the next day', () => {
    const kit = [activity('rub', { touch: true, tier: 'B' }), activity('talk')];
    const p = newPacing();
    markSore(p, 'b', TODAY);
    markSore(p, 'b', TODAY);
    expect(p.sore[TODAY]).toEqual(['b']);
    expect(ids(everything(suggest(p, ctx(), kit)))).toEqual(['talk']);
    expect(ids(everything(suggest(p, ctx({ today: day(1) }), kit))).sort()).toEqual(['rub', 'talk']);
  });

  it('brings a favourite back once a week, and not when one was had this week', () => {
    const kit = ['f', 'g', 'h', 'i', 'j'].map((id) => activity(id));
    const p = newPacing();
    p.favourites = ['f'];
    for (const d of [0, 1, 2, 3]) expect(suggest(p, ctx({ today: day(d) }), kit).activity?.id).toBe('f');
    recordSession(p, day(-6), 'f');
    expect(suggest(p, ctx(), kit).alternatives.length).toBe(4);
    const firsts = new Set([0, 1, 2, 3, 4, 5].map((d) => suggest(p, ctx({ today: day(d - 6) }), kit).activity?.id));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('rating "lovely" adds a favourite; "too much" removes it', () => {
    const p = newPacing();
    recordSuggestion(p, 'a1');
    rateSession(p, 'comfortable', 'both', TODAY);
    expect(p.favourites).toEqual(['a1']);
    expect(p.sessions).toHaveLength(1); // the suggestion became a session when rated
    rateSession(p, 'tooMuch', 'a', TODAY);
    expect(p.favourites).toEqual([]);
    expect(p.sessions).toHaveLength(1);
  });

  it('returns nothing to rate on a fresh state, without changing it', () => {
    const p = newPacing();
    expect(rateSession(p, 'tooMuch', 'a', TODAY)).toMatchObject({ steppedDown: false, restWeek: false, unlockedC: false });
    expect(p).toEqual(newPacing());
  });
});

describe('something else', () => {
  it('never offers the same idea twice in an evening, and runs out gracefully', () => {
    const cat = ['a1', 'a2', 'a3', 'a4'].map((id) => activity(id));
    const p = newPacing();
    const offered: string[] = [];
    for (;;) {
      const idea = nextIdea(p, ctx(), cat, offered);
      if (!idea) break;
      expect(offered).not.toContain(idea.id);
      offered.push(idea.id);
      recordSuggestion(p, idea.id);
    }
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(new Set(offered).size).toBe(offered.length);
  });

  it("starts with the first suggestion's alternatives", () => {
    const s = suggest(newPacing(), ctx(), catalogue);
    expect(nextIdea(newPacing(), ctx(), catalogue, [s.activity!.id])).toEqual(s.alternatives[0]);
  });
});

describe('recording', () => {
  it('keeps the last 10 suggestions and the last 40 sessions', () => {
    const p = newPacing();
    for (let i = 0; i < 15; i++) recordSuggestion(p, `s${i}`);
    expect(p.recent).toEqual(['s5', 's6', 's7', 's8', 's9', 's10', 's11', 's12', 's13', 's14']);
    for (let i = 0; i < 45; i++) recordSession(p, day(-45 + i), `x${i}`);
    expect(p.sessions).toHaveLength(40);
    expect(p.sessions[0]?.activityId).toBe('x5');
  });

  it('is idempotent for calendar days and prunes days older than 30', () => {
    const p = newPacing();
    addRestDay(p, day(-40), day(-40));
    addRestDay(p, day(1), TODAY);
    addRestDay(p, day(1), TODAY);
    expect(p.restDays).toEqual([day(1)]);
    markSore(p, 'a', day(-35), day(-35));
    addAppointment(p, day(3), TODAY);
    expect(p.sore).toEqual({});
    expect(p.appointments).toEqual([day(3)]);
  });

  it('reads a partial pacing state saved by an older version, with defaults for the rest', () => {
    expect(parseCoupleState({ pacing: { stepDown: 2 } }).pacing).toEqual({ ...newPacing(), stepDown: 2 });
  });
});

describe('whose turn', () => {
  it('alternates across nights, once per night', () => {
    const p = newPacing();
    expect(whoseTurn(p, day(0))).toBe('a');
    advanceTurn(p, day(0));
    advanceTurn(p, day(0));
    expect(whoseTurn(p, day(0))).toBe('a'); // tonight was a's
    expect(whoseTurn(p, day(1))).toBe('b');
    advanceTurn(p, day(1));
    expect(whoseTurn(p, day(2))).toBe('a');
  });

  it('stays with the same partner across nights when no turn is used', () => {
    const p = newPacing();
    advanceTurn(p, day(0));
    expect(whoseTurn(p, day(5))).toBe('b');
  });

  it('lets a partner pass without it counting: the turn comes back to them next time', () => {
    const p = newPacing();
    expect(whoseTurn(p, day(0))).toBe('a');
    passTurn(p, day(0));
    expect(whoseTurn(p, day(0))).toBe('b');
    advanceTurn(p, day(0));
    expect(whoseTurn(p, day(0))).toBe('b');
    expect(whoseTurn(p, day(1))).toBe('a');
    advanceTurn(p, day(1));
    expect(whoseTurn(p, day(2))).toBe('b');
  });
});

describe('check-ins', () => {
  const bank = loadCheckIns();

  it('rotates through the bank, never one of the last five asked', () => {
    const asked: string[] = [];
    for (let i = 0; i < bank.length * 2; i++) {
      const q = pickCheckIn(asked, bank);
      expect(asked.slice(-5)).not.toContain(q.id);
      asked.push(q.id);
    }
    expect(new Set(asked).size).toBe(bank.length);
  });

  it('starts at the first question and copes with a tiny bank', () => {
    expect(pickCheckIn([], bank)).toEqual(bank[0]);
    expect(pickCheckIn(['x'], [{ id: 'x', question: 'Only?' }]).id).toBe('x');
    expect(() => pickCheckIn([], [])).toThrow(/empty/);
  });
});
