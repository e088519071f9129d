import type { InsertQueryBuilder, InsertResult, QueryCreator, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { type Clock, nowText } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { precompiled, runShaped, type ShapedQuery } from '../db/precompiled.ts';
import type { AuditActorType, AuditOutcome, DatabaseSchema } from '../db/schema.ts';
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
  requireTransaction(trx);
  const row = auditEventRow(event, nowText(clock));
  await insertAuditEvent(
    trx,
    row.occurred_at,
    row.actor_type,
    row.actor_id,
    row.actor_roles,
    row.action,
    row.subject_type,
    row.subject_id,
    row.outcome,
    row.request_id,
    row.purpose,
    row.details,
    row.personal_details,
  );
}

/**
 * Writes several audit events of one change in ONE insert (a use case that records more than one,
 * e.g. binding: the invoice and the policy). Same rules as recordAuditEvent; the events get their
 * ids in the order given, so the sealer chains them in that order, as if recorded one by one
 * (decision 0004: the chain seals unsealed events by id).
 */
export async function recordAuditEvents(trx: Trx, events: readonly AuditEventInput[], clock: Clock): Promise<void> {
  requireTransaction(trx);
  if (events.length === 0) return;
  const [only] = events;
  if (events.length === 1 && only) return recordAuditEvent(trx, only, clock);
  const occurredAt = nowText(clock);
  const rows = events.map((event) => auditEventRow(event, occurredAt));
  await trx.insertInto('audit_event').values(rows).execute();
}

/**
 * Makes a change and records its audit events in ONE statement: the change (an INSERT or UPDATE
 * without RETURNING, given as a ShapedQuery so that the whole statement compiles once per shape) runs
 * as a data-modifying CTE of the events' insert. The event then exists if and only if the change did,
 * even within the transaction; one round trip to the database instead of two
 * (docs/operations/performance.md). Same rules as recordAuditEvents; ids in the order given.
 */
export async function changeWithAuditEvents<T extends keyof DatabaseSchema>(
  // One statement is atomic on its own: when it is a use case's only write, it needs no transaction around it
  // (two round trips fewer). Anything else the use case writes must share a transaction with it.
  trx: Trx | Db,
  change: AuditedChangeQuery<T>,
  events: readonly AuditEventInput[],
  clock: Clock,
): Promise<void> {
  if (events.length === 0) throw new Error('changeWithAuditEvents needs at least one event');
  const occurredAt = nowText(clock);
  const rows = events.map((event) => auditEventRow(event, occurredAt));
  const offset = change.values.length;
  const values = [...change.values, ...rows.flatMap((row) => AUDIT_COLUMNS.map((column) => row[column]))];
  await runShaped(trx, {
    shape: `audit:${events.length}:${change.shape}`,
    values,
    build: (db, value) =>
      db
        .with('audited_change', () => change.build(db, value))
        .insertInto('audit_event')
        .values(
          rows.map((_, row) =>
            Object.fromEntries(AUDIT_COLUMNS.map((column, index) => [column, value(offset + row * AUDIT_COLUMNS.length + index)])),
          ) as unknown as AuditEventRow[],
        ),
  });
}

/**
 * Several changes of one use case and their audit events in ONE statement: each change (a ShapedQuery building an
 * INSERT or UPDATE without RETURNING) is a data-modifying CTE of the events' insert, in the order given — e.g. a
 * claim's first notice of loss writes the claim, its items, its first-notice facts, its diary and its outbox job
 * together with its event (docs/operations/performance.md). The changes must not depend on each other's rows (a
 * CTE does not see another's writes; foreign keys are checked at the end of the statement). Same rules as
 * changeWithAuditEvents: atomic on its own, compiled once per shape, event ids in the order given.
 */
export async function changesWithAuditEvents(
  trx: Trx | Db,
  changes: readonly AnyAuditedChangeQuery[],
  events: readonly AuditEventInput[],
  clock: Clock,
): Promise<void> {
  if (changes.length === 0) throw new Error('changesWithAuditEvents needs at least one change');
  if (events.length === 0) throw new Error('changesWithAuditEvents needs at least one event');
  const occurredAt = nowText(clock);
  const rows = events.map((event) => auditEventRow(event, occurredAt));
  const starts: number[] = [];
  let offset = 0;
  for (const change of changes) {
    starts.push(offset);
    offset += change.values.length;
  }
  const values = [...changes.flatMap((change) => change.values), ...rows.flatMap((row) => AUDIT_COLUMNS.map((column) => row[column]))];
  await runShaped(trx, {
    shape: `audit:${events.length}:${changes.map((change) => change.shape).join('+')}`,
    values,
    build: (db, value) => {
      let query = db as unknown as QueryCreator<DatabaseSchema>;
      changes.forEach((change, index) => {
        const start = starts[index] as number;
        const write = change.build(db, (at) => value(start + at)) as AuditedChange<'audit_event'>;
        query = query.with(`audited_change_${index}`, () => write) as unknown as QueryCreator<DatabaseSchema>;
      });
      return query
        .insertInto('audit_event')
        .values(
          rows.map((_, row) =>
            Object.fromEntries(AUDIT_COLUMNS.map((column, index) => [column, value(offset + row * AUDIT_COLUMNS.length + index)])),
          ) as unknown as AuditEventRow[],
        );
    },
  });
}

const AUDIT_COLUMNS = [
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_roles',
  'action',
  'subject_type',
  'subject_id',
  'outcome',
  'request_id',
  'purpose',
  'details',
  'personal_details',
] as const satisfies readonly (keyof AuditEventRow)[];

/** The change of changeWithAuditEvents: a ShapedQuery (src/platform/db/precompiled.ts) that builds a write without RETURNING. */
export type AuditedChangeQuery<T extends keyof DatabaseSchema> = Omit<ShapedQuery<unknown>, 'build'> & {
  build: (db: Db, value: (index: number) => never) => AuditedChange<T>;
};

/** An AuditedChangeQuery of any table (changesWithAuditEvents writes to several). */
export type AnyAuditedChangeQuery = { [T in keyof DatabaseSchema]: AuditedChangeQuery<T> }[keyof DatabaseSchema];

/** A write without RETURNING, e.g. `db.insertInto('application').values(…)`. */
export type AuditedChange<T extends keyof DatabaseSchema> =
  | InsertQueryBuilder<DatabaseSchema, T, InsertResult>
  | UpdateQueryBuilder<DatabaseSchema, T, T, UpdateResult>;

function requireTransaction(trx: Trx): void {
  if (!trx.isTransaction) {
    // A plain Db would commit the event on its own, even if the business change then rolls back.
    throw new Error('recordAuditEvent must be called with the transaction that makes the change (inTransaction), not with the database');
  }
}

type AuditEventRow = {
  occurred_at: string;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_roles: string[];
  action: string;
  subject_type: string;
  subject_id: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  personal_details: Record<string, unknown> | null;
};

/** Checks an event and turns it into its row (without hash: the sealer adds it). */
function auditEventRow(event: AuditEventInput, occurredAt: string): AuditEventRow {
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
  return {
    occurred_at: occurredAt,
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
  };
}

/** Every use case records events: the insert is built and compiled once (src/platform/db/precompiled.ts). */
const insertAuditEvent = precompiled(
  (
    db: Db,
    occurredAt: string,
    actorType: AuditActorType,
    actorId: string | null,
    actorRoles: string[],
    action: string,
    subjectType: string,
    subjectId: string | null,
    outcome: AuditOutcome,
    requestId: string | null,
    purpose: string | null,
    details: Record<string, unknown>,
    personalDetails: Record<string, unknown> | null,
  ) =>
    db.insertInto('audit_event').values({
      occurred_at: occurredAt,
      actor_type: actorType,
      actor_id: actorId,
      actor_roles: actorRoles,
      action,
      subject_type: subjectType,
      subject_id: subjectId,
      outcome,
      request_id: requestId,
      purpose,
      details,
      personal_details: personalDetails,
    }),
);

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
