import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { DATA_MAP } from '../data-map/index.ts';
import { RETENTION_RULES, type RetentionRule } from '../domain/retention-rules.ts';
import { type RegisterGroup, registerByPurpose, registerCsv } from './domain/register.ts';

/** PRV-USE-1: the register of processing, for the privacy officer, auditors and admins (privacy:read). */
export function readRegister(actor: Actor): { purposes: RegisterGroup[]; rules: readonly RetentionRule[] } {
  requirePermission(actor, 'privacy:read');
  return { purposes: registerByPurpose(DATA_MAP), rules: RETENTION_RULES };
}

export function readRegisterCsv(actor: Actor): string {
  requirePermission(actor, 'privacy:read');
  return registerCsv(DATA_MAP, RETENTION_RULES);
}
