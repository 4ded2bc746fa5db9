import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response, services } from 'ask-sdk-model';
import { granted, REMINDERS_SCOPE } from '../answers/reminders';
import { isIntent, isType, respond, slotText } from '../answers/support';
import { dayFromSlot, timeFromSlot } from '../answers/vocabulary';
import { localDay } from '../domain/dates';
import { MAX_REMINDERS } from '../domain/state-schema';
import { say, spokenDay, spokenTime } from '../speech/en-US';
import { withTimeout } from '../timeout';
import { turnOf, type Turn } from '../turn';

interface CareDate {
  day: string;
  time: string;
}

/** Asks Alexa to ask the couple, by voice, for the reminders permission; the care date rides in the token. */
function askForPermission(input: HandlerInput, date: CareDate): Response {
  return input.responseBuilder
    .addDirective({
      type: 'Connections.SendRequest',
      name: 'AskFor',
      payload: {
        '@type': 'AskForPermissionsConsentRequest',
        '@version': '2',
        permissionScopes: [{ permissionScope: REMINDERS_SCOPE, consentLevel: 'ACCOUNT' }],
      },
      token: JSON.stringify(date),
    })
    .getResponse();
}

/** Creates the reminder through the Reminders API, within a bounded wait. */
async function createReminder(turn: Turn, date: CareDate): Promise<{ alertToken?: string } | 'noPermission' | 'failed'> {
  const factory = turn.input.serviceClientFactory;
  if (!factory) return 'failed';
  const zone = await turn.timeZone();
  const request: services.reminderManagement.ReminderRequest = {
    requestTime: turn.now.toISOString().slice(0, 19),
    trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: `${date.day}T${date.time}:00.000`, timeZoneId: zone },
    alertInfo: {
      spokenInfo: {
        content: [{ locale: turn.input.requestEnvelope.request.locale ?? 'en-US', text: 'Your care date with each other starts now. Enjoy it, gently.' }],
      },
    },
    pushNotification: { status: 'ENABLED' },
  };
  try {
    const created = await withTimeout(factory.getReminderManagementServiceClient().createReminder(request), 2500);
    return created ? { alertToken: typeof created.alertToken === 'string' ? created.alertToken : undefined } : 'failed';
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    return status === 401 || status === 403 ? 'noPermission' : 'failed';
  }
}

async function remind(turn: Turn, date: CareDate, mayAsk: boolean): Promise<Response> {
  const input = turn.input;
  const today = await turn.today();
  const when = spokenDay(date.day, today, turn.locale);
  turn.pending = undefined;
  const existing = (await turn.read()).reminders ?? [];
  if (existing.some((r) => r.day === date.day && r.time === date.time)) return respond(input, say.reminderAlreadySet(when, spokenTime(date.time)));
  const outcome = await createReminder(turn, date);
  if (outcome === 'noPermission' && mayAsk) return askForPermission(input, date);
  if (outcome === 'noPermission') return respond(input, say.reminderDeclined());
  if (outcome === 'failed') return respond(input, say.reminderFailed());
  const { alertToken } = outcome;
  // Kept so deleting their data can remove it too; reminders already past are dropped.
  if (alertToken) {
    await turn.update((draft) => {
      draft.reminders = [...(draft.reminders ?? []).filter((r) => r.day >= today), { alertToken, ...date }].slice(-MAX_REMINDERS);
    });
  }
  return respond(input, say.reminderSet(when, spokenTime(date.time)));
}

async function schedule(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const day = dayFromSlot(slotText(input, 'date'));
  const time = timeFromSlot(slotText(input, 'time'));
  if (!day || !time) {
    turn.pending = { kind: 'reminderWhen' };
    return respond(input, say.reminderWhen());
  }
  const zone = await turn.timeZone();
  const now = localDay(turn.now, zone);
  const nowTime = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(turn.now);
  if (day < now || (day === now && time <= nowTime)) return respond(input, say.reminderPast());
  if (!granted(input)) return askForPermission(input, { day, time });
  return remind(turn, { day, time }, true);
}

/** "Remind us about our care date on Friday at 7 pm": an Alexa reminder, asking permission by voice first. */
export const scheduleCareDateHandler: RequestHandler = { canHandle: isIntent('ScheduleCareDateIntent'), handle: schedule };

/** Alexa's answer to our permission request: set the reminder, or accept a "no" kindly. */
export const permissionResponseHandler: RequestHandler = {
  canHandle: isType('Connections.Response'),
  async handle(input: HandlerInput) {
    const request = input.requestEnvelope.request as { name?: string; payload?: { status?: string }; token?: string };
    if (request.name !== 'AskFor') return input.responseBuilder.getResponse();
    const status = request.payload?.status;
    // No answer is not a no: the question may simply have gone unheard, so nothing counts as refused.
    if (status === 'NOT_ANSWERED') return respond(input, say.reminderNotAnswered());
    if (status !== 'ACCEPTED') return respond(input, say.reminderDeclined());
    let date: CareDate | undefined;
    try {
      const parsed = JSON.parse(request.token ?? '') as Partial<CareDate>;
      if (typeof parsed.day === 'string' && typeof parsed.time === 'string' && dayFromSlot(parsed.day) && timeFromSlot(parsed.time)) {
        date = { day: parsed.day, time: parsed.time };
      }
    } catch {
      date = undefined;
    }
    if (!date) return respond(input, say.reminderWhen());
    return remind(turnOf(input), date, false);
  },
};
