import { can, permissionsOfRoles, requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, ROLES } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Currency, Money } from '../../../platform/money.ts';
import { type Claim, findClaimVisibleTo } from '../claims-repository.ts';
import type { PaymentLedger } from '../domain/payment-rules.ts';
import { listOrdersOfClaim } from '../jeweler-order-repository.ts';
import { type ClaimPayment, ledgerOf, listClaimPayments, listPaymentAuthorities, type PaymentAuthority } from '../payment-repository.ts';
import { listReserveEntries, type ReserveEntry } from '../reserve-repository.ts';
import { findCurrentWorksheet, type StoredWorksheet } from '../settlement-repository.ts';

/** Reads of reserves, payments and payment authority; a claim out of the reader's reach is not found (404). */

export type ReserveView = { balance: Money | null; entries: ReserveEntry[] };

export async function reserveViewOf(db: Db, claim: Pick<Claim, 'id'>): Promise<ReserveView> {
  const entries = await listReserveEntries(db, claim.id);
  return { balance: entries.at(-1)?.balance ?? null, entries };
}

async function visibleClaim(deps: Deps, actor: Actor, claimId: string): Promise<Claim> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  return claim;
}

/** The reserve is the insurer's own estimate: claims staff only. */
export async function getClaimReserve(deps: Deps, actor: Actor, claimId: string): Promise<ReserveView> {
  requirePermission(actor, 'claims:read_all');
  return reserveViewOf(deps.db, await visibleClaim(deps, actor, claimId));
}

export type ClaimPaymentsView = {
  claim: Claim;
  payments: ClaimPayment[];
  /** Staff only: the worksheet's total, what is paid and waiting, the open reserve. */
  ledger: PaymentLedger | null;
};

/**
 * The claim's payments. Claims staff see every payment with its approvals; the policyholder and their agent see
 * the payments made (issued); anyone else who reaches the claim (the repairing jeweler) sees only payments made to
 * them.
 */
export async function listPaymentsOfClaim(deps: Deps, actor: Actor, claimId: string): Promise<ClaimPaymentsView> {
  const claim = await visibleClaim(deps, actor, claimId);
  const payments = await listClaimPayments(deps.db, claim.id);
  if (can(actor, 'claims:read_all')) {
    const [worksheet, reserve] = [await findCurrentWorksheet(deps.db, claim.id), await reserveViewOf(deps.db, claim)];
    const ledger = worksheet ? ledgerOf(payments, worksheet.totalPayable, reserve.balance) : null;
    return { claim, payments, ledger };
  }
  const userId = actor.kind === 'user' ? actor.userId : '';
  const ownClaim = claim.holderUserId === userId || claim.agentUserId === userId;
  const visible = payments.filter((payment) => payment.status === 'issued' && (ownClaim || payment.payeeUserId === userId));
  return { claim, payments: visible, ledger: null };
}

/** The roles that may pay claims (claims:pay): adjusters and admins. */
export const PAYER_ROLES = ROLES.filter((role) => permissionsOfRoles([role]).has('claims:pay'));

/** Everyone who may pay claims, with their limit in the currency (admins: claims:manage_authority). */
export async function getPaymentAuthorities(deps: Deps, actor: Actor, currency: Currency = 'USD'): Promise<PaymentAuthority[]> {
  requirePermission(actor, 'claims:manage_authority');
  return listPaymentAuthorities(deps.db, PAYER_ROLES, currency);
}

export type PaymentsOverview = ClaimPaymentsView & {
  reserve: ReserveView;
  worksheet: StoredWorksheet | null;
  /** Jewelers with an order on the claim that is not cancelled: who may be paid as payee 'jeweler'. */
  jewelers: { userId: string; name: string }[];
};

/** Everything the back-office payments view shows (claims staff): reserve, payments, ledger, worksheet lines, jewelers. */
export async function getPaymentsOverview(deps: Deps, actor: Actor, claimId: string): Promise<PaymentsOverview> {
  requirePermission(actor, 'claims:read_all');
  const view = await listPaymentsOfClaim(deps, actor, claimId);
  const [reserve, worksheet, orders] = [
    await reserveViewOf(deps.db, view.claim),
    await findCurrentWorksheet(deps.db, view.claim.id),
    await listOrdersOfClaim(deps.db, view.claim.id),
  ];
  const jewelers = new Map<string, string>();
  for (const order of orders) if (order.status !== 'cancelled') jewelers.set(order.jewelerUserId, order.jewelerName);
  return { ...view, reserve, worksheet, jewelers: [...jewelers].map(([userId, name]) => ({ userId, name })) };
}
