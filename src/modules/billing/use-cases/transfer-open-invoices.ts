import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findOrCreateAccount, type Invoice, lockOpenInvoicesOfPolicy, moveInvoiceToAccount } from '../billing-repository.ts';

export type TransferOpenInvoicesInput = {
  policyId: string;
  /** The policy's new holder: the invoices move to their account in each invoice's currency (opened on first use). */
  toHolderUserId: string;
  /** Why, kept in the audit event (e.g. 'policy_assigned:<request id>'). */
  reason: string;
};

/**
 * JPF-COND-1 (decision 0013): when an assignment is approved, what is still owed on the policy passes to the
 * new holder with the policy. Every open invoice of the policy moves, as it is, to the new holder's account:
 * same amount, due date and structured reference, so the new holder sees it and pays it, and the old holder
 * no longer sees it (a customer sees the invoices of the accounts they hold). A payment already made on a
 * part of an invoice stays allocated to it, so the new holder owes only the rest. Paid and cancelled
 * invoices and refunds stay with the old holder: that history and any money owed back are theirs.
 *
 * Like issueInvoice and cancelInvoice, called by the policies module, which has already decided that the
 * actor may make the change; it joins the caller's transaction when `deps.db` is one. One audit event per
 * invoice moved ('invoice.transferred'). Answers the invoices as they are now.
 */
export async function transferOpenInvoices(deps: Deps, actor: Actor, input: TransferOpenInvoicesInput, origin: RequestOrigin): Promise<Invoice[]> {
  return inTransaction(deps.db, async (trx) => {
    const invoices = await lockOpenInvoicesOfPolicy(trx, input.policyId);
    const moved: Invoice[] = [];
    for (const invoice of invoices) {
      if (invoice.holderUserId === input.toHolderUserId) {
        moved.push(invoice);
        continue;
      }
      const now = nowText(deps.clock);
      const account = await findOrCreateAccount(trx, { id: newId(), holderUserId: input.toHolderUserId, currency: invoice.currency, createdAt: now });
      await moveInvoiceToAccount(trx, invoice.id, account.id);
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'invoice.transferred',
          subject: { type: 'invoice', id: invoice.id },
          details: {
            policyId: invoice.policyId,
            policyNumber: invoice.policyNumber,
            fromAccountId: invoice.accountId,
            toAccountId: account.id,
            amount: { amount: invoice.amount, currency: invoice.currency },
            paid: invoice.paid,
            structuredReference: invoice.structuredReference,
            reason: input.reason,
          },
          requestId: origin.requestId,
        },
        deps.clock,
      );
      moved.push({ ...invoice, accountId: account.id, holderUserId: account.holderUserId });
    }
    return moved;
  });
}
