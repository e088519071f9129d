import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { Money } from '../../../platform/money.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { cancelInvoice, issueInvoices } from '../../billing/index.ts';
import { restrictedAmong } from '../../privacy/index.ts';
import { type RatingBasis, ratePolicy, ratingBasisOn, worksheetToJson } from '../../products/index.ts';
import { inclusiveDays, type PolicyPeriod } from '../domain/policy-period.ts';
import {
  DEFAULT_OFFER_DAYS_BEFORE,
  type RenewableItem,
  renewalDueOn,
  renewalRatingRequest,
  renewalTerm,
  renewedItemChanges,
  settlementOf,
} from '../domain/renewal.ts';
import {
  closeOffers,
  findRun,
  insertFailures,
  insertOffers,
  longestOfferLead,
  type NewOffer,
  type OfferCandidate,
  type RenewableItemRow,
  type RenewalRun,
  type RunProgress,
  recordProgress,
  renewTerms,
  selectOfferCandidates,
  selectOffersToSettle,
  selectRenewableItems,
  setOfferInvoices,
} from '../renewal-repository.ts';
import { changesToJson } from '../timeline-repository.ts';

/**
 * Runs a renewal run to its end (JPF-COND-7), one batch per transaction:
 *  1. offer: the in-force policies whose offer date has come, in keyset order (last day, id), each re-rated with
 *     the product version and rate tables in force at its anniversary (loaded once per product and anniversary
 *     per batch, rated in memory with ratePolicy), its worksheet stored with the offer, and a renewal invoice due
 *     at the anniversary;
 *  2. settle: the offers whose anniversary has come — paid → the next term from the anniversary; unpaid after
 *     the due date → lapse (the policy ends at the end of its period, the invoice is cancelled).
 * Each batch commits its work, the cursor and the counters together, so a crash loses at most the batch in
 * flight and the next call (or the next run started, which continues this one) carries on from the cursor.
 * renewal_offer.policy_id is unique and inserted with ON CONFLICT DO NOTHING: running twice offers once.
 * Batches of the same run take the run row's lock, so two workers on one run take turns rather than collide.
 */
export type RunRenewalOptions = {
  /** Policies (or offers) per transaction; 1,000 by default. */
  batchSize?: number;
  /** Stop between batches (the worker is shutting down); the run stays 'running' and resumable. */
  signal?: AbortSignal;
  /** Called inside each batch's transaction before it commits (tests simulate a crash here). */
  beforeCommit?: (batchNo: number) => void | Promise<void>;
};

const DEFAULT_BATCH = 1000;
const START_OF_TIME = { date: '0001-01-01', id: '00000000-0000-0000-0000-000000000000' };

export async function runRenewal(deps: Deps, actor: Actor, runId: string, options: RunRenewalOptions = {}): Promise<RenewalRun> {
  requirePermission(actor, 'renewals:manage');
  const batchSize = Math.max(1, Math.min(options.batchSize ?? DEFAULT_BATCH, 5000));
  for (;;) {
    if (options.signal?.aborted) break;
    const finished = await inTransaction(deps.db, async (trx) => {
      const run = await findRun(trx, runId, { forUpdate: true });
      if (run?.status !== 'running') return true;
      const inner: Deps = { ...deps, db: trx };
      const progress = run.phase === 'offer' ? await offerBatch(inner, trx, actor, run, batchSize) : await settleBatch(inner, trx, actor, run, batchSize);
      await options.beforeCommit?.(run.batches + 1);
      await recordProgress(trx, run.id, progress, nowText(deps.clock));
      return progress.finished === true;
    });
    if (finished) break;
  }
  const run = await findRun(deps.db, runId);
  if (!run) throw new Error(`renewal_run ${runId} vanished`);
  return run;
}

function utcDate(instant: string): Temporal.PlainDate {
  return Temporal.Instant.from(instant).toZonedDateTimeISO('UTC').toPlainDate();
}

function cursorOf(run: RenewalRun) {
  return { afterDate: run.cursorDate ?? START_OF_TIME.date, afterId: run.cursorId ?? START_OF_TIME.id };
}

async function offerBatch(deps: Deps, trx: Trx, actor: Actor, run: RenewalRun, limit: number): Promise<RunProgress> {
  const lead = await longestOfferLead(trx, DEFAULT_OFFER_DAYS_BEFORE);
  // today in any zone ≤ the UTC date + 1, and anniversary = last day + 1 ≤ today + lead: so last day ≤ UTC date + lead.
  const horizon = utcDate(run.asOf)
    .add({ days: lead + 1 })
    .toString();
  const candidates = await selectOfferCandidates(trx, { asOf: run.asOf, horizon, ...cursorOf(run), limit, defaultLead: DEFAULT_OFFER_DAYS_BEFORE });
  const last = candidates.at(-1);
  if (!last) return { phase: 'settle', cursorDate: null, cursorId: null };

  const itemsByPolicy = groupItems(
    await selectRenewableItems(
      trx,
      candidates.map((candidate) => candidate.id),
    ),
  );
  const bases = new Map<string, Promise<RatingBasis | null>>();
  const basisFor = (productCode: string, ratingDate: string) => {
    const key = `${productCode}|${ratingDate}`;
    let basis = bases.get(key);
    if (!basis) {
      basis = ratingBasisOn(deps, actor, productCode, ratingDate);
      bases.set(key, basis);
    }
    return basis;
  };

  const now = nowText(deps.clock);
  const offers: (NewOffer & { candidate: OfferCandidate; dueOn: string })[] = [];
  const failures: { run_id: string; policy_id: string; problems: unknown; created_at: string }[] = [];
  let skipped = 0;
  // PRV-RIGHT-4: no renewal offer uses a restricted holder's data; the failure is listed and the next run tries again.
  const restricted = await restrictedAmong(
    trx,
    candidates.map((candidate) => candidate.holderUserId),
  );
  for (const candidate of candidates) {
    if (restricted.has(candidate.holderUserId)) {
      failures.push({ run_id: run.id, policy_id: candidate.id, problems: [{ code: 'processing_restricted' }], created_at: now });
      continue;
    }
    const period = policyPeriodOf(candidate);
    const anniversary = period.lastDay.add({ days: 1 });
    const items = (itemsByPolicy.get(candidate.id) ?? []).map((row) => renewableItem(row, candidate));
    // Every item was removed during the term: there is nothing to renew, the policy simply runs out.
    if (items.length === 0) {
      skipped += 1;
      continue;
    }
    const basis = await basisFor(candidate.productCode, anniversary.toString());
    if (!basis) {
      failures.push({ run_id: run.id, policy_id: candidate.id, problems: [{ code: 'no_version_in_force', value: anniversary.toString() }], created_at: now });
      continue;
    }
    const request = renewalRatingRequest({ period, state: candidate.state, deductible: Money.of(candidate.deductible, candidate.currency), items });
    const rated = ratePolicy(request, basis.product, basis.tables);
    if (!rated.ok) {
      failures.push({ run_id: run.id, policy_id: candidate.id, problems: rated.problems, created_at: now });
      continue;
    }
    const term = renewalTerm(period);
    const today = Temporal.PlainDate.from(candidate.today);
    offers.push({
      id: newId(),
      policy_id: candidate.id,
      run_id: run.id,
      product_version_id: basis.productVersionId,
      offer_date: candidate.today,
      anniversary: anniversary.toString(),
      renewal_first_day: term.firstDay.toString(),
      renewal_last_day: term.lastDay.toString(),
      premium: rated.worksheet.total.toFixed(),
      currency: candidate.currency,
      worksheet: worksheetToJson(rated.worksheet),
      item_changes: changesToJson(renewedItemChanges(items, rated.worksheet)),
      created_at: now,
      candidate,
      dueOn: renewalDueOn(anniversary, today).toString(),
    });
  }

  const made = await insertOffers(
    trx,
    offers.map(({ candidate: _candidate, dueOn: _dueOn, ...offer }) => offer),
  );
  // A policy that got its offer from another run meanwhile is skipped, not offered twice.
  skipped += offers.length - made.size;
  const madeOffers = offers.filter((offer) => made.has(offer.id));
  // JPF-COND-7: the renewal invoice is due at the anniversary. One set-based call for the batch (billing's
  // issueInvoices: the rows issueInvoice writes, without five round trips per invoice); joins this transaction.
  const issued = await issueInvoices(
    deps,
    actor,
    madeOffers.map((offer) => ({
      holderUserId: offer.candidate.holderUserId,
      policyId: offer.policy_id,
      policyNumber: offer.candidate.policyNumber,
      kind: 'renewal' as const,
      amount: offer.premium,
      currency: offer.currency,
      issuedOn: offer.offer_date,
      dueOn: offer.dueOn,
    })),
    SYSTEM_ORIGIN,
  );
  const invoices = madeOffers.map((offer, index) => ({ offer_id: offer.id, invoice_id: (issued[index] as (typeof issued)[number]).id }));
  await setOfferInvoices(trx, invoices);
  await insertFailures(trx, failures);
  // Audit: one event per batch naming every policy offered (and failed), not one per offer; billing adds one
  // 'invoices.issued' event listing each renewal invoice with its policy, amount and due date. The batch is one
  // decision of one actor at one instant from one cursor position, and its policy ids make "what happened to
  // policy X" answerable from the audit log (a details search), while 100,000 renewals add 200 audit rows
  // instead of 200,000 for the sealer to hash one by one (docs/decisions/0004) — the per-offer facts (premium,
  // worksheet, dates) are in renewal_offer and the invoices themselves.
  if (made.size > 0 || failures.length > 0)
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'renewal.offered',
        subject: { type: 'renewal_run', id: run.id },
        details: {
          batch: run.batches + 1,
          policyIds: madeOffers.map((offer) => offer.policy_id),
          offerIds: madeOffers.map((offer) => offer.id),
          failedPolicyIds: failures.map((failure) => failure.policy_id),
        },
      },
      deps.clock,
    );
  return {
    phase: 'offer',
    cursorDate: last.lastDay,
    cursorId: last.id,
    processed: candidates.length,
    offered: made.size,
    skipped,
    failed: failures.length,
  };
}

async function settleBatch(deps: Deps, trx: Trx, actor: Actor, run: RenewalRun, limit: number): Promise<RunProgress> {
  const horizon = utcDate(run.asOf).add({ days: 1 }).toString();
  const offers = await selectOffersToSettle(trx, { asOf: run.asOf, horizon, ...cursorOf(run), limit });
  const last = offers.at(-1);
  if (!last) return { phase: 'done', cursorDate: null, cursorId: null, finished: true };
  const now = nowText(deps.clock);
  const renewals: { offer_id: string; policy_id: string; transaction_id: string; old_policy_id: string }[] = [];
  const lapsed: typeof offers = [];
  const withdrawn: typeof offers = [];
  for (const offer of offers) {
    const anniversary = Temporal.PlainDate.from(offer.anniversary);
    const decision = settlementOf({
      policyStatus: offer.policyStatus,
      invoiceStatus: offer.invoiceStatus,
      dueOn: offer.dueOn ? Temporal.PlainDate.from(offer.dueOn) : anniversary,
      today: Temporal.PlainDate.from(offer.today),
    });
    if (decision === 'renew') renewals.push({ offer_id: offer.id, policy_id: newId(), transaction_id: newId(), old_policy_id: offer.policyId });
    else if (decision === 'lapse') lapsed.push(offer);
    else if (decision === 'withdraw') withdrawn.push(offer);
  }

  // JPF-COND-7, paid: the renewal term takes effect from the anniversary.
  await renewTerms(
    trx,
    renewals.map(({ old_policy_id: _old, ...renewal }) => renewal),
    now,
  );
  // The renewal term's declarations page leaves through the outbox, as at issue (JPF-COND-6: every change has its document).
  for (const renewal of renewals)
    await enqueueJob(
      trx,
      { kind: 'documents.declarations', payload: { policyId: renewal.policy_id }, dedupeKey: `documents.declarations:${renewal.policy_id}` },
      deps.clock,
    );
  // JPF-COND-7, unpaid: the offer is not accepted and the policy ends at the end of its period.
  await closeOffers(
    trx,
    lapsed.map((offer) => offer.id),
    'lapsed',
    now,
  );
  await closeOffers(
    trx,
    withdrawn.map((offer) => offer.id),
    'withdrawn',
    now,
  );
  const uncancelled: string[] = [];
  for (const offer of [...lapsed, ...withdrawn])
    if (offer.invoiceId && offer.invoiceStatus === 'open') {
      const reason = lapsed.includes(offer) ? 'Renewal not paid by its due date (JPF-COND-7)' : 'Renewal withdrawn: the policy is no longer in force';
      const cancelled = await cancelUnlessPaidInPart(deps, actor, offer.invoiceId, reason, SYSTEM_ORIGIN);
      if (!cancelled) uncancelled.push(offer.invoiceId);
    }
  if (offers.length > 0 && renewals.length + lapsed.length + withdrawn.length > 0)
    // One event per batch with the policy ids, as for the offers (see offerBatch); each invoice cancelled has its own.
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'renewal.settled',
        subject: { type: 'renewal_run', id: run.id },
        details: {
          batch: run.batches + 1,
          renewed: renewals.map((renewal) => ({ policyId: renewal.old_policy_id, renewalPolicyId: renewal.policy_id, offerId: renewal.offer_id })),
          lapsedPolicyIds: lapsed.map((offer) => offer.policyId),
          withdrawnPolicyIds: withdrawn.map((offer) => offer.policyId),
          invoicesLeftOpen: uncancelled,
        },
      },
      deps.clock,
    );
  return {
    phase: 'settle',
    cursorDate: last.anniversary,
    cursorId: last.id,
    processed: offers.length,
    renewed: renewals.length,
    lapsed: lapsed.length,
    withdrawn: withdrawn.length,
  };
}

/**
 * An invoice with part of it paid cannot be cancelled (billing answers invoice_partially_paid): the money
 * received must be refunded or settled by staff first, so it is left open and named in the audit event.
 */
async function cancelUnlessPaidInPart(deps: Deps, actor: Actor, invoiceId: string, reason: string, origin: RequestOrigin): Promise<boolean> {
  try {
    await cancelInvoice(deps, actor, invoiceId, reason, origin);
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'invoice_partially_paid' || error.code === 'invoice_not_open')) return false;
    throw error;
  }
}

/** The period as stored (decision 0005: the stored first and last day are the term; days recounted from them). */
function policyPeriodOf(candidate: OfferCandidate): PolicyPeriod {
  const firstDay = Temporal.PlainDate.from(candidate.firstDay);
  const lastDay = Temporal.PlainDate.from(candidate.lastDay);
  return { firstDay, lastDay, days: inclusiveDays(firstDay, lastDay) };
}

function groupItems(rows: readonly RenewableItemRow[]): Map<string, RenewableItemRow[]> {
  const byPolicy = new Map<string, RenewableItemRow[]>();
  for (const row of rows) {
    const list = byPolicy.get(row.policyId);
    if (list) list.push(row);
    else byPolicy.set(row.policyId, [row]);
  }
  return byPolicy;
}

function renewableItem(row: RenewableItemRow, candidate: OfferCandidate): RenewableItem {
  return renewableItemOf(row, candidate.currency);
}

/** A scheduled item as renewed (also when an open offer is re-rated after a schedule change: rerate-renewal-offer.ts). */
export function renewableItemOf(row: RenewableItemRow, currency: OfferCandidate['currency']): RenewableItem {
  return {
    itemNo: row.itemNo,
    description: row.description,
    category: row.category,
    coverageAmount: Money.of(row.coverageAmount, currency),
    setId: row.setId,
    possessor: row.possessor,
    appraisalDate: row.appraisalDate,
    keptInSafe: row.keptInSafe,
    purchaseDate: row.purchaseDate,
    appraisedBy: row.appraisedBy,
  };
}
