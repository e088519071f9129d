import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../config.ts';
import { FixedClock } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

/**
 * Minimal Deps for the job and mail tests: a fresh test database (PGlite, or PostgreSQL when
 * DATABASE_URL is set), a fixed clock, a temporary data folder, and a logger that is silent
 * unless the test hands a stream to capture what would be logged.
 */
export type JobTestContext = { deps: Deps; database: TestDatabase; clock: FixedClock; dataDir: string; close(): Promise<void> };

export async function createJobTestContext(options: { smtpUrl?: string; logStream?: Writable; start?: string } = {}): Promise<JobTestContext> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bezel-jobs-'));
  const config = loadConfig({ NODE_ENV: 'test', BEZEL_DATA_DIR: dataDir, SMTP_URL: options.smtpUrl, PUBLIC_URL: 'https://insure.example.com' });
  const database = await createTestDatabase();
  const clock = new FixedClock(options.start ?? '2026-03-02T09:00:00Z');
  const logger = options.logStream ? pino({ level: 'trace' }, options.logStream) : pino({ level: 'silent' });
  const deps: Deps = { config, database, db: database.db, clock, logger, appSecret: 'a'.repeat(32) };
  return {
    deps,
    database,
    clock,
    dataDir,
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
