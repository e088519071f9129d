import type { ColumnType } from 'kysely';
import type { InstantText } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/**
 * Issue #4, claims (migrations/0024_claims.sql and later): the tables as Kysely sees them. Kept beside
 * schema.ts so each claims migration adds its interfaces here without touching the older modules' types.
 */

export type ClaimChannel = 'portal' | 'jeweler' | 'phone' | 'api';
export type LossKind = 'damage' | 'loss' | 'theft' | 'disappearance';
export type ClaimStatus = 'reported' | 'needs_information' | 'covered' | 'denied' | 'settled' | 'closed' | 'withdrawn';

export interface ClaimTable {
  id: string;
  claim_number: string;
  policy_id: string;
  holder_user_id: string;
  agent_user_id: string | null;
  jeweler_user_id: string | null;
  adjuster_user_id: string | null;
  reported_by_user_id: string;
  channel: ClaimChannel;
  reporter_name: string;
  reporter_relation: string;
  insured_name: string;
  loss_kind: LossKind;
  /** 'YYYY-MM-DD' */
  loss_date: string;
  /** 'HH:MM' */
  loss_time: string | null;
  loss_place: string;
  loss_country: string;
  narrative: string;
  police_report_reference: string | null;
  police_authority: string | null;
  protection_confirmed: boolean;
  /** 'YYYY-MM-DD' */
  notice_date: string;
  status: Defaulted<ClaimStatus>;
  time_zone: string;
  currency: 'USD' | 'EUR';
  reported_at: InstantText;
  updated_at: InstantText;
}

export type ClaimItemExtent = 'whole' | 'part';
export interface ClaimItemTable {
  claim_id: string;
  line_no: number;
  item_no: number | null;
  description: string;
  category: string;
  /** numeric, as a decimal string */
  coverage_amount: string | null;
  set_id: string | null;
  newly_purchased: Defaulted<boolean>;
  /** 'YYYY-MM-DD' */
  purchase_date: string | null;
  purchase_price: string | null;
  extent: Defaulted<ClaimItemExtent>;
  part_description: string | null;
}

export type DiaryParty = 'insured' | 'insurer' | 'both';
export type DiaryStatus = 'open' | 'done' | 'cancelled';
export interface ClaimDiaryEntryTable {
  id: string;
  claim_id: string;
  kind: string;
  party: DiaryParty;
  /** 'YYYY-MM-DD' */
  due_on: string;
  clause: string;
  note: string | null;
  reference_id: string | null;
  status: Defaulted<DiaryStatus>;
  reminded_at: InstantText | null;
  created_at: InstantText;
  closed_at: InstantText | null;
}

export interface ClaimsSchema {
  claim: ClaimTable;
  claim_item: ClaimItemTable;
  claim_diary_entry: ClaimDiaryEntryTable;
}
