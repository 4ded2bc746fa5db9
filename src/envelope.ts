import type { RequestEnvelope } from 'ask-sdk-model';
import { accountIn, recipientOf, TRIGGER_CREATE, TRIGGER_DELETE } from './domain/custom-triggers';

/** Far deeper than anything this skill keeps in the session (the couple state is about 6 levels). */
const MAX_DEPTH = 32;

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `value` nests deeper than `limit`; walks without recursion, so any depth is safe to ask about. */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * ask-sdk-core reads context.System and copies session attributes through JSON before any handler
 * or error handler runs, so a request without a context, or with attributes nested thousands deep,
 * would throw out of invoke unanswered. This gives such a request a context built from its session
 * and drops attributes nested too deep; a sound request comes back as it was, uncopied.
 */
export function readyEnvelope(envelope: RequestEnvelope): RequestEnvelope {
  if (!isRecord(envelope)) return envelope;
  let ready: Raw = envelope;
  const session = ready.session;
  if (isRecord(session) && session.attributes !== undefined && tooDeep(session.attributes, MAX_DEPTH)) {
    const attributes = isRecord(session.attributes)
      ? Object.fromEntries(Object.entries(session.attributes).filter(([, value]) => !tooDeep(value, MAX_DEPTH - 1)))
      : {};
    ready = { ...ready, session: { ...session, attributes } };
  }
  const context = ready.context;
  if (!isRecord(context) || !isRecord(context.System)) {
    const from = isRecord(session) ? session : {};
    // What the session knows: the skill's id (checked by withSkillId) and the account (the couple).
    const System = { application: isRecord(from.application) ? from.application : {}, ...(isRecord(from.user) ? { user: from.user } : {}) };
    ready = { ...ready, context: { ...(isRecord(context) ? context : {}), System } };
  }
  return withCallbackAccount(ready) as unknown as RequestEnvelope;
}

/**
 * A Routines Trigger SPI callback that names no account in context.System.user is filed under the
 * Alexa account its recipient carries, if it carries one: the SPI page read here does not show
 * whether the callback has the usual context.
 */
function withCallbackAccount(ready: Raw): Raw {
  const request = ready.request;
  if (!isRecord(request) || (request.type !== TRIGGER_CREATE && request.type !== TRIGGER_DELETE)) return ready;
  const context = ready.context as Raw;
  const System = context.System as Raw;
  if (isRecord(System.user) && typeof System.user.userId === 'string') return ready;
  const account = accountIn(recipientOf(request.recipient));
  return account ? { ...ready, context: { ...context, System: { ...System, user: { userId: account } } } } : ready;
}
