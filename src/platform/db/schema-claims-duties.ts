import type { ColumnType } from 'kysely';
import type { InstantText } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** migrations/0028_claim_duties.sql (issue #4, JPF-DUTY-2, JPF-DUTY-5..7): duty requests and duty records of a claim. */

export type DutyRequestKindColumn = 'examination_under_oath' | 'exhibit_property' | 'produce_records' | 'written_confirmation';
export type DutyRequestStatus = 'open' | 'answered' | 'fulfilled' | 'withdrawn';

export interface ClaimDutyRequestTable {
  id: string;
  claim_id: string;
  kind: DutyRequestKindColumn;
  clause: string;
  details: string | null;
  /** 'YYYY-MM-DD' */
  examination_on: string | null;
  /** 'HH:MM' */
  examination_time: string | null;
  place: string | null;
  /** 'YYYY-MM-DD' */
  due_on: string;
  status: Defaulted<DutyRequestStatus>;
  requested_by: string;
  requested_at: InstantText;
  answered_by: string | null;
  answered_at: InstantText | null;
  answer_note: string | null;
  /** 'YYYY-MM-DD' */
  fulfilled_on: string | null;
  fulfilment_note: string | null;
  fulfilled_by: string | null;
  fulfilled_at: InstantText | null;
}

export interface ClaimDutyRequestFileTable {
  request_id: string;
  file_id: string;
  attached_at: InstantText;
}

export interface ClaimDutyRecordTable {
  id: string;
  claim_id: string;
  kind: 'cooperation_issue' | 'abandonment_offer';
  clause: string;
  /** 'YYYY-MM-DD' */
  occurred_on: string;
  description: string;
  decision: 'refused' | 'consented' | null;
  consent_reference: string | null;
  recorded_by: string;
  recorded_at: InstantText;
}

export interface ClaimsDutiesSchema {
  claim_duty_request: ClaimDutyRequestTable;
  claim_duty_request_file: ClaimDutyRequestFileTable;
  claim_duty_record: ClaimDutyRecordTable;
}
