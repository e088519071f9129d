import type { Actor } from '../auth/actor.ts';
import { type Clock, nowText } from '../clock.ts';
import type { AuditActorType, AuditOutcome } from '../db/schema.ts';
import type { Trx } from '../db/transaction.ts';
import { canonicalJson } from './canonical-json.ts';

export type AuditEventInput = {
  actor: Actor;
  /** What happened, as `area.verb`, e.g. 'account.login' or 'policy.issue'. */
  action: string;
  /** What it happened to: a table-like type and the record's id (null when there is no single record). */
  subject: { type: string; id?: string | null };
  outcome?: AuditOutcome;
  /** Hashed and kept for ever: put no personal data here (ids, codes, amounts, reasons are fine). */
  details?: Record<string, unknown>;
  /** Not hashed, so erasure can null it without breaking the chain: names, addresses, IP addresses. */
  personalDetails?: Record<string, unknown>;
  requestId?: string | null;
  /** Why personal data was read or changed; defaults to the purpose the acting user gave. */
  purpose?: string | null;
};

/**
 * Writes one audit event. Call it with the business transaction, the same `trx` that makes the
 * change: then the event exists if and only if the change committed (a rolled-back change leaves
 * no event, a committed one always has its event). The row is written without a hash; the sealer
 * (seal-audit-events.ts) links it into the chain a few seconds later, so this insert takes no
 * lock that other transactions wait on.
 */
export async function recordAuditEvent(trx: Trx, event: AuditEventInput, clock: Clock): Promise<void> {
  if (!trx.isTransaction) {
    // A plain Db would commit the event on its own, even if the business change then rolls back.
    throw new Error('recordAuditEvent must be called with the transaction that makes the change (inTransaction), not with the database');
  }
  if (event.action.trim() === '') throw new Error('An audit event needs an action');
  if (event.subject.type.trim() === '') throw new Error('An audit event needs a subject type');
  // Which integration token acted is part of the record: revoking a leaked token starts from here.
  const tokenId = event.actor.kind === 'user' && event.actor.via === 'api_token' ? event.actor.apiTokenId : undefined;
  const details = tokenId ? { ...event.details, apiTokenId: tokenId } : (event.details ?? {});
  // Refuses NaN, Dates, Maps, bigints, cycles here, at the call site, rather than storing a value
  // that JSON changed silently and then hashing that.
  canonicalJson(details);
  if (event.personalDetails !== undefined) canonicalJson(event.personalDetails);

  const actor = actorColumns(event.actor);
  await trx
    .insertInto('audit_event')
    .values({
      occurred_at: nowText(clock),
      actor_type: actor.type,
      actor_id: actor.id,
      actor_roles: actor.roles,
      action: event.action,
      subject_type: event.subject.type,
      subject_id: event.subject.id ?? null,
      outcome: event.outcome ?? 'success',
      request_id: event.requestId ?? null,
      purpose: event.purpose ?? actor.purpose,
      details,
      personal_details: event.personalDetails ?? null,
    })
    .execute();
}

type ActorColumns = { type: AuditActorType; id: string | null; roles: string[]; purpose: string | null };

export function actorColumns(actor: Actor): ActorColumns {
  switch (actor.kind) {
    case 'user':
      return {
        // A bearer token is recorded as such: an integration acted, with the rights of this user.
        type: actor.via === 'api_token' ? 'api_token' : 'user',
        id: actor.userId,
        roles: [...actor.roles],
        purpose: actor.purpose ?? null,
      };
    case 'anonymous':
      return { type: 'anonymous', id: null, roles: [], purpose: null };
    case 'system':
      return { type: 'system', id: actor.name, roles: [], purpose: null };
  }
}
