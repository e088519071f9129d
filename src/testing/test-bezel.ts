import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Bezel, createBezel } from '../bootstrap.ts';
import { type Config, loadConfig } from '../config.ts';
import { FixedClock } from '../platform/clock.ts';
import { createLogger } from '../platform/logging.ts';
import { type MailFile, readMailFolder } from '../platform/mail/index.ts';
import { createTestDatabase } from '../platform/testing/test-database.ts';

/**
 * A whole Bezel for one test file: a fresh database (PGlite, or PostgreSQL when DATABASE_URL is
 * set), a clock that stands still, cheap password hashing, mail written to a temporary folder,
 * and a worker that runs only when the test says so.
 */
export type TestBezel = Bezel & {
  app: FastifyInstance;
  clock: FixedClock;
  config: Config;
  mailDir: string;
  runJobs(): Promise<number>;
  mails(): Promise<MailFile[]>;
};

export async function createTestBezel(overrides: Record<string, string> = {}): Promise<TestBezel> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bezel-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BEZEL_DATA_DIR: dataDir,
    PASSWORD_HASH_COST: 'low',
    LOG_LEVEL: 'silent',
    BEZEL_WORKER: 'false',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...overrides,
  });
  const clock = new FixedClock('2026-11-21T12:00:00Z');
  const database = await createTestDatabase();
  const bezel = await createBezel(config, { clock, database, logger: createLogger('silent'), startWorker: true });
  if (!bezel.app || !bezel.worker) throw new Error('test Bezel needs web and worker');
  const worker = bezel.worker;
  const mailDir = join(dataDir, 'mail');
  return {
    ...bezel,
    app: bezel.app,
    clock,
    config,
    mailDir,
    runJobs: () => worker.runOnce(),
    mails: () => readMailFolder(mailDir),
    async close() {
      await bezel.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
