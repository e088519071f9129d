import { Temporal } from 'temporal-polyfill';
import { changeWithAuditEvents } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, hasRole } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { linkAppraisalFiles } from '../../files/index.ts';
import { assertPersonNotRestricted, type BirthDateInput, checkChildIntake, protectionErrors, recordChildIntake } from '../../privacy/index.ts';
import { productVersionForQuote, rateQuote, worksheetToJson } from '../../products/index.ts';
import { type ApplicationItem, applicationProblems } from '../domain/application-rules.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { underwrite, underwritingRulesOf } from '../domain/underwriting.ts';
import { policyErrors } from '../errors.ts';
import {
  type Application,
  type ApplicationItemRecord,
  applicationInsert,
  isActiveCustomer,
  type LossPayee,
  type MailingAddress,
  type OtherInsured,
} from '../policies-repository.ts';

export type QuoteApplicationInput = {
  productCode: string;
  /** Agents only: the customer the application is for. */
  clientUserId?: string | undefined;
  namedInsureds: string[];
  otherInsureds: OtherInsured[];
  mailingAddress: MailingAddress;
  timeZone: string;
  deductible: string;
  lossPayee?: LossPayee | null | undefined;
  items: (Omit<ApplicationItemRecord, 'appraisalDate' | 'possessor' | 'setId'> & {
    appraisalDate?: string | null | undefined;
    possessor?: string | null | undefined;
    setId?: string | null | undefined;
    /** Issue #3: the item's uploaded appraisal (files module), linked to the application. */
    appraisalFileId?: string | null | undefined;
  })[];
  /** PRV-CHILD-1: named insureds' dates of birth, when given (a minor needs a guardian's consent). */
  birthDates?: BirthDateInput[] | undefined;
};

/**
 * An application, quoted and underwritten at once (issue #3, "Quote, apply, underwrite, bind"): a
 * customer applies for themselves, an agent for a client (the agent is recorded). The items are rated
 * through the products module (the worksheet and premium are stored with the application), then the
 * product's underwriting rules approve it automatically or refer it to an underwriter. PRV-IP-1: the
 * IP address, time and user agent of the request are stored with the application.
 */
export async function quoteApplication(deps: Deps, actor: Actor, input: QuoteApplicationInput, origin: RequestOrigin): Promise<Application> {
  requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const forClient = input.clientUserId !== undefined && input.clientUserId !== actor.userId;
  if (forClient && !hasRole(actor, 'agent')) throw problems.forbidden();
  if (!forClient && hasRole(actor, 'agent') && !hasRole(actor, 'customer')) throw policyErrors.clientRequired();
  // PRV-RIGHT-4: a person whose processing is restricted gets no new application (409 processing_restricted).
  await assertPersonNotRestricted(deps.db, actor, forClient && input.clientUserId ? input.clientUserId : actor.userId);

  const now = deps.clock.now();
  let quoteDate: Temporal.PlainDate;
  try {
    // The quote date is today where the insured lives: the period and appraisal ages count from it.
    quoteDate = localDateOf(now, input.timeZone);
  } catch {
    throw policyErrors.applicationInvalid([{ field: 'timeZone', code: 'time_zone_invalid', value: input.timeZone }]);
  }
  const product = await productVersionForQuote(deps, actor, input.productCode, quoteDate.toString());
  const currency = product.currency;
  const items: ApplicationItemRecord[] = input.items.map((item) => ({
    description: item.description.trim(),
    category: item.category,
    coverageAmount: item.coverageAmount,
    appraisalDate: item.appraisalDate ?? null,
    keptInSafe: item.keptInSafe,
    giftOrEngagementRing: item.giftOrEngagementRing,
    possessor: item.possessor?.trim() || null,
    setId: item.setId ?? null,
  }));
  const domainItems: ApplicationItem[] = items.map((item) => ({
    ...item,
    coverageAmount: Money.of(item.coverageAmount, currency),
    appraisalDate: item.appraisalDate === null ? null : Temporal.PlainDate.from(item.appraisalDate),
  }));
  const found = applicationProblems({ namedInsureds: input.namedInsureds, items: domainItems }, quoteDate);
  if (found.length > 0) throw policyErrors.applicationInvalid(found);
  // PRV-CHILD-1: a named insured under 18 without a guardian's consent: refused before anything is used or written.
  const childIntake = checkChildIntake({ namedInsureds: input.namedInsureds, birthDates: input.birthDates ?? [] }, quoteDate, now);
  if (childIntake.problems.length > 0) throw protectionErrors.childIntake(childIntake.problems);

  // Unknown categories, amounts out of range, a deductible or state not offered: 422 not_ratable from rating.
  const worksheet = await rateQuote(deps, actor, {
    productCode: input.productCode,
    ratingDate: quoteDate.toString(),
    state: input.mailingAddress.state,
    deductible: input.deductible,
    items: items.map((item) => ({ category: item.category, coverageAmount: item.coverageAmount, keptInSafe: item.keptInSafe })),
  });
  const outcome = underwrite(domainItems, underwritingRulesOf(product.definition.underwritingRules, currency), quoteDate);
  const at = now.toString();
  const application: Application = {
    id: newId(),
    productVersionId: product.productVersionId,
    applicantUserId: forClient && input.clientUserId ? input.clientUserId : actor.userId,
    agentUserId: forClient ? actor.userId : null,
    status: outcome.decision === 'approve' ? 'approved' : 'referred',
    namedInsureds: input.namedInsureds.map((name) => name.trim()),
    otherInsureds: input.otherInsureds.map((other) => ({ name: other.name.trim(), relation: other.relation })),
    mailingAddress: input.mailingAddress,
    timeZone: input.timeZone,
    deductible: Money.of(input.deductible, currency),
    lossPayee: input.lossPayee ?? null,
    items: items.map((item, index) => ({ ...item, coverageAmount: domainItems[index]?.coverageAmount.toFixed() ?? item.coverageAmount })),
    worksheet: worksheetToJson(worksheet),
    premium: worksheet.total,
    referralReasons: outcome.decision === 'refer' ? outcome.reasons : [],
    submittedIp: origin.ip,
    submittedAt: nowText(deps.clock),
    userAgent: origin.userAgent,
    // Automatic decisions are marked as automatic (issue #3).
    decision:
      outcome.decision === 'approve' ? { by: 'system:underwriting', automatic: true, reason: 'All underwriting rules of the product are met', at } : null,
    createdAt: nowText(deps.clock),
  };
  const record = async (db: Db) => {
    // The application and its event in one statement (changeWithAuditEvents, docs/operations/performance.md).
    await changeWithAuditEvents(
      db,
      applicationInsert(application),
      [
        {
          actor,
          action: 'application.quoted',
          subject: { type: 'application', id: application.id },
          details: {
            status: application.status,
            premium: application.premium.toJSON(),
            product: worksheet.product,
            items: items.length,
            agent: application.agentUserId !== null,
            referralReasons: application.referralReasons.map((reason) => reason.code),
          },
          // PRV-IP-1: the evidence is personal data, kept out of the hashed part of the event.
          personalDetails: { ip: origin.ip, userAgent: origin.userAgent },
          requestId: origin.requestId,
        },
      ],
      deps.clock,
    );
  };
  // A customer's own application without uploads is one statement, atomic on its own: no transaction needed.
  const needsTransaction = application.agentUserId !== null || input.items.some((item) => item.appraisalFileId) || childIntake.checked.length > 0;
  if (!needsTransaction) {
    await record(deps.db);
    return application;
  }
  return inTransaction(deps.db, async (trx) => {
    if (application.agentUserId !== null && !(await isActiveCustomer(trx, application.applicantUserId))) throw policyErrors.clientNotFound();
    await record(trx);
    // Issue #3: each item's appraisal upload must be the applicant's (or the acting agent's) and unused; else 422, nothing written.
    await linkAppraisalFiles(
      trx,
      actor,
      application,
      input.items.map((item) => item.appraisalFileId),
      deps.clock,
      origin.requestId,
    );
    // PRV-CHILD-1, PRV-SEC-1: dates of birth (encrypted) and guardian consents, with the application or not at all.
    await recordChildIntake(deps, trx, actor, {
      applicationId: application.id,
      applicantUserId: application.applicantUserId,
      checked: childIntake.checked,
      requestId: origin.requestId,
    });
    return application;
  });
}
