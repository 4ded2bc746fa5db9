import type { HandlerInput } from 'ask-sdk-core';
import type { services } from 'ask-sdk-model';
import type { ReminderRecord } from '../domain/couple';
import { withTimeout } from '../timeout';

/** The one permission Twilight asks for, by voice, when a couple wants a reminder. */
export const REMINDERS_SCOPE = 'alexa::alerts:reminders:skill:readwrite';

/** Whether the couple granted the reminders permission (a scope, or the older consent token). */
export function granted(input: HandlerInput): boolean {
  const user = input.requestEnvelope.context?.System?.user as
    { permissions?: { consentToken?: string; scopes?: Record<string, { status?: string }> } } | undefined;
  const scope = user?.permissions?.scopes?.[REMINDERS_SCOPE];
  if (scope) return scope.status === 'GRANTED';
  return Boolean(user?.permissions?.consentToken);
}

/** What a listed reminder's trigger says, as a record; undefined when it cannot be read. */
function listedRecord(alert: services.reminderManagement.Reminder): ReminderRecord | undefined {
  const [, day, time] = alert.trigger?.scheduledTime?.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/) ?? [];
  return alert.alertToken && day !== undefined && time !== undefined ? { alertToken: alert.alertToken, day, time } : undefined;
}

/**
 * Removes the reminders Twilight set (those it kept, and any the Reminders API lists for this
 * skill), within one bounded wait. Returns the ones still on the account, upcoming first.
 */
export async function removeReminders(
  input: HandlerInput,
  kept: ReminderRecord[],
  today: string,
  timeoutMs = 2500,
): Promise<{ removed: number; remaining: ReminderRecord[] }> {
  const factory = input.serviceClientFactory;
  const all = new Map(kept.map((r) => [r.alertToken, r]));
  const removed = new Set<string>();
  if (factory && input.requestEnvelope.context?.System?.apiAccessToken && (kept.length > 0 || granted(input))) {
    const client = factory.getReminderManagementServiceClient();
    const remove = (r: ReminderRecord) =>
      client.deleteReminder(r.alertToken).then(
        () => removed.add(r.alertToken),
        // Already gone (fired and cleared, or removed in the app) is as good as removed.
        (err: unknown) => (typeof err === 'object' && err !== null && 'statusCode' in err && err.statusCode === 404 ? removed.add(r.alertToken) : undefined),
      );
    const work = async () => {
      // Listing finds reminders set before their tokens were kept; without the permission it cannot.
      const listed = (granted(input) ? client.getReminders() : Promise.resolve({ alerts: [] })).then(
        (list) => (list.alerts ?? []).map(listedRecord).filter((r): r is ReminderRecord => r !== undefined && !all.has(r.alertToken)),
        () => [] as ReminderRecord[],
      );
      const more = listed.then((found) => {
        for (const r of found) all.set(r.alertToken, r);
        return Promise.all(found.map(remove));
      });
      await Promise.all([...kept.map(remove), more]);
    };
    await withTimeout(work(), timeoutMs);
  }
  const remaining = [...all.values()].filter((r) => !removed.has(r.alertToken) && r.day >= today);
  return { removed: removed.size, remaining: remaining.sort((a, b) => `${a.day}${a.time}`.localeCompare(`${b.day}${b.time}`)) };
}
