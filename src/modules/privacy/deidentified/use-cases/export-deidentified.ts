import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { sha256Hex } from '../../../../platform/crypto.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { type ExportRecord, insertExportRecord, listExportRecords, readPolicyItems } from '../deidentified-repository.ts';
import { DEIDENTIFIED_COLUMNS, deidentifyItem, deriveExportKey, MIN_CELL_SIZE, suppressSmallCells, toCsv } from '../domain/deidentify.ts';

export type DeidentifiedExport = { id: string; csv: string; rowCount: number; suppressedCount: number; sha256: string };

/**
 * PRV-DEID-1: the de-identified export of policies and their items for analysis. Identifiers removed,
 * keyed pseudonyms (HMAC, key derived from the application secret) instead of ids, values generalised,
 * groups under MIN_CELL_SIZE rows suppressed. Each export is recorded: a row (who, when, how many rows,
 * the CSV's SHA-256) and an audit event, in the same transaction as the read, so the recorded export is
 * exactly the one handed out.
 */
export async function exportDeidentifiedPolicies(deps: Deps, actor: Actor, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<DeidentifiedExport> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const key = deriveExportKey(deps.appSecret);
  return inTransaction(deps.db, async (trx) => {
    const rows = (await readPolicyItems(trx)).map((item) => deidentifyItem(key, item));
    const { rows: kept, suppressed } = suppressSmallCells(rows, MIN_CELL_SIZE);
    const csv = toCsv(DEIDENTIFIED_COLUMNS, kept);
    const id = newId();
    const sha256 = sha256Hex(csv);
    await insertExportRecord(trx, {
      id,
      dataset: 'policy_items',
      exported_at: nowText(deps.clock),
      exported_by: actor.userId,
      row_count: kept.length,
      suppressed_count: suppressed,
      min_cell_size: MIN_CELL_SIZE,
      sha256,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'deidentified_export.created',
        subject: { type: 'deidentified_export', id },
        details: { dataset: 'policy_items', rowCount: kept.length, suppressedCount: suppressed, minCellSize: MIN_CELL_SIZE, sha256 },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { id, csv, rowCount: kept.length, suppressedCount: suppressed, sha256 };
  });
}

export async function readExportRecords(deps: Deps, actor: Actor): Promise<ExportRecord[]> {
  requirePermission(actor, 'privacy:read');
  return listExportRecords(deps.db);
}
