import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor, UserActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type ProductDefinition, rateQuote } from '../../products/index.ts';
import { findProductDefinition } from '../cancellation-repository.ts';
import { localDateOf } from '../domain/policy-period.ts';
import {
  chargedPremium,
  type ItemChange,
  nextItemNo,
  policyAsOf,
  premiumChangeOf,
  type TimelineItem,
  type TimelineProblem,
  type TimelineTransaction,
  timelineProblems,
  withTransaction,
} from '../domain/policy-timeline.ts';
import { underwrite, underwritingRulesOf } from '../domain/underwriting.ts';
import type { ReceivedVia, RequestedChange } from '../endorsement-repository.ts';
import type { Application, MailingAddress, Policy } from '../policies-repository.ts';
import { addedByOf, appendTransaction, itemToJson, type LoadedTimeline, loadTimeline, rebuildSchedule } from '../timeline-repository.ts';
import { cancellationErrors } from './cancellation-terms.ts';
import { billPremiumChange, type PremiumBilling } from './premium-billing.ts';
import { rerateRenewalOffer } from './rerate-renewal-offer.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

/**
 * The one computation of an endorsement (JPF-COND-9), used by the price preview and by the execution alike
 * (issue #3: "A price preview and the executed transaction use the same code and give the same amount").
 *
 * JPF-COND-9: items are added or changed on a written request with an appraisal by the selling or an approved
 * jeweler, effective on the postmark date of a mailed request or the submission date of an online one — which may
 * lie before changes already recorded (out of sequence: the timeline puts it in its place, decision 0009).
 * Removing an item or a named insured needs the signature of every named insured.
 */

export type LockedPolicy = Policy & { namedInsureds: string[]; mailingAddress: MailingAddress };

export type EndorsementInput = {
  changes: RequestedChange[];
  postmarkDate?: string | undefined;
  /** A stored request executing after its last signature keeps the effective date it was received with. */
  receivedEffectiveDate?: Temporal.PlainDate;
};

export type EndorsementTerms = {
  effectiveDate: Temporal.PlainDate;
  /** The postmark or submission date as received (before it is moved to the first day of a policy not yet started). */
  requestedOn: Temporal.PlainDate;
  receivedVia: ReceivedVia;
  itemChanges: ItemChange[];
  premiumChange: Money;
  chargedBefore: Money;
  chargedAfter: Money;
  /** Removals need every named insured's signature. */
  signaturesRequired: boolean;
  ratingDate: string;
};

function fieldError(status: number, code: string, key: Parameters<typeof makeError>[2], field: string, params: Record<string, string | number> = {}) {
  return makeError(status, code, key, params, field);
}

function makeError(
  status: number,
  code: string,
  key:
    | 'policies.endorsement.postmark_in_future'
    | 'policies.endorsement.postmark_only_by_staff'
    | 'policies.endorsement.postmark_before_issue'
    | 'policies.endorsement.effective_after_period'
    | 'policies.endorsement.duplicate_item_change'
    | 'policies.endorsement.duplicate_item'
    | 'policies.endorsement.appraisal_in_future'
    | 'policies.endorsement.item_not_on_schedule'
    | 'policies.endorsement.nothing_changed'
    | 'policies.endorsement.named_insured_unknown'
    | 'policies.endorsement.last_named_insured'
    | 'policies.endorsement.conflicts_with_later_transaction'
    | 'policies.endorsement.needs_underwriting',
  params: Record<string, string | number>,
  field: string | null,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(status, code, key, params, {
    ...extra,
    ...(field ? { errors: [{ field, code, messageKey: key, params }] } : {}),
  });
}

export const endorsementErrors = {
  requestNotPending: (status: string) => new AppError(409, 'endorsement_request_not_pending', 'policies.endorsement.request_not_pending', { status }),
  timeline: (problem: TimelineProblem, laterThan: boolean): AppError => {
    const date = problem.date.toString();
    switch (problem.code) {
      case 'named_insured_unknown':
        return makeError(422, problem.code, 'policies.endorsement.named_insured_unknown', { name: problem.name }, 'body.changes');
      case 'last_named_insured':
        return makeError(422, problem.code, 'policies.endorsement.last_named_insured', { name: problem.name }, 'body.changes');
      default:
        if (laterThan)
          return makeError(409, 'conflicts_with_later_transaction', 'policies.endorsement.conflicts_with_later_transaction', { date }, null, {
            transactionId: problem.transactionId,
          });
        return makeError(422, 'item_not_on_schedule', 'policies.endorsement.item_not_on_schedule', { date }, 'body.changes');
    }
  },
};

/** Holders and agents (their own policies) and underwriting staff (every policy) change schedules. */
export function requireEndorsementAccess(actor: Actor): asserts actor is UserActor {
  if (!can(actor, 'policies:underwrite')) requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
}

/** A request with a postmark date came by mail (entered by staff); otherwise it was submitted online. */
export function receivedViaOf(actor: UserActor, input: EndorsementInput): ReceivedVia {
  if (input.postmarkDate !== undefined) return 'mail';
  return actor.via === 'session' ? 'portal' : 'api';
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The effective date: the postmark of a mailed request (staff only), else today; never before the first day. */
function effectiveDateOf(deps: Deps, actor: Actor, policy: LockedPolicy, input: EndorsementInput, receivedVia: ReceivedVia) {
  const today = localDateOf(deps.clock.now(), policy.timeZone);
  let requestedOn = today;
  if (input.receivedEffectiveDate) requestedOn = input.receivedEffectiveDate;
  else if (input.postmarkDate !== undefined) {
    if (!can(actor, 'policies:underwrite')) throw fieldError(403, 'postmark_only_by_staff', 'policies.endorsement.postmark_only_by_staff', 'body.postmarkDate');
    requestedOn = Temporal.PlainDate.from(input.postmarkDate);
    if (Temporal.PlainDate.compare(requestedOn, today) > 0)
      throw fieldError(422, 'postmark_in_future', 'policies.endorsement.postmark_in_future', 'body.postmarkDate', { today: today.toString() });
    // A letter mailed before the policy was issued cannot ask to change it.
    const issuedOn = localDateOf(Temporal.Instant.from(policy.issuedAt), policy.timeZone);
    if (Temporal.PlainDate.compare(requestedOn, issuedOn) < 0)
      throw fieldError(422, 'postmark_before_issue', 'policies.endorsement.postmark_before_issue', 'body.postmarkDate', { issuedOn: issuedOn.toString() });
  }
  const firstDay = Temporal.PlainDate.from(policy.firstDay);
  const effectiveDate = Temporal.PlainDate.compare(requestedOn, firstDay) < 0 ? firstDay : requestedOn;
  if (Temporal.PlainDate.compare(effectiveDate, Temporal.PlainDate.from(policy.lastDay)) > 0)
    throw fieldError(422, 'effective_after_period', 'policies.endorsement.effective_after_period', receivedVia === 'mail' ? 'body.postmarkDate' : 'body', {
      lastDay: policy.lastDay,
    });
  return { today, requestedOn, effectiveDate };
}

export async function endorsementTerms(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: LockedPolicy,
  application: Application,
  loaded: LoadedTimeline,
  input: EndorsementInput,
  receivedVia: ReceivedVia,
): Promise<EndorsementTerms> {
  if (policy.status !== 'in_force') throw cancellationErrors.notInForce(policy.status);
  if (input.changes.length === 0) throw fieldError(422, 'nothing_changed', 'policies.endorsement.nothing_changed', 'body.changes');
  const { today, requestedOn, effectiveDate } = effectiveDateOf(deps, actor, policy, input, receivedVia);
  const { timeline } = loaded;
  const currency = policy.premium.currency;
  const before = policyAsOf(timeline, effectiveDate);

  // One change per item and per insured in one request.
  const touched = new Set<string>();
  for (const [index, change] of input.changes.entries()) {
    const key = change.op === 'remove_named_insured' ? `insured:${change.name}` : change.op === 'add' ? null : `item:${change.itemNo}`;
    if (key === null) continue;
    if (touched.has(key)) throw fieldError(422, 'duplicate_item_change', 'policies.endorsement.duplicate_item_change', `body.changes.${index}`);
    touched.add(key);
  }

  // The new versions of the items, before rating.
  type Draft = { index: number; itemNo: number; op: 'add' | 'change'; item: Omit<TimelineItem, 'annualPremium'> };
  const drafts: Draft[] = [];
  const changes: (ItemChange | Draft)[] = [];
  let itemNo = nextItemNo(timeline);
  for (const [index, change] of input.changes.entries()) {
    if (change.op === 'remove' || change.op === 'remove_named_insured') {
      if (change.op === 'remove' && !before.items.has(change.itemNo))
        throw fieldError(422, 'item_not_on_schedule', 'policies.endorsement.item_not_on_schedule', `body.changes.${index}.itemNo`, {
          date: effectiveDate.toString(),
        });
      changes.push(change);
      continue;
    }
    if (Temporal.PlainDate.compare(Temporal.PlainDate.from(change.appraisalDate), today) > 0)
      throw fieldError(422, 'appraisal_in_future', 'policies.endorsement.appraisal_in_future', `body.changes.${index}.appraisalDate`, {
        today: today.toString(),
      });
    if (change.op === 'add') {
      const duplicate = [...before.items].find(([, existing]) => sameText(existing.description, change.description) && existing.category === change.category);
      if (duplicate)
        throw fieldError(422, 'duplicate_item', 'policies.endorsement.duplicate_item', `body.changes.${index}.description`, { itemNo: duplicate[0] });
      const draft: Draft = {
        index,
        itemNo: itemNo++,
        op: 'add',
        item: {
          description: change.description.trim(),
          category: change.category,
          coverageAmount: Money.of(change.coverageAmount, currency),
          setId: change.setId ?? null,
          possessor: change.possessor ?? null,
          appraisalDate: change.appraisalDate,
          keptInSafe: change.keptInSafe,
          purchaseDate: null,
          appraisedBy: change.appraisedBy.trim(),
        },
      };
      drafts.push(draft);
      changes.push(draft);
      continue;
    }
    const current = before.items.get(change.itemNo);
    if (!current)
      throw fieldError(422, 'item_not_on_schedule', 'policies.endorsement.item_not_on_schedule', `body.changes.${index}.itemNo`, {
        date: effectiveDate.toString(),
      });
    const draft: Draft = {
      index,
      itemNo: change.itemNo,
      op: 'change',
      item: {
        ...current,
        description: change.description?.trim() ?? current.description,
        category: change.category ?? current.category,
        coverageAmount: change.coverageAmount === undefined ? current.coverageAmount : Money.of(change.coverageAmount, currency),
        keptInSafe: change.keptInSafe ?? current.keptInSafe,
        appraisalDate: change.appraisalDate,
        appraisedBy: change.appraisedBy.trim(),
      },
    };
    drafts.push(draft);
    changes.push(draft);
  }

  // Rated with the product and rates the policy was sold under: the application's rating date.
  const ratingDate = application.worksheet.ratingDate;
  const premiums: Money[] = [];
  if (drafts.length > 0) {
    const productCode = application.worksheet.product.code;
    const worksheet = await rateQuote({ ...deps, db: trx }, actor, {
      productCode,
      ratingDate,
      state: application.mailingAddress.state,
      deductible: application.deductible.toFixed(),
      items: drafts.map((draft) => ({ category: draft.item.category, coverageAmount: draft.item.coverageAmount.toFixed(), keptInSafe: draft.item.keptInSafe })),
    });
    for (const line of worksheet.items) premiums.push(line.premium);
  }
  const itemChanges: ItemChange[] = changes.map((change) => {
    if (!('index' in change)) return change;
    const annualPremium = premiums[drafts.indexOf(change)];
    if (!annualPremium) throw new Error('Rating returned fewer lines than items');
    return { op: change.op, itemNo: change.itemNo, item: { ...change.item, annualPremium } };
  });

  const candidate: TimelineTransaction = {
    id: 'candidate',
    kind: 'endorsement',
    effectiveDate,
    sequenceNo: Number.MAX_SAFE_INTEGER,
    itemChanges,
    reversed: false,
  };
  const after = withTransaction(timeline, candidate);
  const problems = timelineProblems(after).filter((problem) => !timelineProblems(timeline).some((old) => old.transactionId === problem.transactionId));
  const first = problems[0];
  if (first) throw endorsementErrors.timeline(first, first.transactionId !== 'candidate');

  // The product's underwriting rules apply to the schedule as changed; staff who underwrite decide themselves.
  if (!can(actor, 'policies:underwrite') && drafts.length > 0) {
    const definition = (await findProductDefinition(trx, policy.productVersionId)) as Pick<ProductDefinition, 'underwritingRules'> | null;
    if (definition) {
      const schedule = [...policyAsOf(after, effectiveDate).items.values()];
      const outcome = underwrite(
        schedule.map((item) => ({
          coverageAmount: item.coverageAmount,
          appraisalDate: item.appraisalDate === null ? null : Temporal.PlainDate.from(item.appraisalDate),
        })),
        underwritingRulesOf(definition.underwritingRules, currency),
        today,
      );
      if (outcome.decision === 'refer')
        throw makeError(422, 'needs_underwriting', 'policies.endorsement.needs_underwriting', {}, null, { referralReasons: outcome.reasons });
    }
  }

  return {
    effectiveDate,
    requestedOn,
    receivedVia,
    itemChanges,
    premiumChange: premiumChangeOf(timeline, candidate),
    chargedBefore: chargedPremium(timeline),
    chargedAfter: chargedPremium(after),
    signaturesRequired: itemChanges.some((change) => change.op === 'remove' || change.op === 'remove_named_insured'),
    ratingDate,
  };
}

export function endorsementTermsJson(terms: EndorsementTerms) {
  return {
    effectiveDate: terms.effectiveDate.toString(),
    requestedOn: terms.requestedOn.toString(),
    receivedVia: terms.receivedVia,
    premiumChange: terms.premiumChange.toJSON(),
    termPremiumBefore: terms.chargedBefore.toJSON(),
    termPremiumAfter: terms.chargedAfter.toJSON(),
    signaturesRequired: terms.signaturesRequired,
    ratingDate: terms.ratingDate,
    changes: terms.itemChanges.map((change) => (change.op === 'add' || change.op === 'change' ? { ...change, item: itemToJson(change.item) } : change)),
  };
}

export type ExecutedEndorsement = { transactionId: string; terms: EndorsementTerms; billing: PremiumBilling };

/**
 * Executes an endorsement in the caller's transaction: the 'endorsement' policy transaction, the schedule rebuilt
 * from the timeline, the written premium updated, the premium change billed, its document queued (JPF-COND-6) and
 * the audit event.
 */
export async function executeEndorsement(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: LockedPolicy,
  terms: EndorsementTerms,
  extra: Record<string, unknown>,
  origin: RequestOrigin,
): Promise<ExecutedEndorsement> {
  const transactionId = newId();
  const { premiumChange } = terms;
  await appendTransaction(trx, {
    id: transactionId,
    policyId: policy.id,
    kind: 'endorsement',
    effectiveDate: terms.effectiveDate.toString(),
    recordedAt: nowText(deps.clock),
    premiumChange,
    itemChanges: terms.itemChanges,
    details: {
      requestedOn: terms.requestedOn.toString(),
      receivedVia: terms.receivedVia,
      ratingDate: terms.ratingDate,
      termPremiumBefore: terms.chargedBefore.toJSON(),
      termPremiumAfter: terms.chargedAfter.toJSON(),
      ...extra,
    },
  });
  const reloaded = await loadTimeline(trx, policy);
  await rebuildSchedule(trx, policy.id, reloaded.timeline, addedByOf(reloaded.transactions));
  await trx.updateTable('policy').set({ premium: terms.chargedAfter.toFixed() }).where('id', '=', policy.id).execute();
  const today = localDateOf(deps.clock.now(), policy.timeZone).toString();
  const billing = await billPremiumChange(trx, deps, actor, policy, premiumChange, terms.chargedAfter, today, 'endorsement', origin);
  // JPF-COND-7: a renewal offered before this change renews the schedule as it now is.
  await rerateRenewalOffer(trx, deps, actor, policy, origin);
  await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'policy.endorsed',
      subject: { type: 'policy', id: policy.id },
      details: {
        policyNumber: policy.policyNumber,
        transactionId,
        effectiveDate: terms.effectiveDate.toString(),
        receivedVia: terms.receivedVia,
        premiumChange: premiumChange.toJSON(),
        changes: terms.itemChanges.map((change) => ({ op: change.op, ...(change.op === 'remove_named_insured' ? {} : { itemNo: change.itemNo }) })),
        ...billing,
      },
      requestId: origin.requestId,
    },
    deps.clock,
  );
  return { transactionId, terms, billing };
}
