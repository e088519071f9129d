import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/database.ts';

/**
 * What a use case may use. Built once in main.ts (or in a test) and passed down; nothing reaches
 * for globals. `db` is the Kysely handle; inside an idempotent route it is the open transaction.
 */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Keys CSRF tokens and other HMACs; from APP_SECRET, or generated once per database in development. */
  appSecret: string;
};
