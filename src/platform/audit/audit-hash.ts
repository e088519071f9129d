import { Temporal } from 'temporal-polyfill';
import { sha256Hex } from '../crypto.ts';
import type { AuditEventTable } from '../db/schema.ts';
import { canonicalJson } from './canonical-json.ts';

/** prev_hash of event #1: there is no earlier event. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** The columns that go into the hash, as read from the database. personal_details is left out on purpose. */
export type HashedColumns = Pick<
  AuditEventTable,
  'occurred_at' | 'actor_type' | 'actor_id' | 'action' | 'subject_type' | 'subject_id' | 'request_id' | 'purpose'
> & {
  id: string;
  actor_roles: string[];
  outcome: string;
  details: Record<string, unknown>;
};

export const HASHED_COLUMN_NAMES = [
  'id',
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
] as const;

/**
 * The object that is hashed for one event. Field names are fixed here, not taken from column
 * names, so renaming a column cannot silently change every hash. Ids and chain_seq are decimal
 * strings (int8 exceeds a JS number); occurred_at is written with exactly six fractional digits
 * (PostgreSQL keeps microseconds), so the hash does not depend on how a driver prints timestamps.
 */
export function hashedPart(row: HashedColumns, chainSeq: string): Record<string, unknown> {
  return {
    chainSeq,
    id: row.id,
    occurredAt: canonicalInstant(row.occurred_at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorRoles: row.actor_roles,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    outcome: row.outcome,
    requestId: row.request_id,
    purpose: row.purpose,
    details: row.details,
  };
}

/** hash = sha256_hex(canonicalJson(hashedPart) ‖ prev_hash), the link of DESIGN.md section 5. */
export function auditEventHash(row: HashedColumns, chainSeq: string, prevHash: string): string {
  return sha256Hex(canonicalJson(hashedPart(row, chainSeq)) + prevHash);
}

export function canonicalInstant(text: string): string {
  return Temporal.Instant.from(text).toString({ fractionalSecondDigits: 6 });
}
