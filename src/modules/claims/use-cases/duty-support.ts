import type { Actor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Claim, findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { dutyErrors } from '../duty-errors.ts';

/** A withdrawn or closed claim is finished: no new requests, answers or records on it. */
const FINISHED = new Set(['closed', 'withdrawn']);

/**
 * The claim a duty use case works on: locked (changes to one claim take turns), within the actor's reach
 * (else 404), and still being handled (else 409 claim_closed).
 */
export async function claimForDuties(trx: Trx, actor: Actor, claimId: string): Promise<Claim> {
  await lockClaim(trx, claimId);
  const claim = await findClaimVisibleTo(trx, actor, claimId);
  if (!claim) throw problems.notFound();
  if (FINISHED.has(claim.status)) throw dutyErrors.claimClosed(claim.status);
  return claim;
}

/** The holder's address, name and language, for mails about their claim; null when they cannot be mailed. */
export async function holderContact(trx: Trx, holderUserId: string): Promise<{ email: string; name: string; locale: 'en' | 'nl' } | null> {
  const row = await trx
    .selectFrom('app_user')
    .select(['email', 'display_name', 'locale', 'status', 'erased_at'])
    .where('id', '=', holderUserId)
    .executeTakeFirst();
  if (row?.status !== 'active' || row.erased_at !== null) return null;
  return { email: row.email, name: row.display_name, locale: row.locale };
}
