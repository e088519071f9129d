import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { blindIndex, decryptWithDataKey, encryptWithDataKey, parseEncryptedValue } from '../../../../platform/crypto/field-encryption.ts';
import { activeDataKey, destroyDataKeys, listDataKeys, loadDataKey, replaceActiveDataKey } from '../../../../platform/crypto/field-encryption-store.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from '../domain/encrypted-columns.ts';
import { countNotUnderKey, rowsNotUnderKey, updateEncryptedValue } from '../protection-repository.ts';
import { cipherOf } from './common.ts';

/**
 * PRV-SEC-1 key rotation (`npm run bezel -- keys rotate`): a new data key under the active master key
 * replaces the active one, then every encrypted value is re-encrypted under it, batch by batch (one
 * transaction and one audit event per batch), and finally the old data keys, which no value names any
 * more, are destroyed (their wrapped bytes deleted): nothing is readable under them again.
 *
 * Resumable and idempotent: a run that stopped half-way (a crash, a kill) left values under retired
 * keys; the next run sees them and continues with the same active key instead of starting another
 * rotation. A run with nothing left over starts a new rotation. Each batch only touches values not
 * yet under the active key, so repeating a batch changes nothing twice.
 */
export type RotationReport = {
  activeDataKeyId: string;
  masterKeyId: string;
  resumed: boolean;
  reencrypted: Record<string, number>;
  destroyedDataKeyIds: string[];
};

export async function rotateDataKeys(
  deps: Deps,
  actor: Actor,
  options: { batchSize?: number; onBatch?: (column: string, count: number) => void } = {},
  origin: RequestOrigin,
): Promise<RotationReport> {
  requirePermission(actor, 'privacy:manage');
  const batchSize = options.batchSize ?? 200;
  const keyring = cipherOf(deps).keyring;
  const start = await inTransaction(deps.db, async (trx) => {
    const current = await activeDataKey(trx, keyring, deps.clock);
    const keys = await listDataKeys(trx);
    const activeRow = keys.find((key) => key.id === current.id);
    let pending = 0;
    for (const column of ENCRYPTED_COLUMNS) pending += await countNotUnderKey(trx, column, current.id);
    // Resume only when the unfinished rotation already targets the active master key.
    if (pending > 0 && activeRow?.masterKeyId === keyring.active.id) return { activeDataKeyId: current.id, resumed: true };
    const replaced = await replaceActiveDataKey(trx, keyring, deps.clock);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'data_key.rotation_started',
        subject: { type: 'data_key', id: replaced.active },
        details: { masterKeyId: keyring.active.id, retiredDataKeyIds: replaced.retired },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { activeDataKeyId: replaced.active, resumed: false };
  });

  const reencrypted: Record<string, number> = {};
  for (const column of ENCRYPTED_COLUMNS) {
    const name = `${column.table}.${column.column}`;
    reencrypted[name] = 0;
    for (;;) {
      const count = await reencryptBatch(deps, actor, column, start.activeDataKeyId, batchSize, origin);
      if (count === 0) break;
      reencrypted[name] += count;
      options.onBatch?.(name, count);
    }
  }

  const destroyedDataKeyIds = await inTransaction(deps.db, async (trx) => {
    let left = 0;
    for (const column of ENCRYPTED_COLUMNS) left += await countNotUnderKey(trx, column, start.activeDataKeyId);
    // A value written under an old key while the batches ran (it committed late) keeps its key alive until the next run.
    if (left > 0) return [];
    const retired = (await listDataKeys(trx)).filter((key) => key.status === 'retired').map((key) => key.id);
    await destroyDataKeys(trx, retired, deps.clock);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'data_key.rotation_completed',
        subject: { type: 'data_key', id: start.activeDataKeyId },
        details: { masterKeyId: keyring.active.id, resumed: start.resumed, reencrypted, destroyedDataKeyIds: retired },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return retired;
  });
  return { activeDataKeyId: start.activeDataKeyId, masterKeyId: keyring.active.id, resumed: start.resumed, reencrypted, destroyedDataKeyIds };
}

async function reencryptBatch(deps: Deps, actor: Actor, column: EncryptedColumn, activeId: string, limit: number, origin: RequestOrigin): Promise<number> {
  const keyring = cipherOf(deps).keyring;
  return inTransaction(deps.db, async (trx) => {
    const rows = await rowsNotUnderKey(trx, column, activeId, limit);
    if (rows.length === 0) return 0;
    const active = await loadDataKey(trx, keyring, activeId);
    const oldKeys = new Map<string, Awaited<ReturnType<typeof loadDataKey>>>();
    for (const row of rows) {
      const oldId = parseEncryptedValue(row.value).dataKeyId;
      const oldKey = oldKeys.get(oldId) ?? (await loadDataKey(trx, keyring, oldId));
      oldKeys.set(oldId, oldKey);
      const plaintext = decryptWithDataKey(oldKey, column.context, row.value);
      const index = column.blindIndex
        ? blindIndex(keyring.blindIndexKeys[0] as Buffer, column.context, column.blindIndex.normalise(plaintext.toString('utf8')))
        : null;
      await updateEncryptedValue(trx, column, row.id, encryptWithDataKey(active, column.context, plaintext), index);
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'data_key.values_reencrypted',
        subject: { type: 'data_key', id: activeId },
        details: { table: column.table, column: column.column, count: rows.length, fromDataKeyIds: [...oldKeys.keys()] },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return rows.length;
  });
}
