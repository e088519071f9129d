import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../../config.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { FieldDecryptionError } from '../../../platform/crypto/field-encryption.ts';
import { fieldCipher, listDataKeys, loadDataKey } from '../../../platform/crypto/field-encryption-store.ts';
import type { Deps } from '../../../platform/deps.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { personalColumns } from '../data-map/index.ts';
import { CALL_RECORDING_AUDIO, CALL_RECORDING_PHONE, ENCRYPTED_COLUMNS, INSURED_DATE_OF_BIRTH } from './domain/encrypted-columns.ts';
import { AUDIO, MASTER_KEY_1, MASTER_KEY_2, recordingBody, useProtectionTest } from './protection-test-support.ts';
import { revealSensitiveValue } from './use-cases/reveal-sensitive-value.ts';
import { rotateDataKeys } from './use-cases/rotate-data-keys.ts';

/**
 * PRV-SEC-1 on a real database: values are stored encrypted under data keys wrapped by a master key from
 * configuration; the rows read back hold no plaintext and no unwrapped key; rotation re-encrypts all.
 */
const t = useProtectionTest({ BEZEL_MASTER_KEYS: `k1:${MASTER_KEY_1}` });
const PHONE_DIGITS = '612345678';

function depsWithKeys(keys: string, active: string): Deps {
  return { ...t.bezel.deps, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BEZEL_MASTER_KEYS: keys, BEZEL_ACTIVE_MASTER_KEY: active }) };
}

async function encryptedValues(): Promise<{ column: string; id: string; value: string }[]> {
  const db = t.bezel.deps.db;
  const recordings = await db.selectFrom('call_recording').select(['id', 'recording', 'caller_phone']).execute();
  const births = await db.selectFrom('insured_birth_date').select(['id', 'date_of_birth']).execute();
  return [
    ...recordings.flatMap((row) => [
      { column: CALL_RECORDING_AUDIO, id: row.id, value: row.recording },
      { column: CALL_RECORDING_PHONE, id: row.id, value: row.caller_phone },
    ]),
    ...births.map((row) => ({ column: INSURED_DATE_OF_BIRTH, id: row.id, value: row.date_of_birth })),
  ];
}

async function applyWithBirthDate(dateOfBirth: string) {
  const reply = await t.call('customer', 'POST', '/api/v1/applications', {
    namedInsureds: ['Carla Customer'],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: [{ description: 'Gold ring with sapphire', category: 'ring', coverageAmount: '3000.00', appraisalDate: '2026-10-01' }],
    birthDates: [{ namedInsured: 'Carla Customer', dateOfBirth }],
  });
  assert.equal(reply.statusCode, 201, reply.body);
}

describe('PRV-SEC-1: envelope encryption in the database', () => {
  test('PRV-SEC-1: the database holds neither a plaintext sensitive value nor an unwrapped key (rows read back)', async () => {
    const registered = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody());
    assert.equal(registered.statusCode, 201, registered.body);
    await applyWithBirthDate('1979-07-14');
    const values = await encryptedValues();
    assert.equal(values.length, 3);
    for (const { value } of values) assert.match(value, /^v1:[0-9a-f-]{36}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    const keys = await t.bezel.deps.db.selectFrom('data_key').selectAll().execute();
    assert.equal(keys.length, 1);
    assert.match(keys[0]?.wrapped_key ?? '', /^w1:k1:/, 'the data key is wrapped by the configured master key k1');
    const dataKey = await loadDataKey(t.bezel.deps.db, fieldCipher(t.bezel.deps).keyring, keys[0]?.id ?? '');
    const dump = await t.dumpDatabase();
    const forbidden = [
      ['the audio marker', 'BEZEL-SECRET-AUDIO-MARKER'],
      ['the audio as base64', AUDIO.toString('base64').slice(0, 40)],
      ['the phone number', PHONE_DIGITS],
      ['the phone number as typed', '1234 5678'],
      ['the date of birth', '1979-07-14'],
      ['the data key (base64)', dataKey.key.toString('base64')],
      ['the data key (base64url)', dataKey.key.toString('base64url')],
      ['the data key (hex)', dataKey.key.toString('hex')],
      ['the master key', MASTER_KEY_1],
      ['the master key (hex)', Buffer.from(MASTER_KEY_1, 'base64').toString('hex')],
    ] as const;
    for (const [what, text] of forbidden) assert.equal(dump.includes(text), false, `the database holds ${what}`);
    // And yet everything reads back through the cipher.
    const cipher = fieldCipher(t.bezel.deps);
    const audio = values.find((value) => value.column === CALL_RECORDING_AUDIO);
    assert.deepEqual(await cipher.decrypt(t.bezel.deps.db, CALL_RECORDING_AUDIO, audio?.value ?? ''), AUDIO);
    const birth = values.find((value) => value.column === INSURED_DATE_OF_BIRTH);
    assert.equal(await cipher.decryptText(t.bezel.deps.db, INSURED_DATE_OF_BIRTH, birth?.value ?? ''), '1979-07-14');
    // What the access package (PRV-RIGHT-1) shows the person: the plaintext, by table and column.
    assert.equal(await revealSensitiveValue(t.bezel.deps, t.bezel.deps.db, 'insured_birth_date', 'date_of_birth', birth?.value ?? ''), '1979-07-14');
    assert.equal(await revealSensitiveValue(t.bezel.deps, t.bezel.deps.db, 'call_recording', 'recording', audio?.value ?? ''), AUDIO.toString('base64'));
    assert.equal(await revealSensitiveValue(t.bezel.deps, t.bezel.deps.db, 'call_recording', 'purpose', 'training'), 'training');
  });

  test('PRV-SEC-1: an edited ciphertext or a wrong master key is refused, never decrypted to something else', async () => {
    const [value] = await encryptedValues();
    assert.ok(value);
    const cipher = fieldCipher(t.bezel.deps);
    const parts = value.value.split(':');
    const first = parts[3]?.[0] === 'A' ? 'B' : 'A';
    const edited = [...parts.slice(0, 3), `${first}${parts[3]?.slice(1)}`, parts[4]].join(':');
    await assert.rejects(cipher.decrypt(t.bezel.deps.db, value.column, edited), (error: unknown) => error instanceof FieldDecryptionError);
    // The same id with other bytes (a wrong key in the configuration) fails authentication of the wrapped key.
    const wrongBytes = fieldCipher(depsWithKeys(`k1:${MASTER_KEY_2}`, 'k1'));
    await assert.rejects(wrongBytes.decrypt(t.bezel.deps.db, value.column, value.value), { reason: 'tampered' });
    // A configuration without k1 cannot unwrap the data key at all.
    const withoutK1 = fieldCipher(depsWithKeys(`k2:${MASTER_KEY_2}`, 'k2'));
    await assert.rejects(withoutK1.decrypt(t.bezel.deps.db, value.column, value.value), { reason: 'unknown_master_key' });
  });

  test('PRV-SEC-1: rotation (interrupted, then resumed) leaves every value readable under the new key and none under the old', async () => {
    await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ callerPhone: '+1 212 555 0100', purpose: 'training' }));
    await applyWithBirthDate('1985-01-31');
    const before = await encryptedValues();
    const cipherBefore = fieldCipher(t.bezel.deps);
    const plaintexts = new Map<string, Buffer>();
    for (const value of before) plaintexts.set(`${value.column}:${value.id}`, await cipherBefore.decrypt(t.bezel.deps.db, value.column, value.value));
    const [oldKey] = await listDataKeys(t.bezel.deps.db);
    assert.ok(oldKey);

    // The operator adds master key k2, makes it active, and rotates; the first run dies after one batch.
    const rotating = depsWithKeys(`k1:${MASTER_KEY_1},k2:${MASTER_KEY_2}`, 'k2');
    let batches = 0;
    await assert.rejects(
      rotateDataKeys(
        rotating,
        systemActor('cli'),
        {
          batchSize: 1,
          onBatch: () => {
            batches += 1;
            throw new Error('killed');
          },
        },
        SYSTEM_ORIGIN,
      ),
      /killed/,
    );
    assert.equal(batches, 1);
    const midway = await listDataKeys(t.bezel.deps.db);
    const newKey = midway.find((key) => key.status === 'active');
    assert.ok(newKey && newKey.id !== oldKey.id && newKey.masterKeyId === 'k2');
    assert.equal(midway.find((key) => key.id === oldKey.id)?.status, 'retired', 'the old key stays until every value has moved');

    const resumed = await rotateDataKeys(rotating, systemActor('cli'), { batchSize: 2 }, SYSTEM_ORIGIN);
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.activeDataKeyId, newKey.id, 'the second run continues the same rotation');
    assert.deepEqual(resumed.destroyedDataKeyIds, [oldKey.id]);

    // Every value is now under the new data key, and reads back the same, with k2 alone configured.
    const onlyK2 = fieldCipher(depsWithKeys(`k2:${MASTER_KEY_2}`, 'k2'));
    const after = await encryptedValues();
    assert.equal(after.length, before.length);
    for (const value of after) {
      assert.ok(value.value.startsWith(`v1:${newKey.id}:`), `${value.column} is under the new key`);
      assert.deepEqual(await onlyK2.decrypt(t.bezel.deps.db, value.column, value.value), plaintexts.get(`${value.column}:${value.id}`));
    }
    // None under the old: its wrapped bytes are gone, so the old ciphertexts (e.g. from a backup) stay unreadable.
    const destroyed = await t.bezel.deps.db.selectFrom('data_key').selectAll().where('id', '=', oldKey.id).executeTakeFirstOrThrow();
    assert.equal(destroyed.status, 'destroyed');
    assert.equal(destroyed.wrapped_key, null);
    for (const value of before) await assert.rejects(cipherBefore.decrypt(t.bezel.deps.db, value.column, value.value), { reason: 'destroyed_data_key' });
    // The blind index moved with the key: the caller is found with k2 alone.
    const index = onlyK2.blindIndex(CALL_RECORDING_PHONE, '12125550100');
    const found = await t.bezel.deps.db.selectFrom('call_recording').select('id').where('caller_phone_index', '=', index).execute();
    assert.equal(found.length, 1);

    // Audited: the start, each batch (counts only) and the completion.
    const events = await t.bezel.deps.db.selectFrom('audit_event').select(['action', 'details']).where('action', 'like', 'data_key.%').orderBy('id').execute();
    const actions = events.map((event) => event.action);
    assert.equal(actions.filter((action) => action === 'data_key.rotation_started').length, 1);
    assert.equal(actions.at(-1), 'data_key.rotation_completed');
    assert.equal(actions.filter((action) => action === 'data_key.values_reencrypted').length >= 3, true);

    // A later run with nothing left over starts a new rotation, and nothing is lost.
    const again = await rotateDataKeys(rotating, systemActor('cli'), {}, SYSTEM_ORIGIN);
    assert.equal(again.resumed, false);
    assert.equal(
      Object.values(again.reencrypted).reduce((sum, count) => sum + count, 0),
      after.length,
    );
    for (const value of await encryptedValues())
      assert.deepEqual(await onlyK2.decrypt(t.bezel.deps.db, value.column, value.value), plaintexts.get(`${value.column}:${value.id}`));
  });

  test('PRV-SEC-1: the encrypted columns are exactly the data map’s sensitive columns', () => {
    const sensitive = personalColumns()
      .filter((entry) => entry.declaration.sensitive === true)
      .map((entry) => `${entry.table}.${entry.column}`)
      .sort();
    assert.deepEqual(sensitive, ENCRYPTED_COLUMNS.map((column) => `${column.table}.${column.column}`).sort());
  });
});
