/*
 * Custom triggers for Alexa routines (developer preview, published skills, North America only): the
 * names the skill package defines and the Routines Trigger SPI callbacks Alexa sends when a couple
 * saves or deletes a routine on one of them. Pure data in, data out.
 */

/**
 * Trigger names: "case sensitive … one to a maximum of 50 alphanumeric characters", the same in
 * every locale file (https://developer.amazon.com/en-US/docs/alexa/routines/trigger-definition.html).
 * Each is defined in models/routines/triggers/<name>/<locale>.json.
 */
export const WIND_DOWN_STARTED = 'WindDownStarted';
export const WIND_DOWN_ENDED = 'WindDownEnded';
export const TRIGGER_NAMES = [WIND_DOWN_STARTED, WIND_DOWN_ENDED] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

export const isTriggerName = (name: unknown): name is TriggerName => TRIGGER_NAMES.includes(name as TriggerName);

/**
 * Who a trigger instance goes to, kept exactly as Alexa named the couple in Routines.Trigger.Create.
 * The SPI page documents `recipient.type` (only `USER` "in this release") and a second field whose
 * name the stored copy of the page cuts off after "recipient.v"; the Trigger Instance API's own
 * recipient rows could not be read at all. So the skill invents no field: it sends back the
 * recipient Alexa gave it (https://developer.amazon.com/en-US/docs/alexa/routines/trigger-config-spi.html).
 */
export type TriggerRecipient = Readonly<Record<string, string>>;

/** What a couple's routines listen for: the recipient per trigger they have a routine on. */
export type TriggerRoutines = Partial<Record<TriggerName, TriggerRecipient>>;

const RECIPIENT_MAX_FIELDS = 4;
const RECIPIENT_MAX_LENGTH = 256;

/** One Routines.Trigger.Create or .Delete callback, read defensively. */
export interface TriggerCallback {
  change: 'create' | 'delete';
  trigger: TriggerName;
  recipient?: TriggerRecipient;
}

/** The two SPI request types (same page): a routine on the trigger saved or enabled, deleted or disabled. */
export const TRIGGER_CREATE = 'Routines.Trigger.Create';
export const TRIGGER_DELETE = 'Routines.Trigger.Delete';

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The recipient's string fields: a type and at least one more (who it is), none empty or longer than
 * 256 characters, at most four. Anything else names no one the skill could send a trigger to.
 */
export function recipientOf(raw: unknown): TriggerRecipient | undefined {
  if (!isRecord(raw)) return undefined;
  const fields = Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const usable = fields.every(([key, value]) => key.length <= 40 && value.length > 0 && value.length <= RECIPIENT_MAX_LENGTH);
  if (!usable || fields.length < 2 || fields.length > RECIPIENT_MAX_FIELDS || !fields.some(([key]) => key === 'type')) return undefined;
  return Object.fromEntries(fields);
}

/**
 * The callback in `request`, or undefined when it is not one this skill defines. A create must name
 * its recipient (a UNICAST trigger goes to one account); a delete need not.
 */
export function readTriggerCallback(request: unknown): TriggerCallback | undefined {
  if (!isRecord(request) || !isRecord(request.trigger) || !isTriggerName(request.trigger.name)) return undefined;
  if (request.trigger.parameters !== undefined && !isRecord(request.trigger.parameters)) return undefined;
  const change = request.type === TRIGGER_CREATE ? 'create' : request.type === TRIGGER_DELETE ? 'delete' : undefined;
  if (!change) return undefined;
  const recipient = recipientOf(request.recipient);
  if (change === 'create' && !recipient) return undefined;
  return { change, trigger: request.trigger.name, ...(recipient && { recipient }) };
}

/** An Alexa account id among the recipient's fields, for a callback that arrives without context.System.user. */
export function accountIn(recipient: TriggerRecipient | undefined): string | undefined {
  return Object.values(recipient ?? {}).find((value) => /^amzn1\.ask\.account\.[\w.-]+$/.test(value));
}

/** The couple's routines after one callback: a create remembers the recipient, a delete forgets the trigger. */
export function applyTriggerCallback(current: TriggerRoutines | undefined, callback: TriggerCallback): TriggerRoutines | undefined {
  const others = Object.entries(current ?? {}).filter(([name]) => name !== callback.trigger);
  const kept = callback.change === 'create' && callback.recipient ? [...others, [callback.trigger, callback.recipient] as const] : others;
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
