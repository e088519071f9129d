import type { Actor } from '../../../platform/auth/actor.ts';
import type { InvoiceStatus, RefundStatus } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Currency } from '../../../platform/money.ts';
import {
  balanceSources,
  findAccount,
  findInvoice,
  findPolicyAccount,
  findRefund,
  type Invoice,
  listInvoices as listInvoiceRows,
  listRefunds as listRefundRows,
  type Refund,
} from '../billing-repository.ts';
import { type Balance, computeBalance } from '../domain/balance.ts';
import { visibilityOf } from './common.ts';

/** Reads of the billing module: a customer sees their own accounts; billing staff and auditors all (others 404). */

export async function listInvoices(deps: Deps, actor: Actor, filter: { policyId?: string; status?: InvoiceStatus } = {}): Promise<Invoice[]> {
  return listInvoiceRows(deps.db, visibilityOf(actor), filter);
}

export async function getInvoice(deps: Deps, actor: Actor, id: string): Promise<Invoice> {
  const invoice = await findInvoice(deps.db, id, visibilityOf(actor));
  if (!invoice) throw problems.notFound();
  return invoice;
}

export async function listRefunds(deps: Deps, actor: Actor, filter: { status?: RefundStatus; policyId?: string } = {}): Promise<Refund[]> {
  return listRefundRows(deps.db, visibilityOf(actor), filter);
}

export async function getRefund(deps: Deps, actor: Actor, id: string): Promise<Refund> {
  const refund = await findRefund(deps.db, id, visibilityOf(actor));
  if (!refund) throw problems.notFound();
  return refund;
}

export type PolicyBalance = { policyId: string; currency: Currency } & Omit<Balance, 'credit'>;
export type AccountBalance = { accountId: string; currency: Currency } & Balance;

/** What is invoiced, paid and still outstanding on one policy, and refunds payable (JPF-CANCEL-3). */
export async function getPolicyBalance(deps: Deps, actor: Actor, policyId: string): Promise<PolicyBalance> {
  const visibility = visibilityOf(actor);
  const account = await findPolicyAccount(deps.db, policyId, visibility);
  if (!account) throw problems.notFound();
  // A holder sees the part of the policy's billing in their own account (an assigned policy's open invoices moved, JPF-COND-1).
  const sources = await balanceSources(deps.db, visibility.holderUserId === null ? { policyId } : { policyId, accountId: account.id });
  const { credit: _credit, ...balance } = computeBalance({
    currency: account.currency,
    invoices: sources.invoices,
    allocations: sources.allocations,
    refundsPayable: sources.refundsPayable,
  });
  return { policyId, currency: account.currency, ...balance };
}

/** The whole account: also the credit that over-payments left unallocated. */
export async function getAccountBalance(deps: Deps, actor: Actor, accountId: string): Promise<AccountBalance> {
  const visibility = visibilityOf(actor);
  const account = await findAccount(deps.db, accountId);
  if (!account || (visibility.holderUserId !== null && account.holderUserId !== visibility.holderUserId)) throw problems.notFound();
  const sources = await balanceSources(deps.db, { accountId });
  return { accountId, currency: account.currency, ...computeBalance({ currency: account.currency, ...sources }) };
}
