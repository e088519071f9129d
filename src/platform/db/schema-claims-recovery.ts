import type { ColumnType } from 'kysely';
import type { InstantText } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** migrations/0031_claim_recovery.sql (issue #4): subrogation (JPF-SUBRO-1, JPF-COND-4), recoveries (JPF-SUBRO-2), appraisal disputes (JPF-APPR-1). */

export type ThirdPartyKind = 'person' | 'organisation' | 'bailee';
export type CustodianRole = 'jeweler' | 'carrier' | 'other';

export interface ClaimSubrogationTable {
  claim_id: string;
  third_party_name: string | null;
  third_party_details: string | null;
  third_party_kind: ThirdPartyKind | null;
  custodian_role: CustodianRole | null;
  no_benefit_to_bailee: Defaulted<boolean>;
  assignment_required: Defaulted<boolean>;
  /** 'YYYY-MM-DD' */
  assignment_signed_on: string | null;
  /** 'YYYY-MM-DD' */
  waiver_written_on: string | null;
  waiver_in_writing: boolean | null;
  impairment_reason: string | null;
  impaired_at: InstantText | null;
  impaired_by: string | null;
  updated_by: string;
  created_at: InstantText;
  updated_at: InstantText;
}

export type RecoveryKind = 'item_found' | 'money';
export type RecoveryParty = 'insured' | 'insurer';
export type RecoveryOutcome = 'title_passed' | 'item_withdrawn' | 'money_booked';

export interface ClaimRecoveryTable {
  id: string;
  claim_id: string;
  kind: RecoveryKind;
  line_no: number | null;
  description: string;
  /** numeric, as a decimal string */
  amount: string | null;
  currency: 'USD' | 'EUR';
  recovered_from: string | null;
  /** 'YYYY-MM-DD' */
  recovered_on: string;
  reported_by_party: RecoveryParty;
  reported_by_user_id: string;
  outcome: RecoveryOutcome;
  /** 'YYYY-MM-DD' */
  title_passed_on: string | null;
  created_at: InstantText;
}

export type AppraisalSubject = 'amount_of_loss' | 'value' | 'cost';
export type AppraisalStatus = 'awaiting_appraisers' | 'awaiting_umpire' | 'umpire_selected' | 'awarded';
export type UmpireSelectedBy = 'appraisers' | 'judge';
export type AwardSigner = 'insured_appraiser' | 'insurer_appraiser' | 'umpire';

export interface AppraisalDisputeTable {
  id: string;
  claim_id: string;
  subjects: AppraisalSubject[];
  demanded_by: RecoveryParty;
  /** 'YYYY-MM-DD' dates below */
  demand_received_on: string;
  demand_reference: string | null;
  appraiser_naming_due: string;
  insured_appraiser_name: string | null;
  insured_appraiser_details: string | null;
  insured_appraiser_named_on: string | null;
  insurer_appraiser_name: string | null;
  insurer_appraiser_details: string | null;
  insurer_appraiser_named_on: string | null;
  umpire_selection_due: string | null;
  umpire_name: string | null;
  umpire_details: string | null;
  umpire_selected_by: UmpireSelectedBy | null;
  umpire_selected_on: string | null;
  umpire_court: string | null;
  status: Defaulted<AppraisalStatus>;
  /** numeric, as decimal strings */
  award_amount_of_loss: string | null;
  award_property_value: string | null;
  award_repair_cost: string | null;
  award_signed_by: AwardSigner[] | null;
  award_signed_on: string | null;
  award_recorded_by: string | null;
  award_recorded_at: InstantText | null;
  insured_appraiser_fee: string | null;
  insurer_appraiser_fee: string | null;
  umpire_fee: string | null;
  other_expenses: string | null;
  insured_cost_share: string | null;
  insurer_cost_share: string | null;
  currency: 'USD' | 'EUR';
  created_by: string;
  created_at: InstantText;
  updated_at: InstantText;
}

export interface ClaimsRecoverySchema {
  claim_subrogation: ClaimSubrogationTable;
  claim_recovery: ClaimRecoveryTable;
  appraisal_dispute: AppraisalDisputeTable;
}
