import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../config.ts';
import {
  blindIndex,
  blindIndexKeyOf,
  decryptWithDataKey,
  encryptWithDataKey,
  FieldDecryptionError,
  newDataKeyMaterial,
  unwrapDataKey,
  wrapDataKey,
} from './field-encryption.ts';
import { DERIVED_MASTER_KEY_ID, keyringOf, parseMasterKeys } from './field-encryption-keys.ts';

const dataKey = { id: '0b5a6a3e-58f5-4c53-9a43-2f1f3f1f0001', key: newDataKeyMaterial() };
const master = { id: 'm1', key: randomBytes(32) };
const CONTEXT = 'insured_birth_date.date_of_birth';

function flip(value: string, part: number): string {
  const parts = value.split(':');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

function refusedWith(reason: FieldDecryptionError['reason']) {
  return (error: unknown) => error instanceof FieldDecryptionError && error.reason === reason;
}

describe('PRV-SEC-1: field encryption (pure)', () => {
  test('PRV-SEC-1: round trip of any value; the ciphertext names its data key and never contains the value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (plaintext) => {
        const value = encryptWithDataKey(dataKey, CONTEXT, plaintext);
        assert.match(value, /^v1:0b5a6a3e-58f5-4c53-9a43-2f1f3f1f0001:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]*:[A-Za-z0-9_-]{22}$/);
        assert.equal(decryptWithDataKey(dataKey, CONTEXT, value).toString('utf8'), plaintext);
        if (plaintext.length >= 8) assert.ok(!value.includes(plaintext));
      }),
    );
    // A fresh IV per value: the same date of birth twice gives two different ciphertexts (no equality leak).
    assert.notEqual(encryptWithDataKey(dataKey, CONTEXT, '1990-04-30'), encryptWithDataKey(dataKey, CONTEXT, '1990-04-30'));
  });

  test('PRV-SEC-1: tampering with the iv, ciphertext or tag, or moving a value to another column, is detected', () => {
    const value = encryptWithDataKey(dataKey, CONTEXT, '1990-04-30');
    for (const part of [2, 3, 4]) assert.throws(() => decryptWithDataKey(dataKey, CONTEXT, flip(value, part)), refusedWith('tampered'));
    assert.throws(() => decryptWithDataKey(dataKey, 'call_recording.caller_phone', value), refusedWith('tampered'));
    assert.throws(() => decryptWithDataKey(dataKey, CONTEXT, value.replace(/^v1:/, 'v2:')), refusedWith('malformed'));
    assert.throws(() => decryptWithDataKey(dataKey, CONTEXT, '1990-04-30'), refusedWith('malformed'));
    assert.throws(() => decryptWithDataKey(dataKey, CONTEXT, `${value}:extra`), refusedWith('malformed'));
  });

  test('PRV-SEC-1: a wrong data key or a wrong master key is refused', () => {
    const value = encryptWithDataKey(dataKey, CONTEXT, '1990-04-30');
    // Another key under the same id (a forged key row) fails authentication; another id is refused outright.
    assert.throws(() => decryptWithDataKey({ id: dataKey.id, key: newDataKeyMaterial() }, CONTEXT, value), refusedWith('tampered'));
    assert.throws(() => decryptWithDataKey({ id: '0b5a6a3e-58f5-4c53-9a43-2f1f3f1f0002', key: dataKey.key }, CONTEXT, value), refusedWith('wrong_key'));
    const wrapped = wrapDataKey(master, dataKey);
    assert.ok(!wrapped.includes(dataKey.key.toString('base64url')) && !wrapped.includes(dataKey.key.toString('hex')), 'the wrapped key is not the key');
    assert.deepEqual(unwrapDataKey(master, dataKey.id, wrapped).key, dataKey.key);
    assert.throws(() => unwrapDataKey({ id: 'm1', key: randomBytes(32) }, dataKey.id, wrapped), refusedWith('tampered'));
    assert.throws(() => unwrapDataKey({ id: 'm2', key: master.key }, dataKey.id, wrapped), refusedWith('wrong_key'));
    // The wrapped key is bound to its data key id: a wrapped key copied onto another row does not unwrap.
    assert.throws(() => unwrapDataKey(master, '0b5a6a3e-58f5-4c53-9a43-2f1f3f1f0002', wrapped), refusedWith('tampered'));
  });

  test('PRV-SEC-1: the blind index matches equal values, differs per column and per key, and is not the value', () => {
    const indexKey = blindIndexKeyOf(master.key);
    assert.notDeepEqual(indexKey, master.key);
    const a = blindIndex(indexKey, 'call_recording.caller_phone', '31612345678');
    assert.equal(a, blindIndex(indexKey, 'call_recording.caller_phone', '31612345678'));
    assert.notEqual(a, blindIndex(indexKey, 'call_recording.caller_phone', '31612345679'));
    assert.notEqual(a, blindIndex(indexKey, 'other.column', '31612345678'));
    assert.notEqual(a, blindIndex(blindIndexKeyOf(randomBytes(32)), 'call_recording.caller_phone', '31612345678'));
    assert.ok(!a.includes('31612345678'));
  });
});

describe('PRV-SEC-1: master keys come from configuration', () => {
  const key1 = Buffer.alloc(32, 1).toString('base64');
  const key2 = Buffer.alloc(32, 2).toString('base64url');

  test('PRV-SEC-1: BEZEL_MASTER_KEYS and BEZEL_ACTIVE_MASTER_KEY are read and validated, one line per wrong value, never echoing a key', () => {
    const config = loadConfig({ BEZEL_MASTER_KEYS: `old:${key1},new:${key2}`, BEZEL_ACTIVE_MASTER_KEY: 'new' });
    assert.deepEqual(
      config.masterKeys.map((key) => key.id),
      ['old', 'new'],
    );
    assert.equal(config.activeMasterKeyId, 'new');
    assert.equal(JSON.stringify(config).includes(key1), false, 'keys are redacted in JSON');
    const single = loadConfig({ BEZEL_MASTER_KEYS: `only:${key1}` });
    assert.equal(single.activeMasterKeyId, 'only');
    try {
      loadConfig({ BEZEL_MASTER_KEYS: `ok:${key1},short:c2hvcnQ=,bad id:${key1},ok:${key1},nocolon`, BEZEL_ACTIVE_MASTER_KEY: 'nope' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        'BEZEL_MASTER_KEYS entry 2 (short): expected a base64 key of exactly 32 random bytes, e.g. from `openssl rand -base64 32`',
        'BEZEL_MASTER_KEYS entry 3: expected id:base64key with an id of 1-32 letters, digits, - or _',
        'BEZEL_MASTER_KEYS entry 4 (ok): the id is listed twice',
        'BEZEL_MASTER_KEYS entry 5: expected id:base64key with an id of 1-32 letters, digits, - or _',
      ]);
      assert.ok(!error.message.includes(key1), 'the key material is never printed');
    }
    assert.throws(
      () => loadConfig({ BEZEL_MASTER_KEYS: `a:${key1},b:${key2}` }),
      /BEZEL_ACTIVE_MASTER_KEY=\(not set\): required when BEZEL_MASTER_KEYS lists more than one key; one of a, b/,
    );
    assert.throws(() => loadConfig({ BEZEL_MASTER_KEYS: `a:${key1}`, BEZEL_ACTIVE_MASTER_KEY: 'b' }), /BEZEL_ACTIVE_MASTER_KEY="b": expected one of the ids/);
    assert.throws(() => loadConfig({ BEZEL_ACTIVE_MASTER_KEY: 'b' }), /BEZEL_ACTIVE_MASTER_KEY="b": set BEZEL_MASTER_KEYS too/);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://insure.example' }),
      /BEZEL_MASTER_KEYS=\(not set\): required in production/,
    );
    assert.equal(parseMasterKeys(`k:${key1}`).problems.length, 0);
  });

  test('PRV-SEC-1: without configured keys, development and tests derive one from the app secret, with a loud warning', () => {
    const warnings: string[] = [];
    const logger = { warn: (_object: object, message: string) => void warnings.push(message) };
    const config = loadConfig({ NODE_ENV: 'test' });
    const keyring = keyringOf({ config, appSecret: 's'.repeat(40), logger });
    assert.equal(keyring.derived, true);
    assert.equal(keyring.active.id, DERIVED_MASTER_KEY_ID);
    assert.match(warnings.join('\n'), /DERIVED FROM THE APP SECRET: development\/test only; set BEZEL_MASTER_KEYS/);
    // Another app secret, another key: the derived key depends on the secret only.
    assert.notDeepEqual(keyringOf({ config, appSecret: 't'.repeat(40), logger }).active.key, keyring.active.key);
    const configured = loadConfig({ NODE_ENV: 'test', BEZEL_MASTER_KEYS: `k1:${key1}` });
    const fromConfig = keyringOf({ config: configured, appSecret: 's'.repeat(40), logger });
    assert.equal(fromConfig.derived, false);
    assert.deepEqual(fromConfig.active.key, Buffer.alloc(32, 1));
    assert.equal(warnings.length, 2, 'configured keys log no warning');
  });
});
