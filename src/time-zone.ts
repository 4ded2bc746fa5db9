import type { HandlerInput } from 'ask-sdk-core';
import type { TimeZoneSource } from './deps';
import { isTimeZone } from './domain/dates';
import { withTimeout } from './timeout';

/** The Alexa Settings API (UpsServiceClient.getSystemTimeZone), bounded by a short timeout. */
export function alexaSettingsTimeZone(timeoutMs = 700): TimeZoneSource {
  return async (input: HandlerInput) => {
    const deviceId = input.requestEnvelope.context?.System?.device?.deviceId;
    const factory = input.serviceClientFactory;
    if (!deviceId || !factory || !input.requestEnvelope.context?.System?.apiAccessToken) return undefined;
    try {
      const zone = await withTimeout(factory.getUpsServiceClient().getSystemTimeZone(deviceId), timeoutMs);
      return typeof zone === 'string' && isTimeZone(zone) ? zone : undefined;
    } catch {
      return undefined;
    }
  };
}

/** A fixed zone: the simulator's and the tests' source. */
export const fixedTimeZone =
  (zone: string | undefined): TimeZoneSource =>
  () =>
    Promise.resolve(zone);
