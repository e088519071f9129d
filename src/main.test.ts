import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

/**
 * `npm start` as a person runs it: a fresh data folder, demo users printed with the address,
 * then SIGTERM stops it cleanly (issue #2, points 9 and 10).
 */
test('start on a fresh data folder prints the address and demo logins, serves, and stops cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bezel-main-'));
  const { DATABASE_URL: _pglite, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, BEZEL_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development', PASSWORD_HASH_COST: 'low' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!/Open (http:\/\/127\.0\.0\.1:\d+)\/login/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const address = /Open (http:\/\/127\.0\.0\.1:\d+)\/login/.exec(output)?.[1];
    assert.ok(address, output);
    assert.match(output, /admin\s+admin@demo\.bezel\.test/);
    assert.match(output, /customer\s+customer@demo\.bezel\.test/);
    assert.match(output, /password for all: Bezel-demo-2026!/);
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.bezel.test', password: 'Bezel-demo-2026!' }),
    });
    assert.equal(login.status, 200);
    assert.equal((await fetch(`${address}/readyz`)).status, 200);
    assert.ok(existsSync(join(dataDir, 'bezel.lock')));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.ok(!existsSync(join(dataDir, 'bezel.lock')), 'the data folder is released');
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
