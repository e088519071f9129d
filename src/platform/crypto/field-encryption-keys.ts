import { hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { blindIndexKeyOf } from './field-encryption.ts';

/**
 * PRV-SEC-1: master keys come from configuration, never from the database (issue #5).
 * `BEZEL_MASTER_KEYS=id1:<base64 32 bytes>,id2:<…>` lists every master key still needed to unwrap
 * data keys; `BEZEL_ACTIVE_MASTER_KEY=id1` names the one that wraps new data keys. In development and
 * tests without them, one key is derived from the app secret, with a loud warning.
 */

const MASTER_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
export const DERIVED_MASTER_KEY_ID = 'derived-from-app-secret';

/** A master key; its bytes never appear in logs, JSON or util.inspect. */
export class MasterKey {
  readonly #key: Buffer;
  constructor(
    readonly id: string,
    key: Buffer,
  ) {
    this.#key = key;
  }
  get key(): Buffer {
    return this.#key;
  }
  toJSON() {
    return { id: this.id, key: '[redacted]' };
  }
  [inspect.custom]() {
    return `MasterKey(${this.id})`;
  }
}

/**
 * Parses BEZEL_MASTER_KEYS. Each problem is one line that names the entry by position and id, never
 * the key material (a configuration error is printed and logged).
 */
export function parseMasterKeys(text: string): { keys: MasterKey[]; problems: string[] } {
  const keys: MasterKey[] = [];
  const problems: string[] = [];
  text.split(',').forEach((entry, index) => {
    const at = `BEZEL_MASTER_KEYS entry ${index + 1}`;
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator).trim();
    const encoded = separator < 0 ? '' : entry.slice(separator + 1).trim();
    if (separator < 0 || !MASTER_KEY_ID.test(id)) {
      problems.push(`${at}: expected id:base64key with an id of 1-32 letters, digits, - or _`);
      return;
    }
    const normalised = encoded.replace(/-/g, '+').replace(/_/g, '/');
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(normalised) ? Buffer.from(normalised, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) {
      problems.push(`${at} (${id}): expected a base64 key of exactly 32 random bytes, e.g. from \`openssl rand -base64 32\``);
      return;
    }
    if (keys.some((known) => known.id === id)) {
      problems.push(`${at} (${id}): the id is listed twice`);
      return;
    }
    keys.push(new MasterKey(id, key));
  });
  return { keys, problems };
}

export type Keyring = {
  /** Every configured master key by id: old ones stay until no data key is wrapped by them. */
  masterKeys: ReadonlyMap<string, MasterKey>;
  active: MasterKey;
  /** True when the key is derived from the app secret (development and tests only). */
  derived: boolean;
  /** Blind index keys of every master key, the active one first: lookups try each (rotation window). */
  blindIndexKeys: readonly Buffer[];
};

type KeySource = {
  config: { masterKeys: readonly MasterKey[]; activeMasterKeyId: string | undefined; environment: string };
  appSecret: string;
  logger?: { warn(object: object, message: string): void } | undefined;
};

const keyrings = new WeakMap<object, Map<string, Keyring>>();

/** The keyring of a configuration (built once per config and app secret). */
export function keyringOf(source: KeySource): Keyring {
  const perConfig = keyrings.get(source.config) ?? new Map<string, Keyring>();
  keyrings.set(source.config, perConfig);
  const cached = perConfig.get(source.appSecret);
  if (cached) return cached;
  const keyring = buildKeyring(source);
  perConfig.set(source.appSecret, keyring);
  return keyring;
}

function buildKeyring({ config, appSecret, logger }: KeySource): Keyring {
  if (config.masterKeys.length > 0) {
    const masterKeys = new Map(config.masterKeys.map((key) => [key.id, key]));
    const active = masterKeys.get(config.activeMasterKeyId ?? config.masterKeys[0]?.id ?? '');
    // config.ts refuses an active id that is not listed; this only guards hand-built configs.
    if (!active) throw new Error('BEZEL_ACTIVE_MASTER_KEY names no key in BEZEL_MASTER_KEYS');
    return {
      masterKeys,
      active,
      derived: false,
      blindIndexKeys: [active, ...config.masterKeys.filter((key) => key !== active)].map((key) => blindIndexKeyOf(key.key)),
    };
  }
  if (config.environment === 'production') throw new Error('BEZEL_MASTER_KEYS is required in production');
  // PRV-SEC-1: a development convenience only; production refuses to start without BEZEL_MASTER_KEYS (config.ts).
  logger?.warn(
    { masterKeyId: DERIVED_MASTER_KEY_ID },
    '!!! FIELD ENCRYPTION USES A MASTER KEY DERIVED FROM THE APP SECRET: development/test only; set BEZEL_MASTER_KEYS and BEZEL_ACTIVE_MASTER_KEY !!!',
  );
  const active = new MasterKey(
    DERIVED_MASTER_KEY_ID,
    Buffer.from(hkdfSync('sha256', Buffer.from(appSecret, 'utf8'), Buffer.from('bezel-master-key'), Buffer.from('v1'), 32)),
  );
  return { masterKeys: new Map([[active.id, active]]), active, derived: true, blindIndexKeys: [blindIndexKeyOf(active.key)] };
}
