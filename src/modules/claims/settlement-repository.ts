import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { SettlementWorksheetTable } from '../../platform/db/schema-claims-settlement.ts';
import { Money } from '../../platform/money.ts';

/**
 * Stored settlement worksheets (migrations/0025_settlement_worksheet.sql). The worksheet part of the claims module
 * computes them (domain/settlement-worksheet.ts) and stores each change as a new version; payments read the current
 * (newest) version: its total is the most that may be paid on the claim, and a line marked `totalLoss` ends the
 * item's cover when paid (JPF-SETTLE-7).
 */

/** JPF-SETTLE-1: the insurer's option for each item. */
export type SettlementMethod = 'repair' | 'replace' | 'rebuild' | 'cash';

export type StoredWorksheetLine = {
  lineNo: number;
  /** The scheduled item (null for a JPF-ADD-2 newly purchased item). */
  itemNo: number | null;
  description: string;
  method: SettlementMethod;
  /** What the insurer pays for this line after every rule (minimum, set share, other insurance, paid by others, deductible). */
  payable: Money;
  /** JPF-SETTLE-7: the whole item is lost or destroyed — paying it ends the item's cover and refunds its unearned premium. */
  totalLoss: boolean;
  /** The full calculation for the adjuster and the insured (candidate amounts, steps), as the worksheet part stores it. */
  detail: Record<string, unknown>;
};

export type StoredWorksheet = {
  id: string;
  claimId: string;
  version: number;
  lines: StoredWorksheetLine[];
  totalPayable: Money;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  /** JPF-SETTLE-9: when the insured agreed to the amount in writing, and their name; null until then. */
  agreedAt: string | null;
  agreedByName: string | null;
};

type LineJson = Omit<StoredWorksheetLine, 'payable'> & { payable: string };

export async function insertWorksheet(db: Db, worksheet: Omit<StoredWorksheet, 'agreedAt' | 'agreedByName'>): Promise<void> {
  const lines: LineJson[] = worksheet.lines.map((line) => ({ ...line, payable: line.payable.toFixed() }));
  await db
    .insertInto('settlement_worksheet')
    .values({
      id: worksheet.id,
      claim_id: worksheet.claimId,
      version: worksheet.version,
      lines: JSON.stringify(lines),
      total_payable: worksheet.totalPayable.toFixed(),
      currency: worksheet.totalPayable.currency,
      reason: worksheet.reason,
      created_by: worksheet.createdBy,
      created_at: worksheet.createdAt,
      agreed_at: null,
      agreed_by_name: null,
    })
    .execute();
}

/** The claim's current worksheet: the newest version, or null before the first. */
export async function findCurrentWorksheet(db: Db, claimId: string): Promise<StoredWorksheet | null> {
  const row = await db.selectFrom('settlement_worksheet').selectAll().where('claim_id', '=', claimId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toStoredWorksheet(row) : null;
}

/** Every version of the claim's worksheet, the newest (current) first. */
export async function listWorksheets(db: Db, claimId: string): Promise<StoredWorksheet[]> {
  const rows = await db.selectFrom('settlement_worksheet').selectAll().where('claim_id', '=', claimId).orderBy('version', 'desc').execute();
  return rows.map(toStoredWorksheet);
}

function toStoredWorksheet(row: Selectable<SettlementWorksheetTable>): StoredWorksheet {
  const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as LineJson[];
  return {
    id: row.id,
    claimId: row.claim_id,
    version: row.version,
    lines: lines.map((line) => ({ ...line, payable: Money.of(line.payable, row.currency) })),
    totalPayable: Money.of(row.total_payable, row.currency),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    agreedAt: row.agreed_at,
    agreedByName: row.agreed_by_name,
  };
}

/** JPF-SETTLE-9: records the insured's written agreement to the worksheet's amount. */
export async function recordWorksheetAgreement(db: Db, worksheetId: string, agreedByName: string, now: string): Promise<void> {
  await db.updateTable('settlement_worksheet').set({ agreed_at: now, agreed_by_name: agreedByName }).where('id', '=', worksheetId).execute();
}
