import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

/**
 * PRV-SEC-1: `bezel keys rotate` and `bezel keys list` as an operator runs them, on their own PGlite
 * data folder (the rotation itself is proven on PGlite and PostgreSQL in field-encryption-db.test.ts).
 */
const root = join(import.meta.dirname, '..', '..');
let dataDir: string;
const K1 = `k1:${Buffer.alloc(32, 5).toString('base64')}`;
const K2 = `k2:${Buffer.alloc(32, 6).toString('base64')}`;

function bezel(args: string[], keys: Record<string, string>) {
  const { DATABASE_URL: _pglite, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, BEZEL_DATA_DIR: dataDir, PASSWORD_HASH_COST: 'low', LOG_LEVEL: 'silent', ...keys };
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env, encoding: 'utf8' });
}

before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bezel-keys-cli-'));
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('bezel keys', () => {
  test('PRV-SEC-1: keys rotate makes a data key under the active master key and destroys the old ones; keys list shows no key material', () => {
    const first = bezel(['keys', 'rotate'], { BEZEL_MASTER_KEYS: K1 });
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /^Rotated: data key [0-9a-f-]{36} under master key k1; re-encrypted call_recording\.recording 0, .*; destroyed \d+ old data key\(s\)\.$/m,
    );
    const second = bezel(['keys', 'rotate', '--batch-size', '50'], { BEZEL_MASTER_KEYS: `${K1},${K2}`, BEZEL_ACTIVE_MASTER_KEY: 'k2' });
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /under master key k2; .*destroyed 1 old data key\(s\)\./);
    const list = bezel(['keys', 'list'], { BEZEL_MASTER_KEYS: K2 });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /active\s+master key k2/);
    assert.match(list.stdout, /destroyed\s+master key k1/);
    assert.ok(!list.stdout.includes(Buffer.alloc(32, 6).toString('base64')));
    assert.equal(bezel(['keys', 'rotate', '--batch-size', '0'], { BEZEL_MASTER_KEYS: K2 }).status, 2);
    const wrong = bezel(['keys', 'list'], { BEZEL_MASTER_KEYS: 'k1:short' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /BEZEL_MASTER_KEYS entry 1 \(k1\): expected a base64 key of exactly 32 random bytes/);
  });
});
