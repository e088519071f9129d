import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { type Clock, nowText } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import {
  blindIndex,
  type DataKey,
  decryptWithDataKey,
  encryptWithDataKey,
  FieldDecryptionError,
  newDataKeyMaterial,
  parseEncryptedValue,
  unwrapDataKey,
  wrapDataKey,
} from './field-encryption.ts';
import { type Keyring, keyringOf } from './field-encryption-keys.ts';

/**
 * PRV-SEC-1: the data keys in the `data_key` table, always wrapped by a configured master key, and the
 * field cipher use cases encrypt and decrypt with. Keys are read per use (one indexed lookup) rather
 * than cached, so a key retired or destroyed by a rotation on another instance is never used again.
 */

export type DataKeyRow = { id: string; masterKeyId: string; status: 'active' | 'retired' | 'destroyed' };

export type FieldCipher = {
  keyring: Keyring;
  /** Encrypts under the active data key (created under the active master key on first use). */
  encrypt(db: Db, context: string, plaintext: Buffer | string): Promise<string>;
  decrypt(db: Db, context: string, value: string): Promise<Buffer>;
  decryptText(db: Db, context: string, value: string): Promise<string>;
  /** The blind index to store, under the active master key's index key. */
  blindIndex(context: string, normalisedValue: string): string;
  /** Every index a stored value may have (one per configured master key), for lookups during a rotation. */
  blindIndexCandidates(context: string, normalisedValue: string): string[];
};

type CipherSource = { config: Config; appSecret: string; clock: Clock; logger?: Logger };

export function fieldCipher(source: CipherSource): FieldCipher {
  const keyring = keyringOf(source);
  return {
    keyring,
    async encrypt(db, context, plaintext) {
      return encryptWithDataKey(await activeDataKey(db, keyring, source.clock), context, plaintext);
    },
    async decrypt(db, context, value) {
      const { dataKeyId } = parseEncryptedValue(value);
      return decryptWithDataKey(await loadDataKey(db, keyring, dataKeyId), context, value);
    },
    async decryptText(db, context, value) {
      return (await this.decrypt(db, context, value)).toString('utf8');
    },
    blindIndex: (context, value) => blindIndex(keyring.blindIndexKeys[0] as Buffer, context, value),
    blindIndexCandidates: (context, value) => keyring.blindIndexKeys.map((key) => blindIndex(key, context, value)),
  };
}

/** The active data key, unwrapped; created (wrapped by the active master key) when there is none yet. */
export async function activeDataKey(db: Db, keyring: Keyring, clock: Clock): Promise<DataKey> {
  // FOR SHARE: a rotation retiring this key waits until values being encrypted under it are committed (it then re-encrypts them).
  const found = await db.selectFrom('data_key').select(['id', 'wrapped_key']).where('status', '=', 'active').forShare().executeTakeFirst();
  if (found?.wrapped_key) return unwrapWith(keyring, found.id, found.wrapped_key);
  const material = { id: newId(), key: newDataKeyMaterial() };
  // Two first uses at once: the unique index keeps one active key, the other insert does nothing.
  await db
    .insertInto('data_key')
    .values({
      id: material.id,
      master_key_id: keyring.active.id,
      wrapped_key: wrapDataKey(keyring.active, material),
      status: 'active',
      created_at: nowText(clock),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const active = await db.selectFrom('data_key').select(['id', 'wrapped_key']).where('status', '=', 'active').executeTakeFirstOrThrow();
  if (!active.wrapped_key) throw new FieldDecryptionError('destroyed_data_key');
  return unwrapWith(keyring, active.id, active.wrapped_key);
}

export async function loadDataKey(db: Db, keyring: Keyring, dataKeyId: string): Promise<DataKey> {
  if (!/^[0-9a-f-]{36}$/i.test(dataKeyId)) throw new FieldDecryptionError('unknown_data_key');
  const row = await db.selectFrom('data_key').select(['id', 'wrapped_key', 'status']).where('id', '=', dataKeyId).executeTakeFirst();
  if (!row) throw new FieldDecryptionError('unknown_data_key');
  if (row.status === 'destroyed' || !row.wrapped_key) throw new FieldDecryptionError('destroyed_data_key');
  return unwrapWith(keyring, row.id, row.wrapped_key);
}

function unwrapWith(keyring: Keyring, dataKeyId: string, wrapped: string): DataKey {
  const masterKeyId = wrapped.split(':')[1] ?? '';
  const master = keyring.masterKeys.get(masterKeyId);
  if (!master) throw new FieldDecryptionError('unknown_master_key');
  return unwrapDataKey(master, dataKeyId, wrapped);
}

/**
 * A rotation's first step: the active data key is retired and a new one, wrapped by the active master
 * key, takes its place. Values under retired keys stay readable until they are re-encrypted.
 */
export async function replaceActiveDataKey(db: Db, keyring: Keyring, clock: Clock): Promise<{ retired: string[]; active: string }> {
  const at = nowText(clock);
  const retired = await db.updateTable('data_key').set({ status: 'retired', retired_at: at }).where('status', '=', 'active').returning('id').execute();
  const material = { id: newId(), key: newDataKeyMaterial() };
  await db
    .insertInto('data_key')
    .values({ id: material.id, master_key_id: keyring.active.id, wrapped_key: wrapDataKey(keyring.active, material), status: 'active', created_at: at })
    .execute();
  return { retired: retired.map((row) => row.id), active: material.id };
}

export async function listDataKeys(db: Db): Promise<DataKeyRow[]> {
  const rows = await db.selectFrom('data_key').select(['id', 'master_key_id', 'status']).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, masterKeyId: row.master_key_id, status: row.status }));
}

/** Crypto-shredding: a retired key no value names any more loses its wrapped bytes for good. */
export async function destroyDataKeys(db: Db, ids: readonly string[], clock: Clock): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('data_key')
    .set({ status: 'destroyed', wrapped_key: null, destroyed_at: nowText(clock) })
    .where('id', 'in', ids)
    .where('status', '=', 'retired')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
