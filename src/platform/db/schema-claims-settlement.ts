import type { InstantText } from './schema.ts';

/** migrations/0025_settlement_worksheet.sql (issue #4, JPF-SETTLE-1..9). */
export interface SettlementWorksheetTable {
  id: string;
  claim_id: string;
  version: number;
  lines: unknown;
  /** numeric, as a decimal string */
  total_payable: string;
  currency: 'USD' | 'EUR';
  reason: string | null;
  created_by: string;
  created_at: InstantText;
  agreed_at: InstantText | null;
  agreed_by_name: string | null;
}

export interface ClaimsSettlementSchema {
  settlement_worksheet: SettlementWorksheetTable;
}
