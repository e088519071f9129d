import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { newJobRow } from '../../../platform/jobs/index.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { issueInvoice } from '../../billing/index.ts';
import { assertPersonNotRestricted } from '../../privacy/index.ts';
import { inceptionProblem } from '../domain/inception.ts';
import { localDateOf, policyPeriod } from '../domain/policy-period.ts';
import { policyErrors } from '../errors.ts';
import { findApplicationVisibleTo, findPolicyOfApplication, insertBoundPolicy, type Policy, type ScheduledItem } from '../policies-repository.ts';
import type { PolicyDetail } from './read-policies.ts';

/**
 * Binds an approved application into a policy (issue #3): a policy number, a 12-month period from the
 * requested inception date counted in the insured's time zone (decision 0005: first day .. anniversary
 * − 1, cover from 00:01), the items copied to the schedule (JPF-DEF-1) and the 'issue' policy
 * transaction with the premium. An application binds once: a second bind is 409 (a retry with the same
 * Idempotency-Key replays the first response instead, at the route).
 *
 * Answers the policy as getPolicy would read it right after (the application, now bound, and the
 * schedule), so the route need not read back what was just written (docs/operations/performance.md).
 */
export async function bindPolicy(
  deps: Deps,
  actor: Actor,
  applicationId: string,
  input: { inceptionDate: string },
  origin: RequestOrigin,
): Promise<PolicyDetail> {
  requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const application = await findApplicationVisibleTo(trx, actor, applicationId, { forUpdate: true });
    if (!application) throw problems.notFound();
    if (application.status === 'bound') {
      const bound = await findPolicyOfApplication(trx, applicationId);
      throw policyErrors.alreadyBound(bound?.policyNumber ?? '');
    }
    if (application.status !== 'approved') throw policyErrors.notApproved(application.status);
    // PRV-RIGHT-4: binding uses the applicant's data; refused while their processing is restricted.
    await assertPersonNotRestricted(trx, actor, application.applicantUserId);
    const now = deps.clock.now();
    const today = localDateOf(now, application.timeZone);
    const inception = Temporal.PlainDate.from(input.inceptionDate);
    const refused = inceptionProblem(inception, today);
    if (refused) throw policyErrors.inception(refused);

    const period = policyPeriod(inception);
    const currency = application.premium.currency;
    const unnumbered: Omit<Policy, 'policyNumber'> = {
      id: newId(),
      applicationId,
      holderUserId: application.applicantUserId,
      agentUserId: application.agentUserId,
      productVersionId: application.productVersionId,
      firstDay: period.firstDay.toString(),
      lastDay: period.lastDay.toString(),
      timeZone: application.timeZone,
      status: 'in_force',
      premium: application.premium,
      issuedAt: nowText(deps.clock),
    };
    const schedule: ScheduledItem[] = application.items.map((item, index) => ({
      itemNo: index + 1,
      description: item.description,
      category: item.category,
      coverageAmount: Money.of(item.coverageAmount, currency),
      setId: item.setId,
      possessor: item.possessor,
      appraisalDate: item.appraisalDate,
      keptInSafe: item.keptInSafe,
      annualPremium: itemPremium(application, index),
      // As findScheduledItems reads a new schedule back.
      purchaseDate: null,
      removedOn: null,
      appraisedBy: null,
    }));
    // The policy (numbered from the sequence inside the INSERT, formatPolicyNumber's form for the
    // year of issue), its schedule, the issue transaction, the application marked bound and the
    // declarations page's outbox job: one statement. The documents module's job renders and stores the
    // page once the policy is committed (DESIGN §2); the key makes it one job per policy.
    const declarationsJob = newJobRow(
      { kind: 'documents.declarations', payload: { policyId: unnumbered.id }, dedupeKey: `documents.declarations:${unnumbered.id}` },
      deps.clock,
    );
    // The holder's billing account is opened (or found) with the first invoice's number by it too.
    const { policyNumber, opened } = await insertBoundPolicy(
      trx,
      unnumbered,
      today.year,
      schedule,
      { id: newId(), recordedAt: unnumbered.issuedAt, details: { applicationId, days: period.days, worksheetTotal: application.worksheet.total } },
      declarationsJob,
      { id: newId(), createdAt: unnumbered.issuedAt },
    );
    const { id: policyId, ...rest } = unnumbered;
    const policy: Policy = { id: policyId, policyNumber, ...rest };
    // The first invoice is part of issuing: it commits with the policy or not at all. The premium is
    // due on the first day of cover. The 'policy.issued' event is written with the invoice's event,
    // in one insert (issueInvoice's alsoRecord), after it, as before.
    await issueInvoice(
      { ...deps, db: trx },
      actor,
      {
        holderUserId: policy.holderUserId,
        policyId: policy.id,
        policyNumber: policy.policyNumber,
        kind: 'premium',
        amount: policy.premium.toFixed(),
        currency: policy.premium.currency,
        issuedOn: today.toString(),
        dueOn: Temporal.PlainDate.compare(period.firstDay, today) > 0 ? period.firstDay.toString() : today.toString(),
      },
      origin,
      {
        alsoRecord: [
          {
            actor,
            action: 'policy.issued',
            subject: { type: 'policy', id: policy.id },
            details: { policyNumber: policy.policyNumber, applicationId, firstDay: policy.firstDay, lastDay: policy.lastDay, premium: policy.premium.toJSON() },
            requestId: origin.requestId,
          },
        ],
        opened,
      },
    );
    return { ...policy, application: { ...application, status: 'bound' }, schedule };
  });
}

/** The item's premium for a whole term, from the application's rating worksheet (decision 0009). */
function itemPremium(application: { worksheet: { items: readonly { premium: { amount: string } }[] }; premium: Money }, index: number): Money {
  const rated = application.worksheet.items[index];
  if (!rated) throw new Error(`The worksheet has no line for item ${index + 1}`);
  return Money.of(rated.premium.amount, application.premium.currency);
}
