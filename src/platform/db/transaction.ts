import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { DatabaseSchema } from './schema.ts';

export type Trx = Transaction<DatabaseSchema>;

/**
 * One use case, one transaction. When the caller already holds a transaction (an idempotent
 * route wraps the use case so that the stored response commits with the change), the use case
 * joins it instead of opening a second one.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}
