import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { SourceItem } from './domain/deidentify.ts';

/**
 * The rows the de-identified export starts from (PRV-DEID-1): every scheduled item with its policy's
 * generalisable facts. Only what the export needs is read: no names, descriptions, numbers or streets.
 */
export async function readPolicyItems(db: Db): Promise<SourceItem[]> {
  const rows = await db
    .selectFrom('scheduled_item')
    .innerJoin('policy', 'policy.id', 'scheduled_item.policy_id')
    .innerJoin('application', 'application.id', 'policy.application_id')
    .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
    .innerJoin('product', 'product.id', 'product_version.product_id')
    .select([
      'policy.id as policy_id',
      'policy.holder_user_id',
      'scheduled_item.item_no',
      sql<string | null>`application.mailing_address ->> 'state'`.as('state'),
      sql<string | null>`application.mailing_address ->> 'country'`.as('country'),
      'product.code as product_code',
      'scheduled_item.category',
      'scheduled_item.coverage_amount',
      'policy.currency',
      'policy.first_day',
      'policy.status',
    ])
    .orderBy('policy.id')
    .orderBy('scheduled_item.item_no')
    .execute();
  return rows.map((row) => ({
    policyId: row.policy_id,
    holderUserId: row.holder_user_id,
    itemNo: row.item_no,
    state: row.state,
    country: row.country,
    productCode: row.product_code,
    category: row.category,
    coverageAmount: row.coverage_amount,
    currency: row.currency,
    firstDay: row.first_day,
    status: row.status,
  }));
}

export async function insertExportRecord(
  db: Db,
  row: {
    id: string;
    dataset: 'policy_items';
    exported_at: string;
    exported_by: string;
    row_count: number;
    suppressed_count: number;
    min_cell_size: number;
    sha256: string;
  },
): Promise<void> {
  await db.insertInto('deidentified_export').values(row).execute();
}

export type ExportRecord = {
  id: string;
  dataset: string;
  exportedAt: string;
  exportedBy: string;
  rowCount: number;
  suppressedCount: number;
  minCellSize: number;
  sha256: string;
};

export async function listExportRecords(db: Db): Promise<ExportRecord[]> {
  const rows = await db.selectFrom('deidentified_export').selectAll().orderBy('exported_at', 'desc').orderBy('id').limit(200).execute();
  return rows.map((row) => ({
    id: row.id,
    dataset: row.dataset,
    exportedAt: row.exported_at,
    exportedBy: row.exported_by,
    rowCount: row.row_count,
    suppressedCount: row.suppressed_count,
    minCellSize: row.min_cell_size,
    sha256: row.sha256,
  }));
}
