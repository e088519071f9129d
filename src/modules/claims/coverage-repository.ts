import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import type { CoverageEntryKind } from '../../platform/db/schema-claims-coverage.ts';
import type { Cause, Custodian } from './domain/cause-of-loss.ts';
import type { ClauseId } from './domain/coverage-clauses.ts';
import type { CoverageNote, CoverageOutcome, MissingInformation } from './domain/coverage-decision.ts';

/**
 * SQL of the coverage decision (migrations/0027_coverage_decision.sql): the history of proposals and decisions,
 * the insured's review requests (PRV-RIGHT-6) and the letters. Callers reach the claim through scopeClaims first.
 */

export type CoverageEntry = {
  id: string;
  claimId: string;
  seq: number;
  kind: CoverageEntryKind;
  outcome: CoverageOutcome;
  automatic: boolean;
  causes: Cause[];
  custodian: Custodian | null;
  clauses: ClauseId[];
  missing: MissingInformation[];
  notes: CoverageNote[];
  proposalId: string | null;
  overridden: boolean;
  reconsideration: boolean;
  reason: string | null;
  decidedBy: string | null;
  /** The display name of who decided (decisions) or recorded the causes (proposals). */
  recordedByName: string;
  recordedBy: string;
  createdAt: string;
};

export type NewCoverageEntry = Omit<CoverageEntry, 'seq' | 'recordedByName'>;

export type ReviewRequest = {
  id: string;
  claimId: string;
  proposalId: string;
  requestedBy: string;
  reason: string;
  status: 'open' | 'closed';
  dueOn: string;
  createdAt: string;
  closedAt: string | null;
  decisionId: string | null;
};

export type CoverageLetter = {
  id: string;
  claimId: string;
  decisionId: string;
  kind: 'denial';
  locale: Locale;
  sha256: string;
  byteSize: number;
  createdAt: string;
};

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** Adds an entry at the end of the claim's history (the caller holds the claim's lock: lockClaim). */
export async function insertCoverageEntry(db: Db, entry: NewCoverageEntry): Promise<number> {
  const { rows } = await sql<{ seq: number }>`SELECT coalesce(max(seq), 0) + 1 AS seq FROM claim_coverage_decision WHERE claim_id = ${entry.claimId}`.execute(
    db,
  );
  const seq = Number(rows[0]?.seq ?? 1);
  await db
    .insertInto('claim_coverage_decision')
    .values({
      id: entry.id,
      claim_id: entry.claimId,
      seq,
      kind: entry.kind,
      outcome: entry.outcome,
      automatic: entry.automatic,
      causes: JSON.stringify(entry.causes),
      custodian: entry.custodian === null ? null : JSON.stringify(entry.custodian),
      clauses: JSON.stringify(entry.clauses),
      missing: JSON.stringify(entry.missing),
      notes: JSON.stringify(entry.notes),
      proposal_id: entry.proposalId,
      overridden: entry.overridden,
      reconsideration: entry.reconsideration,
      reason: entry.reason,
      decided_by: entry.decidedBy,
      recorded_by: entry.recordedBy,
      created_at: entry.createdAt,
    })
    .execute();
  return seq;
}

/** The claim's proposals and decisions, oldest first. */
export async function listCoverageEntries(db: Db, claimId: string): Promise<CoverageEntry[]> {
  const rows = await db
    .selectFrom('claim_coverage_decision as d')
    .innerJoin('app_user as u', 'u.id', 'd.recorded_by')
    .selectAll('d')
    .select('u.display_name as recorded_by_name')
    .where('d.claim_id', '=', claimId)
    .orderBy('d.seq')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    seq: row.seq,
    kind: row.kind,
    outcome: row.outcome,
    automatic: row.automatic,
    causes: json(row.causes) as Cause[],
    custodian: (json(row.custodian) ?? null) as Custodian | null,
    clauses: json(row.clauses) as ClauseId[],
    missing: json(row.missing) as MissingInformation[],
    notes: json(row.notes) as CoverageNote[],
    proposalId: row.proposal_id,
    overridden: row.overridden,
    reconsideration: row.reconsideration,
    reason: row.reason,
    decidedBy: row.decided_by,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at,
  }));
}

/**
 * The outcome of the claim's newest decision, or null while none was made: what the settlement block reads
 * (one indexed lookup inside the payment's transaction).
 */
export async function currentDecisionOutcome(db: Db, claimId: string): Promise<CoverageOutcome | null> {
  const row = await db
    .selectFrom('claim_coverage_decision')
    .select('outcome')
    .where('claim_id', '=', claimId)
    .where('kind', '=', 'decision')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.outcome ?? null;
}

const REVIEW_COLUMNS = ['id', 'claim_id', 'proposal_id', 'requested_by', 'reason', 'status', 'due_on', 'created_at', 'closed_at', 'decision_id'] as const;

type ReviewRow = {
  id: string;
  claim_id: string;
  proposal_id: string;
  requested_by: string;
  reason: string;
  status: 'open' | 'closed';
  due_on: string;
  created_at: string;
  closed_at: string | null;
  decision_id: string | null;
};

function toReview(row: ReviewRow): ReviewRequest {
  return {
    id: row.id,
    claimId: row.claim_id,
    proposalId: row.proposal_id,
    requestedBy: row.requested_by,
    reason: row.reason,
    status: row.status,
    dueOn: row.due_on,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    decisionId: row.decision_id,
  };
}

export async function insertReviewRequest(db: Db, request: Omit<ReviewRequest, 'status' | 'closedAt' | 'decisionId'>): Promise<void> {
  await db
    .insertInto('claim_coverage_review_request')
    .values({
      id: request.id,
      claim_id: request.claimId,
      proposal_id: request.proposalId,
      requested_by: request.requestedBy,
      reason: request.reason,
      due_on: request.dueOn,
      created_at: request.createdAt,
    })
    .execute();
}

export async function listReviewRequests(db: Db, claimId: string): Promise<ReviewRequest[]> {
  const rows = await db.selectFrom('claim_coverage_review_request').select(REVIEW_COLUMNS).where('claim_id', '=', claimId).orderBy('created_at').execute();
  return rows.map(toReview);
}

/** Closes the claim's open review requests with the decision that answered them; answers their ids. */
export async function closeReviewRequests(db: Db, claimId: string, decisionId: string, now: string): Promise<string[]> {
  const rows = await db
    .updateTable('claim_coverage_review_request')
    .set({ status: 'closed', closed_at: now, decision_id: decisionId })
    .where('claim_id', '=', claimId)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

const LETTER_COLUMNS = ['id', 'claim_id', 'decision_id', 'kind', 'locale', 'sha256', 'byte_size', 'created_at'] as const;

function toLetter(row: {
  id: string;
  claim_id: string;
  decision_id: string;
  kind: 'denial';
  locale: Locale;
  sha256: string;
  byte_size: number;
  created_at: string;
}): CoverageLetter {
  return {
    id: row.id,
    claimId: row.claim_id,
    decisionId: row.decision_id,
    kind: row.kind,
    locale: row.locale,
    sha256: row.sha256,
    byteSize: row.byte_size,
    createdAt: row.created_at,
  };
}

/** Stores the letter of a decision unless it has one; answers whether this call stored it. */
export async function insertLetterOnce(db: Db, letter: CoverageLetter): Promise<boolean> {
  const result = await db
    .insertInto('claim_coverage_letter')
    .values({
      id: letter.id,
      claim_id: letter.claimId,
      decision_id: letter.decisionId,
      kind: letter.kind,
      locale: letter.locale,
      sha256: letter.sha256,
      byte_size: letter.byteSize,
      created_at: letter.createdAt,
    })
    .onConflict((conflict) => conflict.column('decision_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function findLetterOfDecision(db: Db, decisionId: string): Promise<CoverageLetter | null> {
  const row = await db.selectFrom('claim_coverage_letter').select(LETTER_COLUMNS).where('decision_id', '=', decisionId).executeTakeFirst();
  return row ? toLetter(row) : null;
}

export async function listLetters(db: Db, claimId: string): Promise<CoverageLetter[]> {
  const rows = await db.selectFrom('claim_coverage_letter').select(LETTER_COLUMNS).where('claim_id', '=', claimId).orderBy('created_at').execute();
  return rows.map(toLetter);
}
