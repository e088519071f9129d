import type { ColumnType } from 'kysely';
import type { Locale } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type InstantText = string;

/** migrations/0027_coverage_decision.sql (issue #4, "Coverage decision"; JPF-COVER-1, JPF-EXCL-1..8, PRV-RIGHT-6). */
export type CoverageEntryKind = 'proposal' | 'decision';
export type CoverageOutcomeText = 'covered' | 'excluded' | 'needs_information';

export interface ClaimCoverageDecisionTable {
  id: string;
  claim_id: string;
  seq: number;
  kind: CoverageEntryKind;
  outcome: CoverageOutcomeText;
  automatic: boolean;
  /** jsonb, validated on read by the claims module */
  causes: unknown;
  custodian: unknown | null;
  clauses: unknown;
  missing: unknown;
  notes: unknown;
  proposal_id: string | null;
  overridden: Defaulted<boolean>;
  reconsideration: Defaulted<boolean>;
  reason: string | null;
  decided_by: string | null;
  recorded_by: string;
  created_at: InstantText;
}

export interface ClaimCoverageReviewRequestTable {
  id: string;
  claim_id: string;
  proposal_id: string;
  requested_by: string;
  reason: string;
  status: Defaulted<'open' | 'closed'>;
  /** 'YYYY-MM-DD' */
  due_on: string;
  created_at: InstantText;
  closed_at: InstantText | null;
  decision_id: string | null;
}

export interface ClaimCoverageLetterTable {
  id: string;
  claim_id: string;
  decision_id: string;
  kind: 'denial';
  locale: Locale;
  sha256: string;
  byte_size: number;
  created_at: InstantText;
}

export interface ClaimsCoverageSchema {
  claim_coverage_decision: ClaimCoverageDecisionTable;
  claim_coverage_review_request: ClaimCoverageReviewRequestTable;
  claim_coverage_letter: ClaimCoverageLetterTable;
}
