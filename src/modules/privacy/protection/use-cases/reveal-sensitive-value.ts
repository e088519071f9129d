import type { Db } from '../../../../platform/db/database.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { ENCRYPTED_COLUMNS } from '../domain/encrypted-columns.ts';
import { cipherOf } from './common.ts';

/**
 * PRV-SEC-1 for the data map's other users (access packages, PRV-RIGHT-1): the plaintext of a value of a
 * `sensitive` column, as text (binary values such as call audio as base64). Values of other columns are
 * returned as they are. The caller has already decided that the actor may see the value, and audits it.
 */
export async function revealSensitiveValue(
  deps: Pick<Deps, 'config' | 'appSecret' | 'clock' | 'logger'>,
  db: Db,
  table: string,
  column: string,
  value: string,
): Promise<string> {
  const encrypted = ENCRYPTED_COLUMNS.find((candidate) => candidate.table === table && candidate.column === column);
  if (!encrypted) return value;
  const plaintext = await cipherOf(deps).decrypt(db, encrypted.context, value);
  return encrypted.column === 'recording' ? plaintext.toString('base64') : plaintext.toString('utf8');
}
