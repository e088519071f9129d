import type { Actor } from '../../../../platform/auth/actor.ts';
import { type FieldCipher, fieldCipher } from '../../../../platform/crypto/field-encryption-store.ts';
import type { Deps } from '../../../../platform/deps.ts';

/** Who did it, as stored beside the record: a user id, or 'system:<name>' (as audit_event.actor_id). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** PRV-SEC-1: the field cipher of these deps (keys from configuration; see field-encryption-keys.ts). */
export function cipherOf(deps: Pick<Deps, 'config' | 'appSecret' | 'clock' | 'logger'>): FieldCipher {
  return fieldCipher(deps);
}
