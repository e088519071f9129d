import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { Bezel } from '../src/bootstrap.ts';

/**
 * The server under test of the HTTP benches (quote-to-issue, claims): Bezel in production mode on DATABASE_URL,
 * started in a child process that counts every statement sent to PostgreSQL and, on request, records them. The parent
 * talks to it by lines on stdin ('queries', 'record', 'recorded', and the bench's own commands) and JSON lines on
 * stdout (say).
 */
export type Recorded = { text: string; values: unknown[] };

export function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export async function startRecordingBezel(name: string, commands: Record<string, (bezel: Bezel) => void> = {}): Promise<Bezel> {
  let statements = 0;
  let recording: Recorded[] | null = null;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function counted(this: unknown, ...args: unknown[]) {
    statements += 1;
    if (recording) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      recording.push(typeof first === 'string' ? { text: first, values: second ?? [] } : { text: first.text, values: first.values ?? [] });
    }
    return original.apply(this, args);
  };
  // Loaded first, as in bench/renewal.ts (products ↔ policies module initialisation order).
  await import('../src/modules/products/index.ts');
  const { createBezel } = await import('../src/bootstrap.ts');
  const { loadConfig } = await import('../src/config.ts');
  const config = loadConfig({
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(32).toString('base64url'),
    // PRV-SEC-1: production needs configured field-encryption master keys.
    BEZEL_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PUBLIC_URL: 'https://bezel-bench.invalid',
    LOG_LEVEL: 'silent',
    BEZEL_WORKER: 'false',
    BEZEL_SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
  });
  const bezel = await createBezel(config);
  const stop = async (code: number) => {
    await bezel.close();
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      const command = line.trim();
      if (command === 'queries') say({ type: 'queries', count: statements });
      else if (command === 'record') recording = [];
      else if (command === 'recorded') {
        const file = join(tmpdir(), `bezel-${name}-${process.pid}-${randomBytes(3).toString('hex')}.json`);
        writeFileSync(file, JSON.stringify(recording ?? []));
        recording = null;
        say({ type: 'recorded', file });
      } else commands[command]?.(bezel);
    })
    .on('close', () => void stop(0));
  return bezel;
}
