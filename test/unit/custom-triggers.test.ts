import {
  accountIn,
  applyTriggerCallback,
  readTriggerCallback,
  recipientOf,
  TRIGGER_CREATE,
  TRIGGER_DELETE,
  WIND_DOWN_ENDED,
  WIND_DOWN_STARTED,
} from '../../src/domain/custom-triggers';
import { parseCoupleState } from '../../src/domain/state-schema';
import { triggerCallback } from '../../src/local/alexa-api';
import { must } from '../support/must';

// https://developer.amazon.com/en-US/docs/alexa/routines/trigger-config-spi.html: a UNICAST trigger needs the
// Routines Trigger SPI; Alexa sends Routines.Trigger.Create when a routine with the trigger is saved or
// enabled, Routines.Trigger.Delete when it is deleted or disabled, with request.type, requestId,
// timestamp, trigger { name, parameters } and recipient { type: USER (the only value in this release), … }.
const USER = 'amzn1.ask.account.test-couple';
const create = triggerCallback('create', WIND_DOWN_STARTED, USER);
const remove = triggerCallback('delete', WIND_DOWN_STARTED, USER);

describe('Routines Trigger SPI callbacks', () => {
  it("reads a create or delete of one of the skill's triggers, keeping the recipient as Alexa sent it", () => {
    expect(create.type).toBe(TRIGGER_CREATE);
    expect(remove.type).toBe(TRIGGER_DELETE);
    expect(readTriggerCallback(create)).toEqual({ change: 'create', trigger: WIND_DOWN_STARTED, recipient: { type: 'USER', value: USER } });
    expect(readTriggerCallback(remove)).toEqual({ change: 'delete', trigger: WIND_DOWN_STARTED, recipient: { type: 'USER', value: USER } });
    expect(readTriggerCallback({ ...remove, recipient: undefined })).toEqual({ change: 'delete', trigger: WIND_DOWN_STARTED });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'Routines.Trigger.Create'],
    ['an array', [create]],
    ['another request type', { ...create, type: 'Routines.TriggerParameter.Get' }],
    ['no trigger', { ...create, trigger: undefined }],
    ['a trigger of another skill', { ...create, trigger: { name: 'BatteryLow', parameters: {} } }],
    ['the old dotted name', { ...create, trigger: { name: 'twilight.windDownStarted' } }],
    ['a create without a recipient', { ...create, recipient: undefined }],
    ['a recipient without a type', { ...create, recipient: { value: USER } }],
    ['a recipient that is a string', { ...create, recipient: USER }],
    ['a recipient with a 10 kB value', { ...create, recipient: { type: 'USER', value: 'x'.repeat(10_000) } }],
    ['a recipient with many fields', { ...create, recipient: Object.fromEntries([['type', 'USER'], ...Array.from({ length: 9 }, (_, i) => [`f${i}`, 'v'])]) }],
  ])('ignores %s', (_what, request) => {
    expect(readTriggerCallback(request)).toBeUndefined();
  });

  it('keeps only string fields of a recipient, and finds the Alexa account among them', () => {
    expect(recipientOf({ type: 'USER', value: USER, extra: 3, nested: { a: 1 } })).toEqual({ type: 'USER', value: USER });
    expect(accountIn({ type: 'USER', value: USER })).toBe(USER);
    expect(accountIn({ type: 'USER', value: 'amzn1.ask.person.someone' })).toBeUndefined();
    expect(accountIn(undefined)).toBeUndefined();
  });

  it('remembers the recipient on a create and forgets the trigger on a delete; nothing left is nothing kept', () => {
    const both = applyTriggerCallback(
      applyTriggerCallback(undefined, must(readTriggerCallback(create), 'the callback')),
      must(readTriggerCallback(triggerCallback('create', WIND_DOWN_ENDED, USER)), 'the callback'),
    );
    expect(Object.keys(both ?? {}).sort()).toEqual([WIND_DOWN_ENDED, WIND_DOWN_STARTED]);
    const one = applyTriggerCallback(both, must(readTriggerCallback(remove), 'the callback'));
    expect(one).toEqual({ [WIND_DOWN_ENDED]: { type: 'USER', value: USER } });
    expect(applyTriggerCallback(one, must(readTriggerCallback(triggerCallback('delete', WIND_DOWN_ENDED, USER)), 'the callback'))).toBeUndefined();
    expect(applyTriggerCallback(undefined, must(readTriggerCallback(remove), 'the callback'))).toBeUndefined();
  });
});

describe('routines on the triggers, read back from the store', () => {
  it('keep only known trigger names with a usable recipient', () => {
    const state = parseCoupleState({
      routineTriggers: { [WIND_DOWN_STARTED]: { type: 'USER', value: USER }, 'twilight.windDownEnded': { type: 'USER', value: USER }, [WIND_DOWN_ENDED]: 'x' },
    });
    expect(state.routineTriggers).toEqual({ [WIND_DOWN_STARTED]: { type: 'USER', value: USER } });
    expect(parseCoupleState({ routineTriggers: { [WIND_DOWN_ENDED]: {} } }).routineTriggers).toBeUndefined();
    expect(parseCoupleState({ routineTriggers: [] }).routineTriggers).toBeUndefined();
    expect('routineTriggers' in parseCoupleState({})).toBe(false);
  });
});
