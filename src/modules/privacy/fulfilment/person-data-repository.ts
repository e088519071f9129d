import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { TableDeclaration } from '../domain/data-map-types.ts';
import type { ColumnType, Replacement } from './domain/erasure-plan.ts';
import { LINKS, type Reached, type ReachedRow } from './domain/reach.ts';

/**
 * SQL of fulfilment (PRV-RIGHT-1, PRV-RIGHT-3): find every row of a person through the data map's subject
 * columns and the links of domain/reach.ts, and change single rows by their ctid within one transaction.
 * Table and column names come only from the data map and LINKS (code), never from input.
 */

type Executor = Db | Trx;

export async function columnTypes(db: Executor, tables: readonly string[]): Promise<Map<string, Record<string, ColumnType>>> {
  if (tables.length === 0) return new Map();
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_generated: string;
  }>`
    SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name IN (${sql.join(tables)})`.execute(db);
  const result = new Map<string, Record<string, ColumnType>>();
  for (const row of rows) {
    const table = result.get(row.table_name) ?? {};
    // A generated column (audit_event.mentions) can only be set to DEFAULT: it then follows the emptied columns.
    const generated = row.is_generated === 'ALWAYS';
    table[row.column_name] = {
      dataType: row.data_type,
      nullable: !generated && row.is_nullable === 'YES',
      hasDefault: generated || row.column_default !== null,
    };
    result.set(row.table_name, table);
  }
  return result;
}

async function selectRows(db: Executor, table: string, column: string, values: readonly unknown[], lock: boolean): Promise<ReachedRow[]> {
  if (values.length === 0) return [];
  const rows: ReachedRow[] = [];
  // Bounded IN lists: a person with many rows is read in pieces.
  for (let start = 0; start < values.length; start += 500) {
    const piece = values.slice(start, start + 500);
    const { rows: found } = await sql<Record<string, unknown> & { __row: string }>`
      SELECT ctid::text AS __row, * FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(piece.map(String))})
      ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
    for (const { __row, ...values } of found) rows.push({ rowRef: __row, values });
  }
  return rows;
}

/**
 * Every row about the person: the rows whose subject column holds their id, then, until nothing new is found,
 * the rows linked to those (LINKS). `lock` takes row locks for erasure.
 */
export async function reachPerson(db: Executor, map: readonly TableDeclaration[], userId: string, lock = false): Promise<Reached> {
  const declared = new Set(map.map((declaration) => declaration.table));
  const reached: Reached = new Map();
  const add = (table: string, rows: readonly ReachedRow[]): boolean => {
    const list = reached.get(table) ?? [];
    const known = new Set(list.map((row) => row.rowRef));
    const fresh = rows.filter((row) => !known.has(row.rowRef));
    if (fresh.length > 0) reached.set(table, [...list, ...fresh]);
    else if (!reached.has(table) && rows.length > 0) reached.set(table, list);
    return fresh.length > 0;
  };
  for (const declaration of map) {
    if (declaration.subjectColumn === null) continue;
    add(declaration.table, await selectRows(db, declaration.table, declaration.subjectColumn, [userId], lock));
  }
  const done = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const link of LINKS) {
      if (!declared.has(link.table)) continue;
      const values = [...new Set((reached.get(link.parent) ?? []).map((row) => row.values[link.parentColumn]).filter((v) => v !== null && v !== undefined))];
      const wanted = values.filter((value) => !done.has(`${link.table}.${link.column}=${String(value)}`));
      if (wanted.length === 0) continue;
      for (const value of wanted) done.add(`${link.table}.${link.column}=${String(value)}`);
      if (add(link.table, await selectRows(db, link.table, link.column, wanted, lock))) changed = true;
    }
  }
  return reached;
}

function replacementSql(replacement: Replacement): RawBuilder<unknown> {
  switch (replacement.to) {
    case 'null':
      return sql`NULL`;
    case 'default':
      return sql`DEFAULT`;
    case 'value':
      return Array.isArray(replacement.value) && replacement.value.length === 0
        ? sql`'{}'`
        : typeof replacement.value === 'string'
          ? sql`${replacement.value}`
          : sql`${JSON.stringify(replacement.value)}::jsonb`;
  }
}

async function inSavepoint(trx: Trx, work: () => Promise<unknown>): Promise<boolean> {
  await sql`SAVEPOINT erase_row`.execute(trx);
  try {
    await work();
    await sql`RELEASE SAVEPOINT erase_row`.execute(trx);
    return true;
  } catch {
    await sql`ROLLBACK TO SAVEPOINT erase_row`.execute(trx);
    return false;
  }
}

/**
 * Empties the erased columns of one row. When a database rule (a CHECK, a unique key) refuses the whole change,
 * each column is tried alone; the columns no rule lets go are returned, to be reported as kept.
 */
export async function updateRow(trx: Trx, table: string, rowRef: string, set: Readonly<Record<string, Replacement>>): Promise<string[]> {
  const assign = (entries: [string, Replacement][]) =>
    sql`UPDATE ${sql.table(table)} SET ${sql.join(entries.map(([column, replacement]) => sql`${sql.ref(column)} = ${replacementSql(replacement)}`))} WHERE ctid = ${rowRef}::tid RETURNING ctid::text AS row`;
  let ref = rowRef;
  const all = Object.entries(set);
  if (await inSavepoint(trx, () => assign(all).execute(trx))) return [];
  const refused: string[] = [];
  for (const entry of all) {
    const ok = await inSavepoint(trx, async () => {
      const { rows } = await sql<{
        row: string;
      }>`UPDATE ${sql.table(table)} SET ${sql.ref(entry[0])} = ${replacementSql(entry[1])} WHERE ctid = ${ref}::tid RETURNING ctid::text AS row`.execute(trx);
      // An update moves the row: the next column is set at its new address.
      if (rows[0]) ref = rows[0].row;
    });
    if (!ok) refused.push(entry[0]);
  }
  return refused;
}

/**
 * Deletes one row; when something else still points at it (a foreign key), the savepoint undoes only that
 * delete and the caller empties the row's personal columns instead. Returns whether the row is gone.
 */
export async function tryDeleteRow(trx: Trx, table: string, rowRef: string): Promise<boolean> {
  return inSavepoint(trx, () => sql`DELETE FROM ${sql.table(table)} WHERE ctid = ${rowRef}::tid`.execute(trx));
}

/** Active legal holds on the person or on their policies. */
export async function legalHoldsOn(db: Executor, subjectIds: readonly string[]): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const { rows } = await sql<{ subject_id: string; reason: string }>`
    SELECT subject_id::text AS subject_id, reason FROM legal_hold WHERE released_at IS NULL AND subject_id IN (${sql.join([...subjectIds])})`.execute(db);
  return new Map(rows.map((row) => [row.subject_id, row.reason]));
}

/**
 * "No log shows the person's identity" (PRV-RIGHT-3): mail jobs addressed to them keep their kind and
 * status but lose the address and the parameters (names, links). Found through job_mail_recipient (0022).
 */
export async function scrubMailJobs(trx: Trx, email: string): Promise<number> {
  const result = await sql`
    UPDATE job SET payload = jsonb_build_object('to', 'erased@erased.invalid', 'erased', true)
    WHERE kind = 'mail.send' AND payload ->> 'to' = ${email} AND status <> 'running'`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** What names the person in someone else's event: whole values (an address, a name) and values whose words count too. */
export type Mentions = { whole: readonly string[]; words: readonly string[] };

/**
 * Events about someone else can still name the person in their personal part, e.g. a staff search for their
 * name or email (PRV-DISC-2). Those personal parts go too; the hashed part never holds personal data.
 * The events are found through audit_event.mentions, the hashes of the normalised values and words of their
 * personal part (migration 0022, decision 0015): the cost follows the events that name the person, not the log.
 */
export async function scrubAuditMentions(trx: Trx, mentions: Mentions): Promise<number> {
  const { rows } = await sql<{ keys: string[] | null }>`
    SELECT audit_mention_keys(${sql.val([...mentions.whole])}::text[], ${sql.val([...mentions.words])}::text[]) AS keys`.execute(trx);
  const keys = rows[0]?.keys ?? [];
  if (keys.length === 0) return 0;
  const result = await sql`UPDATE audit_event SET personal_details = NULL WHERE mentions && ${sql.val(keys)}::text[]`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
