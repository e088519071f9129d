import type { PayeeKind } from '../../../platform/db/schema-claims-payments.ts';
import { Money } from '../../../platform/money.ts';

/**
 * The money rules of claim payments (issue #4 "Settlement worksheet": payments, reserves, payment authority),
 * pure so they are tested on their own:
 *  - the worksheet caps the claim: what is paid plus what waits for approval never exceeds the current
 *    worksheet's total payable (JPF-SETTLE-1..6 are in that total; 'payment_exceeds_worksheet');
 *  - the reserve caps each payment: a payment uses up reserve, so it never exceeds the open reserve less what
 *    already waits for approval ('payment_exceeds_reserve');
 *  - authority: a payer's limit must cover what will have been paid on the claim once this payment is made
 *    (paid to date + this payment), so splitting a large payment into small ones does not get around it; above
 *    the limit the payment waits for another person whose limit covers it;
 *  - JPF-SETTLE-8: losses are adjusted with the insured unless a loss payee is named — then the loss payee is paid,
 *    never the insured; JPF-SETTLE-2: a repair or replacement may be paid to the jeweler who does it.
 */

export type PaymentLedger = {
  /** The current worksheet's total payable. */
  readonly worksheetTotal: Money;
  /** Issued payments (paid to date). */
  readonly issued: Money;
  /** Payments waiting for approval. */
  readonly awaiting: Money;
  /** The reserve's balance (issued payments already took their part out of it). */
  readonly openReserve: Money;
};

export type PaymentRefusal = { readonly code: 'payment_exceeds_worksheet' | 'payment_exceeds_reserve'; readonly available: Money };

/** Why a new payment of `amount` may not be made, or null when the worksheet and the reserve allow it. */
export function refusalOfNewPayment(ledger: PaymentLedger, amount: Money): PaymentRefusal | null {
  const zero = Money.zero(amount.currency);
  const worksheetLeft = ledger.worksheetTotal.minus(ledger.issued).minus(ledger.awaiting).max(zero);
  if (amount.compare(worksheetLeft) > 0) return { code: 'payment_exceeds_worksheet', available: worksheetLeft };
  const reserveLeft = ledger.openReserve.minus(ledger.awaiting).max(zero);
  if (amount.compare(reserveLeft) > 0) return { code: 'payment_exceeds_reserve', available: reserveLeft };
  return null;
}

/** Approving a payment that waits: the same limits, checked again now, with this payment no longer counted as waiting. */
export function refusalOfApproval(ledger: PaymentLedger, amount: Money): PaymentRefusal | null {
  return refusalOfNewPayment({ ...ledger, awaiting: ledger.awaiting.minus(amount) }, amount);
}

/** What the payer's (or approver's) authority must cover: paid to date plus this payment. */
export function exposureWith(ledger: PaymentLedger, amount: Money): Money {
  return ledger.issued.plus(amount);
}

/** A limit covers an exposure when it is at least as large; no limit at all is authority 0. */
export function authorityCovers(limit: Money | null, exposure: Money): boolean {
  return limit !== null && limit.compare(exposure) >= 0;
}

/** JPF-SETTLE-9: the claim is settled when everything the worksheet allows has been paid. */
export function isFullyPaid(worksheetTotal: Money, issued: Money): boolean {
  return issued.compare(worksheetTotal) >= 0;
}

export type PayeeFacts = {
  readonly insuredName: string;
  /** JPF-SETTLE-8: the loss payee named on the policy, if any. */
  readonly lossPayeeName: string | null;
  /** The jeweler asked for (payee 'jeweler'): their name, and whether they have an order on the claim that is not cancelled. */
  readonly jeweler: { readonly userId: string; readonly name: string; readonly hasOrder: boolean } | null;
};

export type Payee = { readonly kind: PayeeKind; readonly name: string; readonly userId: string | null };
export type PayeeRefusal = 'loss_payee_named' | 'no_loss_payee' | 'jeweler_not_on_claim';

export function payeeOf(kind: PayeeKind, facts: PayeeFacts): { ok: true; payee: Payee } | { ok: false; code: PayeeRefusal } {
  switch (kind) {
    case 'insured':
      // JPF-SETTLE-8: with a loss payee named, the loss is not paid to the insured.
      if (facts.lossPayeeName !== null) return { ok: false, code: 'loss_payee_named' };
      return { ok: true, payee: { kind, name: facts.insuredName, userId: null } };
    case 'loss_payee':
      if (facts.lossPayeeName === null) return { ok: false, code: 'no_loss_payee' };
      return { ok: true, payee: { kind, name: facts.lossPayeeName, userId: null } };
    case 'jeweler':
      // JPF-SETTLE-2: the jeweler who repairs or replaces, i.e. one with a (not cancelled) order on this claim.
      if (!facts.jeweler?.hasOrder) return { ok: false, code: 'jeweler_not_on_claim' };
      return { ok: true, payee: { kind, name: facts.jeweler.name, userId: facts.jeweler.userId } };
  }
}

export type WorksheetLineFacts = { readonly lineNo: number; readonly itemNo: number | null; readonly payable: Money; readonly totalLoss: boolean };

export type LinesOutcome =
  | { ok: true; amount: Money }
  | { ok: false; code: 'line_not_on_worksheet' | 'line_already_paid' | 'nothing_to_pay'; lineNo: number | null };

/**
 * A payment of whole worksheet lines: the sum of their payable amounts. Each line is paid in full once (by an
 * issued or waiting payment); a line that pays nothing (a loss fully absorbed by the deductible) cannot be paid.
 */
export function amountOfLines(lines: readonly WorksheetLineFacts[], lineNos: readonly number[], paidLineNos: ReadonlySet<number>): LinesOutcome {
  const currency = lines[0]?.payable.currency;
  let amount = currency ? Money.zero(currency) : null;
  for (const lineNo of new Set(lineNos)) {
    const line = lines.find((candidate) => candidate.lineNo === lineNo);
    if (!line || !amount) return { ok: false, code: 'line_not_on_worksheet', lineNo };
    if (paidLineNos.has(lineNo)) return { ok: false, code: 'line_already_paid', lineNo };
    amount = amount.plus(line.payable);
  }
  if (!amount?.isPositive()) return { ok: false, code: 'nothing_to_pay', lineNo: null };
  return { ok: true, amount };
}

/**
 * JPF-SETTLE-7: the scheduled items whose cover a payment ends — the total-loss lines it pays, and, once the claim
 * is fully paid, every total-loss line of the worksheet (each line has then been paid). An item is ended once; a
 * newly purchased item not on the schedule (JPF-ADD-2, itemNo null) has no cover of its own to end. A payment on
 * account (no lines) before the claim is fully paid ends nothing: a partial payment leaves the coverage amount.
 */
export function itemsEndingCover(
  lines: readonly WorksheetLineFacts[],
  paidLineNos: readonly number[],
  fullyPaid: boolean,
  alreadyEnded: ReadonlySet<number>,
): number[] {
  const items = new Set<number>();
  for (const line of lines) {
    if (!line.totalLoss || line.itemNo === null || alreadyEnded.has(line.itemNo)) continue;
    if (fullyPaid || paidLineNos.includes(line.lineNo)) items.add(line.itemNo);
  }
  return [...items].sort((a, b) => a - b);
}
