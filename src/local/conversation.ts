import { readFileSync } from 'node:fs';
import { VirtualAlexa } from 'virtual-alexa';
import { SessionEndedReason } from 'virtual-alexa/lib/src/core/SkillRequest';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { TriggerName } from '../domain/custom-triggers';
import { triggerCallback } from './alexa-api';
import { UtteranceResolver, type Elicitation } from './resolve-utterance';
import type { InteractionModel } from './interaction-model';

/** A Lambda-shaped handler: what src/handler.ts exports and what buildSkill(...).invoke gives. */
export type SkillHandler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

const INVOCATION = 'twilight ritual';

/** What Alexa did with one line: the request it sent and the skill's answer, readable. */
export interface Exchange {
  kind: 'launch' | 'intent' | 'nomatch';
  intent?: string;
  slots?: Record<string, string>;
  request?: RequestEnvelope;
  response?: ResponseEnvelope;
  speech: string;
  reprompt?: string;
  ended: boolean;
  directives: { type: string; [key: string]: unknown }[];
  card?: { title?: string; content?: string; text?: string };
}

export interface ConversationOptions {
  modelFile: string;
  locale?: string;
  userId?: string;
  /** The recognised speaker's voice profile, as Alexa sends it in context.System.person. */
  personId?: string;
  /** Pretend to be an Echo Show (supports APL). */
  screen?: boolean;
  applicationId?: string;
  /** Where the skill reaches Alexa's service APIs (context.System.apiEndpoint); a local stand-in in tests. */
  apiEndpoint?: string;
  /** The device's local day, so spoken dates ("tomorrow", "thursday") resolve as Alexa would. */
  today?: () => string;
}

/** Turns SSML into the words a person would hear. */
export function plainSpeech(ssml: string | undefined): string {
  if (!ssml) return '';
  return ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.?!;:])/g, '$1')
    .trim();
}

/**
 * Drives the skill the way an Echo would: each typed line is resolved against the real
 * interaction model and sent as a real request envelope (through virtual-alexa).
 */
export class Conversation {
  readonly alexa: VirtualAlexa;
  personId: string | undefined;
  screen: boolean;
  /** Permission scopes the couple has granted (e.g. reminders), as Alexa reports them. */
  readonly granted = new Set<string>();
  private readonly resolver: UtteranceResolver;
  private readonly today: () => string;
  private readonly apiEndpoint: string | undefined;
  private readonly handler: SkillHandler;
  /** The slot the skill's last answer elicited (Dialog.ElicitSlot), heard through its own samples. */
  private eliciting: Elicitation | undefined;
  private elicitedSlots: Record<string, string> = {};

  constructor(handler: SkillHandler, opts: ConversationOptions) {
    const builder = VirtualAlexa.Builder()
      // virtual-alexa types its handler as a callback-style Lambda: it gets one, answered from the skill's promise.
      .handler((event: RequestEnvelope, context: unknown, done: (error: unknown, result?: ResponseEnvelope) => void) => {
        handler(event, context).then((result) => done(null, result), done);
      })
      .interactionModelFile(opts.modelFile)
      .locale(opts.locale ?? 'en-US');
    if (opts.applicationId) builder.applicationID(opts.applicationId);
    this.alexa = builder.create();
    this.handler = handler;
    if (opts.userId) this.alexa.context().user().setID(opts.userId);
    this.personId = opts.personId;
    this.screen = opts.screen ?? false;
    this.apiEndpoint = opts.apiEndpoint;
    this.today = opts.today ?? (() => new Date().toISOString().slice(0, 10));
    const model = JSON.parse(readFileSync(opts.modelFile, 'utf8')) as InteractionModel;
    this.resolver = new UtteranceResolver(model, () => this.today());
    this.alexa.filter((request: RequestEnvelope) => this.shape(request));
  }

  /** Says one line, as a person would to their Echo. */
  async say(line: string): Promise<Exchange> {
    const text = line
      .trim()
      .replace(/[-–]/g, ' ')
      .replace(/[?!.,]+$/g, '')
      .replace(/\s+/g, ' ');
    const launch = new RegExp(`^(?:alexa[, ]+)?(?:open|launch|start|load|talk to|use) ${INVOCATION}$`, 'i').exec(text);
    if (launch) {
      await this.walkAway('USER_INITIATED');
      this.eliciting = undefined;
      return this.exchange('launch', await this.alexa.launch());
    }
    const rest = new RegExp(`^(?:alexa[, ]+)?(?:ask|tell) ${INVOCATION} (.+)$`, 'i').exec(text)?.[1];
    if (rest !== undefined) {
      await this.walkAway('USER_INITIATED');
      this.eliciting = undefined;
      // "ask X to …", "tell X that …": the joining word goes unless the phrase needs it ("that was lovely").
      const joined = /^(?:to|that|for|about|if) (.+)$/i.exec(rest)?.[1];
      if (joined === undefined) return this.utter(rest);
      const withWord = this.resolve(rest)?.literals ?? -1;
      const without = this.resolve(joined)?.literals ?? -1;
      return this.utter(withWord > without ? rest : joined);
    }
    return this.utter(text);
  }

  /** Sends a named intent directly, bypassing the model (for requests no utterance makes). */
  async intend(intent: string, slots: Record<string, string> = {}, dialogState?: 'IN_PROGRESS'): Promise<Exchange> {
    // Alexa keeps no slots between turns unless the skill elicits them: virtual-alexa's own dialog memory is cleared.
    (this.alexa.context() as unknown as { dialogManager(): { reset(): void } }).dialogManager().reset();
    let request = this.alexa.request().intent(intent);
    if (dialogState) request = request.dialogState(dialogState as never);
    for (const [name, value] of Object.entries(slots)) request = request.slot(name, value);
    return this.exchange('intent', await request.send(), intent, slots);
  }

  /** Alexa's answer to a Connections.SendRequest AskFor: the couple said yes (ACCEPTED), no, or nothing at all. */
  async answerPermission(scope: string, accepted: boolean | 'NOT_ANSWERED', token: string): Promise<Exchange> {
    if (accepted === true) this.granted.add(scope);
    const request = this.alexa
      .request()
      .requestType('Connections.Response')
      .set('request.name', 'AskFor')
      .set('request.status', { code: '200', message: 'OK' })
      .set('request.payload', { permissionScope: scope, status: accepted === 'NOT_ANSWERED' ? accepted : accepted ? 'ACCEPTED' : 'DENIED' })
      .set('request.token', token);
    return this.exchange('intent', await request.send(), 'Connections.Response');
  }

  /** Alexa hands the session back after a skill connection (e.g. the routine offer) with this cause. */
  async resume(cause: { type: 'ConnectionCompleted'; token?: string; status?: { code: string; message: string }; result?: unknown }): Promise<Exchange> {
    const request = this.alexa.request().requestType('SessionResumedRequest').set('request.cause', cause);
    return this.exchange('intent', await request.send(), 'SessionResumedRequest');
  }

  /** A routine starts one of the skill's tasks: Alexa launches the skill with the task named. */
  async launchTask(name: string, version = '1', input: Record<string, unknown> = {}): Promise<Exchange> {
    this.endSession();
    const request = this.alexa.request().requestType('LaunchRequest').set('request.task', { name, version, input });
    return this.exchange('launch', await request.send());
  }

  /**
   * The couple saves (create) or deletes a routine on one of the skill's custom triggers in the
   * Alexa app: Alexa tells the skill with a Routines Trigger SPI request, outside any session.
   */
  async routineCallback(change: 'create' | 'delete', name: TriggerName): Promise<ResponseEnvelope> {
    const userId = this.alexa.context().user().id();
    const System = { application: { applicationId: this.alexa.context().applicationID() }, user: { userId }, apiEndpoint: this.apiEndpoint };
    const envelope = { version: '1.0', context: { System }, request: triggerCallback(change, name, userId) };
    return this.handler(envelope as unknown as RequestEnvelope);
  }

  /** Forgets the current session without telling the skill (a test starting afresh). */
  endSession(): void {
    if (this.alexa.context().activeSession()) this.alexa.context().endSession();
  }

  /**
   * Ends the current session as Alexa does when the couple walks away (no answer to the reprompt) or
   * starts over: the skill hears a SessionEndedRequest with the session's attributes.
   */
  async walkAway(reason: 'EXCEEDED_MAX_REPROMPTS' | 'USER_INITIATED' = 'EXCEEDED_MAX_REPROMPTS'): Promise<void> {
    if (!this.alexa.context().activeSession()) return;
    await this.alexa.endSession(reason === 'USER_INITIATED' ? SessionEndedReason.USER_INITIATED : SessionEndedReason.EXCEEDED_MAX_REPROMPTS);
    this.endSession();
  }

  /** Resolves a phrase to an intent and slots the way the model allows, or undefined. */
  resolve(phrase: string): { intent: string; slots: Record<string, string>; literals: number; elicited?: boolean } | undefined {
    return this.resolver.resolve(phrase, this.eliciting);
  }

  private async utter(phrase: string): Promise<Exchange> {
    const resolved = this.resolve(phrase);
    const carried = this.elicitedSlots;
    this.eliciting = undefined;
    this.elicitedSlots = {};
    if (!resolved) {
      const fallback = await this.intend('AMAZON.FallbackIntent');
      return { ...fallback, kind: 'nomatch' };
    }
    // An answer to an elicited slot comes back as that intent, with the slots the skill sent along.
    if (resolved.elicited) return this.intend(resolved.intent, { ...carried, ...resolved.slots }, 'IN_PROGRESS');
    return this.intend(resolved.intent, resolved.slots);
  }

  private shape(request: RequestEnvelope): void {
    const system = request.context.System as RequestEnvelope['context']['System'] & { person?: { personId: string } };
    if (this.apiEndpoint) system.apiEndpoint = this.apiEndpoint;
    if (this.granted.size > 0) {
      const user = system.user as typeof system.user & { permissions?: unknown };
      user.permissions = {
        consentToken: 'simulated-consent-token',
        scopes: Object.fromEntries([...this.granted].map((scope) => [scope, { status: 'GRANTED' }])),
      };
    }
    if (this.personId) system.person = { personId: this.personId };
    else delete system.person;
    // Real Echo requests always name the device and carry a token for Alexa's service APIs.
    system.apiAccessToken ??= 'simulated-api-access-token';
    if (!system.device) return;
    system.device.deviceId ??= 'amzn1.ask.device.simulated-echo';
    const interfaces = (system.device.supportedInterfaces ??= {}) as Record<string, unknown>;
    if (this.screen) interfaces['Alexa.Presentation.APL'] = { runtime: { maxVersion: '2023.3' } };
    else delete interfaces['Alexa.Presentation.APL'];
  }

  private exchange(kind: Exchange['kind'], result: unknown, intent?: string, slots?: Record<string, string>): Exchange {
    const envelope = (result as { response?: unknown; version?: string; sessionAttributes?: unknown }) ?? {};
    const response = envelope as unknown as ResponseEnvelope;
    const body = response.response ?? {};
    const speech = plainSpeech((body.outputSpeech as { ssml?: string } | undefined)?.ssml);
    const reprompt = plainSpeech((body.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml) || undefined;
    const directives = (body.directives ?? []) as Exchange['directives'];
    const elicit = directives.find((d) => d.type === 'Dialog.ElicitSlot') as
      { slotToElicit?: string; updatedIntent?: { name?: string; slots?: Record<string, { value?: string }> } } | undefined;
    if (elicit?.slotToElicit && elicit.updatedIntent?.name) {
      this.eliciting = { intent: elicit.updatedIntent.name, slot: elicit.slotToElicit };
      this.elicitedSlots = Object.fromEntries(
        Object.entries(elicit.updatedIntent.slots ?? {}).flatMap(([name, slot]) => (typeof slot?.value === 'string' ? [[name, slot.value]] : [])),
      );
    }
    return {
      kind,
      intent,
      slots,
      response,
      speech,
      reprompt,
      ended: body.shouldEndSession !== false,
      directives,
      card: body.card as Exchange['card'],
    };
  }
}
