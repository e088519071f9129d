import type { ColumnType } from 'kysely';
import type { InstantText } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** migrations/0029_proof_of_loss.sql (issue #4, JPF-DUTY-4): the insured's proof of loss and its parts a–e. */
export type ProofOfLossStatus = 'submitted' | 'accepted' | 'rejected';

export interface ProofOfLossOathRequestTable {
  claim_id: string;
  requested_by: string;
  requested_at: InstantText;
  note: string | null;
}

export interface ProofOfLossTable {
  id: string;
  claim_id: string;
  submission_no: number;
  /** 'YYYY-MM-DD' */
  loss_date: string;
  /** 'HH:MM' */
  loss_time: string;
  loss_time_approximate: boolean;
  loss_place: string;
  loss_details: string;
  /** jsonb: [{ insurer, policyNumber, limit }] */
  other_insurance: unknown;
  insured_interest: string;
  /** jsonb: [{ name, nature, amount }] */
  other_interests: unknown;
  title_changes: string | null;
  sworn: boolean;
  oath_statement: string | null;
  signed_name: string;
  signed_by: string;
  signed_at: InstantText;
  status: Defaulted<ProofOfLossStatus>;
  decided_by: string | null;
  decided_at: InstantText | null;
  rejection_reason: string | null;
}

export interface ProofOfLossLineTable {
  proof_id: string;
  claim_line_no: number;
  quantity: number;
  description: string;
  /** numeric, as decimal strings */
  cost: string;
  actual_cash_value: string;
  amount_of_loss: string;
}

export interface ProofOfLossFileTable {
  proof_id: string;
  file_id: string;
}

export interface ClaimsProofOfLossSchema {
  proof_of_loss_oath_request: ProofOfLossOathRequestTable;
  proof_of_loss: ProofOfLossTable;
  proof_of_loss_line: ProofOfLossLineTable;
  proof_of_loss_file: ProofOfLossFileTable;
}
