import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration (issue #2, point 9)', () => {
  test('defaults give a working development setup on embedded PGlite', () => {
    const config = loadConfig({});
    assert.equal(config.environment, 'development');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, './data');
    assert.equal(config.port, 3000);
    assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(config.seedDemo, true);
    assert.equal(config.secureCookies, false);
  });

  test('every wrong value is named with what was given and what is expected', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BEZEL_TIME_ZONE: 'Mars/Olympus', BEZEL_WEB: 'maybe', LOG_LEVEL: 'loud' });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      assert.match(text, /PORT="eighty": expected a port number/);
      assert.match(text, /DATABASE_URL="mysql:\/\/x": expected a postgres:\/\//);
      assert.match(text, /BEZEL_TIME_ZONE="Mars\/Olympus": expected an IANA time zone/);
      assert.match(text, /BEZEL_WEB="maybe": expected true or false/);
      assert.match(text, /LOG_LEVEL="loud": expected fatal, error/);
    }
  });

  test('production insists on a secret and a public https address, and turns on secure cookies', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /APP_SECRET=\(not set\): required in production[\s\S]*PUBLIC_URL=\(not set\)/);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'short', PUBLIC_URL: 'https://x.example' }),
      /APP_SECRET="short": expected at least 32 characters/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      APP_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://insure.example/',
      BEZEL_MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    assert.equal(config.secureCookies, true);
    assert.equal(config.publicUrl, 'https://insure.example');
    assert.equal(config.seedDemo, false);
  });

  test('an instance that would do nothing is refused; empty values count as unset', () => {
    assert.throws(() => loadConfig({ BEZEL_WEB: 'false', BEZEL_WORKER: 'false' }), /would do nothing/);
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
  });
});
