/**
 * A Bezel on a throw-away PostgreSQL database, for benches that seed their own data set-based in SQL
 * (bench/renewal.ts, bench/privacy.ts): the database is created on the admin connection's server, migrated
 * by createBezel (no worker, silent logs), seeded with the demo product, handed to `work`, then dropped with
 * its temporary data folder whatever happens.
 */
import '../src/modules/products/index.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Bezel, createBezel } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoProduct } from '../src/modules/products/index.ts';
import { createLogger } from '../src/platform/logging.ts';

export async function withThrowawayBezel<T>(adminUrl: string, name: string, work: (bezel: Bezel, postgres: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  const database = `bezel_${name}_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const dataDir = mkdtempSync(join(tmpdir(), `bezel-${name}-bench-`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url.toString(), BEZEL_DATA_DIR: dataDir, LOG_LEVEL: 'silent', BEZEL_WORKER: 'false' });
    const bezel = await createBezel(config, { logger: createLogger('silent') });
    try {
      await seedDemoProduct(bezel.deps);
      return await work(bezel, `PostgreSQL ${version} (${url.host})`);
    } finally {
      await bezel.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
