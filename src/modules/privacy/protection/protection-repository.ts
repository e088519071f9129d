import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { CallRecordingTable, GuardianConsentTable, InboundMessageTable, InsuredBirthDateTable } from '../../../platform/db/schema.ts';
import type { EncryptedColumn } from './domain/encrypted-columns.ts';

/** SQL of privacy protection (PRV-SEC-1, PRV-REC-1, PRV-CHILD-1). Encrypted columns arrive here already encrypted. */

export type CallRecordingRow = Omit<CallRecordingTable, 'recording'>;

export async function insertCallRecording(db: Db, row: CallRecordingTable): Promise<void> {
  await db.insertInto('call_recording').values(row).execute();
}

const RECORDING_META = [
  'id',
  'caller_user_id',
  'caller_phone',
  'caller_phone_index',
  'staff_user_id',
  'purpose',
  'recorded_at',
  'duration_seconds',
  'media_type',
  'registered_by',
  'created_at',
] as const;

export async function findCallRecordings(db: Db, filter: { phoneIndexes?: readonly string[]; callerUserId?: string }): Promise<CallRecordingRow[]> {
  let query = db.selectFrom('call_recording').select(RECORDING_META);
  if (filter.phoneIndexes) query = query.where('caller_phone_index', 'in', filter.phoneIndexes.length > 0 ? filter.phoneIndexes : ['-']);
  if (filter.callerUserId) query = query.where('caller_user_id', '=', filter.callerUserId);
  return query.orderBy('recorded_at', 'desc').orderBy('id').limit(200).execute();
}

export async function findCallRecording(db: Db, id: string): Promise<CallRecordingTable | undefined> {
  return db.selectFrom('call_recording').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function userExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertBirthDates(db: Db, rows: readonly InsuredBirthDateTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('insured_birth_date')
      .values([...rows])
      .execute();
}

export async function insertGuardianConsents(db: Db, rows: readonly GuardianConsentTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('guardian_consent')
      .values([...rows])
      .execute();
}

export async function findBirthDates(db: Db, applicationId: string): Promise<InsuredBirthDateTable[]> {
  return db.selectFrom('insured_birth_date').selectAll().where('application_id', '=', applicationId).orderBy('insured_no').execute();
}

export async function findGuardianConsents(db: Db, applicationId: string): Promise<GuardianConsentTable[]> {
  return db.selectFrom('guardian_consent').selectAll().where('application_id', '=', applicationId).orderBy('insured_no').execute();
}

export async function insertInboundMessage(db: Db, row: InboundMessageTable): Promise<void> {
  await db.insertInto('inbound_message').values(row).execute();
}

export async function deleteInboundMessage(db: Db, id: string): Promise<Pick<InboundMessageTable, 'id' | 'channel' | 'received_at'> | undefined> {
  return db.deleteFrom('inbound_message').where('id', '=', id).returning(['id', 'channel', 'received_at']).executeTakeFirst();
}

export async function findInboundMessage(db: Db, id: string): Promise<InboundMessageTable | undefined> {
  return db.selectFrom('inbound_message').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Key rotation: the next rows of an encrypted column whose value is not under the given data key, locked
 * so that two rotations at once share the work instead of doing it twice. Table and column names come
 * from ENCRYPTED_COLUMNS, never from input.
 */
export async function rowsNotUnderKey(db: Db, column: EncryptedColumn, dataKeyId: string, limit: number): Promise<{ id: string; value: string }[]> {
  const result = await sql<{ id: string; value: string }>`
    SELECT id, ${sql.ref(column.column)} AS value FROM ${sql.table(column.table)}
    WHERE ${sql.ref(column.column)} NOT LIKE ${`v1:${dataKeyId}:%`}
    ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(db);
  return result.rows;
}

export async function countNotUnderKey(db: Db, column: EncryptedColumn, dataKeyId: string): Promise<number> {
  const result = await sql<{ count: string }>`
    SELECT count(*) AS count FROM ${sql.table(column.table)} WHERE ${sql.ref(column.column)} NOT LIKE ${`v1:${dataKeyId}:%`}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

export async function updateEncryptedValue(db: Db, column: EncryptedColumn, id: string, value: string, index: string | null): Promise<void> {
  if (column.blindIndex && index !== null) {
    await sql`UPDATE ${sql.table(column.table)} SET ${sql.ref(column.column)} = ${value}, ${sql.ref(column.blindIndex.column)} = ${index} WHERE id = ${id}`.execute(
      db,
    );
    return;
  }
  await sql`UPDATE ${sql.table(column.table)} SET ${sql.ref(column.column)} = ${value} WHERE id = ${id}`.execute(db);
}
