import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { enqueueMail, isMailAddress, type MailTemplateName, type MailTemplates } from '../../../platform/mail/index.ts';
import type { Claim } from '../claims-repository.ts';
import { dueText, dutyText, formatDiaryDate } from '../diary-words.ts';
import { todayIn } from '../domain/claim-deadlines.ts';
import { DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import type { DutyRequest } from '../duty-repository.ts';
import type { JewelerOrder } from '../jeweler-order-repository.ts';
import type { StoredWorksheet } from '../settlement-repository.ts';
import { moneyText } from '../settlement-words.ts';
import { holderContact } from './duty-support.ts';

/**
 * Mails of the claims module that tell someone a step was taken (issue #4): the jeweler's new order (JPF-SETTLE-2),
 * the proof of loss accepted or rejected (JPF-DUTY-4), a settlement to review and agree (JPF-SETTLE-9), a duty request
 * withdrawn (JPF-DUTY-5). Each is written to the outbox in the caller's transaction, so it leaves only if the step
 * commits, in the recipient's language. Each returns whether a mail was queued: a person who is not active, was erased
 * or has no usable address gets none (the step still happens; its page shows it).
 */

async function mailUser<T extends MailTemplateName>(
  trx: Trx,
  deps: Deps,
  userId: string,
  template: T,
  params: (contact: { name: string; locale: 'en' | 'nl' }) => Omit<MailTemplates[T], 'name'>,
): Promise<boolean> {
  // Any user's address, name and language: the same rule (active, not erased) whoever the recipient is.
  const contact = await holderContact(trx, userId);
  if (!contact || !isMailAddress(contact.email)) return false;
  const filled = { name: contact.name, ...params(contact) } as MailTemplates[T];
  await enqueueMail(trx, { to: contact.email, locale: contact.locale, template, params: filled }, deps.clock);
  return true;
}

const portal = (deps: Deps, path: string) => `${deps.config.publicUrl}${path}`;

/**
 * JPF-SETTLE-2: the jeweler hears of the order in their language, with a link to their orders page. The mail carries
 * less than the order: its number, the claim number, the kind of work, the item (and the deductible to collect when
 * that is part of the order) — never the customer's name, address or phone, which the jeweler reads after logging in.
 */
export function mailJewelerOrder(trx: Trx, deps: Deps, order: JewelerOrder): Promise<boolean> {
  return mailUser(trx, deps, order.jewelerUserId, 'claim_jeweler_order_sent', ({ locale }) => ({
    link: portal(deps, '/portal/jeweler/orders'),
    orderNo: String(order.orderNo),
    claimNumber: order.claimNumber,
    work: translate(locale, `claims_polish.order_work.${order.kind}`),
    item: order.itemDescription,
    deductible:
      order.collectDeductible && order.deductible ? translate(locale, 'claims_polish.order_deductible', { amount: moneyText(locale, order.deductible) }) : '',
  }));
}

/** JPF-DUTY-4: a rejected proof of loss — the adjuster's reason and the deadline for a new one, relative to today. */
export function mailProofRejected(trx: Trx, deps: Deps, claim: Claim, reason: string, proofDueOn: string): Promise<boolean> {
  const today = todayIn(claim.timeZone, deps.clock.now());
  return mailUser(trx, deps, claim.holderUserId, 'claim_proof_of_loss_rejected', ({ locale }) => ({
    link: portal(deps, `/portal/claims/${claim.id}/proof-of-loss`),
    claimNumber: claim.claimNumber,
    // The template ends the reason with its own full stop.
    reason: reason.replace(/\.+$/, ''),
    due: dueText(locale, proofDueOn, today),
  }));
}

/**
 * JPF-DUTY-4 / JPF-SETTLE-9: an accepted proof of loss. With the amount agreed too, the mail gives the date we pay by;
 * otherwise it says the written agreement on the amount is what starts the 30 days.
 */
export function mailProofAccepted(trx: Trx, deps: Deps, claim: Claim, settlementDueOn: string | null): Promise<boolean> {
  return mailUser(trx, deps, claim.holderUserId, 'claim_proof_of_loss_accepted', ({ locale }) => ({
    link: portal(deps, `/portal/claims/${claim.id}`),
    claimNumber: claim.claimNumber,
    next: settlementDueOn
      ? translate(locale, 'claims_polish.proof_accepted.pay_by', { date: formatDiaryDate(locale, settlementDueOn) })
      : translate(locale, 'claims_polish.proof_accepted.agree_next'),
  }));
}

/** JPF-SETTLE-9: a new worksheet version — the amount, in plain words, and the link to review and agree to it. */
export function mailSettlementReady(trx: Trx, deps: Deps, claim: Claim, worksheet: StoredWorksheet): Promise<boolean> {
  return mailUser(trx, deps, claim.holderUserId, 'claim_settlement_ready', ({ locale }) => ({
    link: portal(deps, `/portal/claims/${claim.id}/settlement`),
    claimNumber: claim.claimNumber,
    amount: moneyText(locale, worksheet.totalPayable),
    next: translate(locale, worksheet.version > 1 ? 'claims_polish.settlement_ready.changed' : 'claims_polish.settlement_ready.first'),
  }));
}

/** JPF-DUTY-5: a withdrawn request — what they no longer need to do (the adjuster's reason stays in the audit trail). */
export function mailDutyWithdrawn(trx: Trx, deps: Deps, claim: Claim, request: DutyRequest): Promise<boolean> {
  const note = [request.details, request.place].filter((part) => part !== null).join(' — ') || null;
  return mailUser(trx, deps, claim.holderUserId, 'claim_duty_withdrawn', ({ locale }) => ({
    link: portal(deps, `/portal/claims/${claim.id}`),
    claimNumber: claim.claimNumber,
    duty: dutyText(locale, DUTY_REQUEST_RULES[request.kind].diaryKind, note),
  }));
}
