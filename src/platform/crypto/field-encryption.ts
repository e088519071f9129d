import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * PRV-SEC-1: field encryption at rest with envelope keys (DESIGN §5). Pure functions, no I/O:
 *  - a data key (32 random bytes, AES-256-GCM) encrypts values; it is stored only wrapped (encrypted)
 *    by a master key that comes from configuration, never from the database;
 *  - every encrypted value names its data key: `v1:<dataKeyId>:<iv>:<ciphertext>:<tag>` (base64url),
 *    so values under different keys can live side by side while a rotation runs;
 *  - the value is bound to its place (`context`, e.g. 'call_recording.recording') as additional
 *    authenticated data, so a ciphertext copied into another column does not decrypt there;
 *  - a blind index (HMAC-SHA256 under a key derived separately from the master key) lets a column be
 *    looked up by value without decrypting it.
 */

export const ENCRYPTED_VALUE_VERSION = 'v1';
const WRAPPED_KEY_VERSION = 'w1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a value or a key could not be decrypted; the value itself is never part of the message. */
export class FieldDecryptionError extends Error {
  constructor(readonly reason: 'malformed' | 'wrong_key' | 'tampered' | 'unknown_data_key' | 'unknown_master_key' | 'destroyed_data_key') {
    super(`field decryption failed: ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

export type DataKey = { id: string; key: Buffer };

export type EncryptedParts = { dataKeyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

export function newDataKeyMaterial(): Buffer {
  return randomBytes(KEY_BYTES);
}

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, parts: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: string): Buffer {
  if (parts.iv.length !== IV_BYTES || parts.tag.length !== TAG_BYTES) throw new FieldDecryptionError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong key from an edited value: both fail authentication.
    throw new FieldDecryptionError('tampered');
  }
}

function valueAad(dataKeyId: string, context: string): string {
  return `${ENCRYPTED_VALUE_VERSION}:${dataKeyId}:${context}`;
}

export function encryptWithDataKey(dataKey: DataKey, context: string, plaintext: Buffer | string): string {
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const { iv, ciphertext, tag } = seal(dataKey.key, bytes, valueAad(dataKey.id, context));
  return [ENCRYPTED_VALUE_VERSION, dataKey.id, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join(':');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function parseEncryptedValue(value: string): EncryptedParts {
  const parts = value.split(':');
  if (parts.length !== 5 || parts[0] !== ENCRYPTED_VALUE_VERSION) throw new FieldDecryptionError('malformed');
  const [, dataKeyId = '', iv = '', ciphertext = '', tag = ''] = parts;
  if (dataKeyId === '' || ![iv, ciphertext, tag].every((part) => BASE64URL.test(part))) throw new FieldDecryptionError('malformed');
  return { dataKeyId, iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

/** The data key id an encrypted value names, or null when the text is not an encrypted value. */
export function dataKeyIdOf(value: string): string | null {
  try {
    return parseEncryptedValue(value).dataKeyId;
  } catch {
    return null;
  }
}

export function decryptWithDataKey(dataKey: DataKey, context: string, value: string): Buffer {
  const parts = parseEncryptedValue(value);
  if (parts.dataKeyId !== dataKey.id) throw new FieldDecryptionError('wrong_key');
  return open(dataKey.key, parts, valueAad(dataKey.id, context));
}

/** A data key wrapped by a master key: `w1:<masterKeyId>:<iv>:<ciphertext>:<tag>`, bound to the data key's id. */
export function wrapDataKey(master: { id: string; key: Buffer }, dataKey: DataKey): string {
  const { iv, ciphertext, tag } = seal(master.key, dataKey.key, `data_key:${dataKey.id}:${master.id}`);
  return [WRAPPED_KEY_VERSION, master.id, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join(':');
}

export function masterKeyIdOfWrapped(wrapped: string): string {
  const parts = wrapped.split(':');
  if (parts.length !== 5 || parts[0] !== WRAPPED_KEY_VERSION || !parts[1]) throw new FieldDecryptionError('malformed');
  return parts[1];
}

export function unwrapDataKey(master: { id: string; key: Buffer }, dataKeyId: string, wrapped: string): DataKey {
  const [, masterKeyId, iv = '', ciphertext = '', tag = ''] = wrapped.split(':');
  if (masterKeyIdOfWrapped(wrapped) !== master.id || masterKeyId !== master.id) throw new FieldDecryptionError('wrong_key');
  const key = open(
    master.key,
    { iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') },
    `data_key:${dataKeyId}:${master.id}`,
  );
  if (key.length !== KEY_BYTES) throw new FieldDecryptionError('malformed');
  return { id: dataKeyId, key };
}

/** The blind index key: derived from a master key with its own label, so it is never the key that encrypts. */
export function blindIndexKeyOf(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('bezel-blind-index'), Buffer.from('v1'), KEY_BYTES));
}

/**
 * The blind index of a value in a context: HMAC-SHA256, so equal values match without the value being
 * stored. The caller normalises the value first (e.g. a phone number's digits) so lookups match.
 */
export function blindIndex(indexKey: Buffer, context: string, normalisedValue: string): string {
  return createHmac('sha256', indexKey).update(`${context}\u0000${normalisedValue}`, 'utf8').digest('base64url');
}
