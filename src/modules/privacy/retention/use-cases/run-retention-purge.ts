import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction, type Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { PURGE_TARGETS, type PurgeCondition, type PurgeTarget } from '../../data-map/purge-targets.ts';
import { candidateCutoff, isRetentionOver } from '../../domain/retention.ts';
import { type RetentionRule, retentionRule } from '../../domain/retention-rules.ts';
import { heldSubjects } from '../legal-hold-repository.ts';

/**
 * The retention purge (PRV-RET-1, PRV-REC-1): for each purge target of the data map, rows whose retention
 * ended are deleted or anonymised, in batches of one transaction each, walking the table by a keyset
 * (anchor, key) so that held rows and rows not yet due never stop the walk. A row whose person or policy is
 * under a legal hold is skipped. Each batch writes an audit event with its count, and the run one with the
 * counts per table; no event holds personal data (table names, rule ids and counts only). Idempotent: a
 * deleted row is gone and an anonymised one no longer matches, so a second run finds nothing to do.
 */

export type PurgeTableReport = { table: string; rule: string; action: 'delete' | 'anonymise'; purged: number; held: number; batches: number };
export type PurgeReport = { tables: PurgeTableReport[]; aborted: boolean };
export type PurgeOptions = { batchSize?: number; signal?: AbortSignal; targets?: readonly PurgeTarget[] };

const DEFAULT_BATCH_SIZE = 500;

type Row = Record<string, unknown>;

export async function runRetentionPurge(deps: Deps, actor: Actor, options: PurgeOptions = {}): Promise<PurgeReport> {
  requirePermission(actor, 'privacy:manage');
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const tables: PurgeTableReport[] = [];
  let aborted = false;
  for (const target of options.targets ?? PURGE_TARGETS) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    const rule = retentionRule(target.rule);
    const report = await purgeTarget(deps, actor, target, rule, batchSize, options.signal);
    tables.push(report);
  }
  await inTransaction(deps.db, (trx) =>
    recordAuditEvent(
      trx,
      {
        actor,
        action: 'retention.purge_completed',
        subject: { type: 'retention_purge', id: null },
        details: {
          aborted,
          tables: Object.fromEntries(tables.map((table) => [table.table, { rule: table.rule, action: table.action, purged: table.purged, held: table.held }])),
        },
      },
      deps.clock,
    ),
  );
  return { tables, aborted };
}

async function purgeTarget(
  deps: Deps,
  actor: Actor,
  target: PurgeTarget,
  rule: RetentionRule,
  batchSize: number,
  signal?: AbortSignal,
): Promise<PurgeTableReport> {
  const report: PurgeTableReport = { table: target.table, rule: rule.id, action: target.action.kind, purged: 0, held: 0, batches: 0 };
  if (!rule.period) return report;
  const now = deps.clock.now();
  const timeZone = deps.config.insurerTimeZone;
  const bound = candidateCutoff(rule.period, now, timeZone);
  const cutoff = target.anchor.kind === 'date' ? bound.toZonedDateTimeISO(timeZone).toPlainDate().toString() : bound.toString();
  let cursor: Row | null = null;
  for (;;) {
    if (signal?.aborted) break;
    const batch: { last: Row | null; done: boolean } = await inTransaction(deps.db, async (trx) => {
      const rows = await selectCandidates(trx, target, cutoff, cursor, batchSize);
      const last = rows.at(-1) ?? null;
      const due = rows.filter((row) => isRetentionOver(rule, anchorValue(target, row), now, timeZone));
      const held = await heldSubjects(trx, {
        userIds: due.flatMap((row) => target.holds.userColumns.map((column) => row[column]).filter((id): id is string => typeof id === 'string')),
        policyIds: due.flatMap((row) => target.holds.policyColumns.map((column) => row[column]).filter((id): id is string => typeof id === 'string')),
      });
      const isHeld = (row: Row) =>
        target.holds.userColumns.some((column) => held.userIds.has(String(row[column]))) ||
        target.holds.policyColumns.some((column) => held.policyIds.has(String(row[column])));
      const purge = due.filter((row) => !isHeld(row));
      report.held += due.length - purge.length;
      if (purge.length > 0) {
        await applyAction(trx, target, purge);
        report.purged += purge.length;
        report.batches += 1;
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'retention.purged',
            subject: { type: 'table', id: target.table },
            details: { table: target.table, rule: rule.id, action: target.action.kind, count: purge.length },
          },
          deps.clock,
        );
      }
      return { last, done: rows.length < batchSize };
    });
    if (batch.done || !batch.last) break;
    cursor = batch.last;
  }
  return report;
}

function anchorValue(target: PurgeTarget, row: Row): Temporal.Instant | Temporal.PlainDate {
  const value = String(row[target.anchor.column]);
  return target.anchor.kind === 'date' ? Temporal.PlainDate.from(value) : Temporal.Instant.from(value);
}

function conditionSql(condition: PurgeCondition) {
  const values = 'in' in condition ? condition.in : condition.notIn;
  const list = sql.join(values.map((value) => sql`${value}`));
  return 'in' in condition ? sql`${sql.ref(condition.column)} IN (${list})` : sql`${sql.ref(condition.column)} NOT IN (${list})`;
}

async function selectCandidates(trx: Trx, target: PurgeTarget, cutoff: string, cursor: Row | null, limit: number): Promise<Row[]> {
  const order = [target.anchor.column, ...target.key];
  const columns = [...new Set([...order, ...target.holds.userColumns, ...target.holds.policyColumns])];
  const filters = [
    sql`${sql.ref(target.anchor.column)} IS NOT NULL`,
    sql`${sql.ref(target.anchor.column)} <= ${cutoff}`,
    ...(target.where ?? []).map(conditionSql),
  ];
  // Anonymised rows no longer match: the purge is idempotent and the walk does not revisit them.
  if (target.action.kind === 'anonymise')
    filters.push(
      sql`(${sql.join(
        target.action.columns.map((column) => sql`${sql.ref(column)} IS NOT NULL`),
        sql` OR `,
      )})`,
    );
  if (cursor) {
    const after = cursor;
    filters.push(sql`(${sql.join(order.map((column) => sql.ref(column)))}) > (${sql.join(order.map((column) => sql`${after[column]}`))})`);
  }
  const result = await sql<Row>`SELECT ${sql.join(columns.map((column) => sql.ref(column)))} FROM ${sql.table(target.table)}
    WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY ${sql.join(order.map((column) => sql.ref(column)))}
    LIMIT ${limit}`.execute(trx);
  return result.rows;
}

async function applyAction(trx: Trx, target: PurgeTarget, rows: readonly Row[]): Promise<void> {
  const keys = sql.join(rows.map((row) => sql`(${sql.join(target.key.map((column) => sql`${row[column]}`))})`));
  const match = sql`(${sql.join(target.key.map((column) => sql.ref(column)))}) IN (${keys})`;
  switch (target.action.kind) {
    case 'delete':
      await sql`DELETE FROM ${sql.table(target.table)} WHERE ${match}`.execute(trx);
      return;
    case 'anonymise':
      await sql`UPDATE ${sql.table(target.table)} SET ${sql.join(target.action.columns.map((column) => sql`${sql.ref(column)} = NULL`))} WHERE ${match}`.execute(
        trx,
      );
      return;
  }
}
