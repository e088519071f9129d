import { type AuditEventInput, changeWithAuditEvents } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { InvoiceKind } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { Currency } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findOrCreateAccount, type Invoice, invoiceInsert, nextInvoiceSequence, type OpenedAccount, openAccountWithSequence } from '../billing-repository.ts';
import { referenceForSequence } from '../domain/structured-reference.ts';
import { billingErrors } from '../errors.ts';
import { positiveCents } from './common.ts';

export type IssueInvoiceInput = {
  holderUserId: string;
  policyId: string;
  policyNumber: string;
  kind: InvoiceKind;
  amount: string;
  currency: Currency;
  /** 'YYYY-MM-DD' */
  issuedOn: string;
  /** 'YYYY-MM-DD', chosen by the caller (the policy's rules: e.g. a renewal is due at the anniversary). */
  dueOn: string;
};

/**
 * Issues an invoice for a premium change (issue #3: "Invoices for every premium change"). Called by
 * other modules — binding, endorsements, renewals — which have already decided that the actor may
 * make the change; it joins their open transaction (`deps.db` is then the transaction), so the
 * invoice exists if and only if the policy change commits. The holder's account in the currency is
 * created on first use. The invoice gets an ISO 11649 structured reference to pay it with.
 *
 * `options.alsoRecord`: the caller's own audit events of the same change (e.g. 'policy.issued'),
 * written after 'invoice.issued' in the same statement as the invoice, instead of one more each.
 */
export async function issueInvoice(
  deps: Deps,
  actor: Actor,
  input: IssueInvoiceInput,
  origin: RequestOrigin,
  // `opened`: the holder's account and the next invoice number, when the caller's own statement already
  // opened them (openAccountCtes); saves issuing its round trip.
  options: { alsoRecord?: readonly AuditEventInput[]; opened?: OpenedAccount | null } = {},
): Promise<Invoice> {
  const amount = positiveCents(input.amount, input.currency, 'amount');
  // 'YYYY-MM-DD' strings compare in calendar order.
  if (input.dueOn < input.issuedOn) throw billingErrors.dueBeforeIssue();
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const newAccount = { id: newId(), holderUserId: input.holderUserId, currency: input.currency, createdAt: now };
    // One statement for the account and the invoice number; two only when a concurrent bind just created the account.
    const opened =
      options.opened && options.opened.account.holderUserId === input.holderUserId && options.opened.account.currency === input.currency
        ? options.opened
        : await openAccountWithSequence(trx, newAccount);
    const account = opened?.account ?? (await findOrCreateAccount(trx, newAccount));
    const id = newId();
    const structuredReference = referenceForSequence(opened?.sequence ?? (await nextInvoiceSequence(trx)));
    const invoice: Invoice = {
      id,
      accountId: account.id,
      holderUserId: account.holderUserId,
      policyId: input.policyId,
      policyNumber: input.policyNumber,
      kind: input.kind,
      amount: amount.toFixed(),
      currency: input.currency,
      issuedOn: input.issuedOn,
      dueOn: input.dueOn,
      structuredReference,
      status: 'open',
      createdAt: now,
      // A new invoice has no payments allocated yet (what findInvoice would read back).
      paid: '0',
    };
    // The invoice and its event (with the caller's events) in one statement.
    await changeWithAuditEvents(
      trx,
      invoiceInsert(invoice),
      [
        {
          actor,
          action: 'invoice.issued',
          subject: { type: 'invoice', id },
          details: {
            policyId: input.policyId,
            policyNumber: input.policyNumber,
            kind: input.kind,
            amount: amount.toJSON(),
            dueOn: input.dueOn,
            structuredReference,
          },
          requestId: origin.requestId,
        },
        ...(options.alsoRecord ?? []),
      ],
      deps.clock,
    );
    return invoice;
  });
}
