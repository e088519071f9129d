import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { type Disclosure, disclosuresAbout, userExists } from '../disclosure-repository.ts';
import { auditStaffRead } from './audit-staff-read.ts';
import { requireUser } from './common.ts';

/**
 * Every disclosure made about a person, newest first: for the person's access package (PRV-RIGHT-1 asks
 * for "the disclosures made about them"), built by the fulfilment part of this module. No access check:
 * the caller has already established that it acts for this person.
 */
export async function listDisclosuresAbout(db: Db, userId: string): Promise<Disclosure[]> {
  return disclosuresAbout(db, userId);
}

/** A customer's own disclosure log (the privacy centre). */
export async function listMyDisclosures(deps: Deps, actor: Actor): Promise<Disclosure[]> {
  const user = requireUser(actor);
  requirePermission(actor, 'profile:read');
  return disclosuresAbout(deps.db, user.userId);
}

/** A privacy officer reads one person's disclosures: a staff read of personal data, audited with its purpose (PRV-DISC-2). */
export async function listDisclosuresForOfficer(deps: Deps, actor: Actor, userId: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Disclosure[]> {
  requirePermission(actor, 'privacy:read');
  return inTransaction(deps.db, async (trx) => {
    if (!(await userExists(trx, userId))) throw problems.notFound();
    const disclosures = await disclosuresAbout(trx, userId);
    await auditStaffRead(
      { ...deps, db: trx },
      actor,
      { view: 'disclosure_log', subject: { type: 'app_user', id: userId }, details: { count: disclosures.length } },
      origin,
    );
    return disclosures;
  });
}
