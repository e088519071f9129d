import type { InstantText } from './schema.ts';

/** migrations/0026_claims_fnol.sql (issue #4, first notice of loss): the report's facts beside the claim row. */
export interface ClaimFirstNoticeTable {
  claim_id: string;
  /** JPF-DUTY-3: the loss results from a violation of law (always for theft). */
  violation_of_law: boolean;
  withdrawn_at: InstantText | null;
  withdrawal_reason: string | null;
}

export interface ClaimsFnolSchema {
  claim_first_notice: ClaimFirstNoticeTable;
}
