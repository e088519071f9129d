import { randomToken } from './crypto.ts';
import type { Db } from './db/database.ts';

/**
 * The key for CSRF tokens and other HMACs. Production must set APP_SECRET (config.ts refuses to
 * start without it). For development and demos, one is generated once and kept in the database,
 * so every instance on the same database agrees and restarts do not log everyone out.
 */
export async function resolveAppSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('instance_setting')
    .values({ name: 'app_secret', value: randomToken(48) })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('instance_setting').select('value').where('name', '=', 'app_secret').executeTakeFirstOrThrow();
  return row.value;
}
