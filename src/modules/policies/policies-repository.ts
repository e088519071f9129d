import { type Selectable, sql } from 'kysely';
import type { AuditedChangeQuery } from '../../platform/audit/index.ts';
import { scopeApplications, scopePolicies } from '../../platform/auth/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { runShaped } from '../../platform/db/precompiled.ts';
import type { ApplicationStatus, ApplicationTable, PolicyStatus, PolicyTable } from '../../platform/db/schema.ts';
import { JOB_ROW_COLUMNS, type NewJobRow } from '../../platform/jobs/index.ts';
import { Money } from '../../platform/money.ts';
import { type OpenedAccount, openAccountCtes, openedAccountColumns, openedAccountOf } from '../billing/index.ts';
import type { RatingWorksheetJson } from '../products/index.ts';
import type { OtherInsuredRelation } from './domain/application-rules.ts';
import type { ItemChange } from './domain/policy-timeline.ts';
import type { ReferralReason } from './domain/underwriting.ts';
import { changesToJson, type LoadedTimeline, timelineOfRows, transactionRowsJson } from './timeline-repository.ts';

/** SQL only; returns the policies module's own types. Dates are 'YYYY-MM-DD', instants ISO 8601 strings. */

export type MailingAddress = { street: string; city: string; state: string; postalCode: string; country: 'US' };
export type OtherInsured = { name: string; relation: OtherInsuredRelation };
export type LossPayee = { name: string; address: string | null };
export type ApplicationItemRecord = {
  description: string;
  category: string;
  coverageAmount: string;
  appraisalDate: string | null;
  keptInSafe: boolean;
  giftOrEngagementRing: boolean;
  possessor: string | null;
  setId: string | null;
};
export type Decision = { by: string; automatic: boolean; reason: string; at: string };

export type Application = {
  id: string;
  productVersionId: string;
  applicantUserId: string;
  agentUserId: string | null;
  status: ApplicationStatus;
  namedInsureds: string[];
  otherInsureds: OtherInsured[];
  mailingAddress: MailingAddress;
  timeZone: string;
  deductible: Money;
  lossPayee: LossPayee | null;
  items: ApplicationItemRecord[];
  worksheet: RatingWorksheetJson;
  premium: Money;
  referralReasons: ReferralReason[];
  /** PRV-IP-1: the evidence of the online application. */
  submittedIp: string | null;
  submittedAt: string;
  userAgent: string | null;
  decision: Decision | null;
  createdAt: string;
};

export type ScheduledItem = {
  itemNo: number;
  description: string;
  category: string;
  coverageAmount: Money;
  setId: string | null;
  possessor: string | null;
  appraisalDate: string | null;
  keptInSafe: boolean;
  /** The item's premium for a whole term, as rated (decision 0009). */
  annualPremium: Money;
  /** JPF-ADD-1: the purchase date of a newly purchased item. */
  purchaseDate?: string | null;
  /** The first day without cover after the item was removed; null while on the schedule. */
  removedOn?: string | null;
  /** JPF-COND-9: the jeweler who appraised a changed or added item. */
  appraisedBy?: string | null;
};

export type Policy = {
  id: string;
  policyNumber: string;
  applicationId: string;
  holderUserId: string;
  agentUserId: string | null;
  productVersionId: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  status: PolicyStatus;
  premium: Money;
  issuedAt: string;
};

const APPLICATION_COLUMNS = [
  'application.id',
  'application.product_version_id',
  'application.applicant_user_id',
  'application.agent_user_id',
  'application.status',
  'application.named_insureds',
  'application.other_insureds',
  'application.mailing_address',
  'application.time_zone',
  'application.deductible',
  'application.loss_payee',
  'application.items',
  'application.worksheet',
  'application.premium',
  'application.currency',
  'application.referral_reasons',
  'application.submitted_ip',
  'application.submitted_at',
  'application.user_agent',
  'application.decision',
  'application.created_at',
] as const;

/** A row as the database returns it; the table's types live once, in schema.ts. */
type ApplicationRow = Selectable<ApplicationTable>;

// The jsonb columns are written only by this repository from validated values, so they are read back as such.
function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    productVersionId: row.product_version_id,
    applicantUserId: row.applicant_user_id,
    agentUserId: row.agent_user_id,
    status: row.status,
    namedInsureds: row.named_insureds as string[],
    otherInsureds: row.other_insureds as OtherInsured[],
    mailingAddress: row.mailing_address as MailingAddress,
    timeZone: row.time_zone,
    deductible: Money.of(row.deductible, row.currency),
    lossPayee: row.loss_payee as LossPayee | null,
    items: row.items as ApplicationItemRecord[],
    worksheet: row.worksheet as RatingWorksheetJson,
    premium: Money.of(row.premium, row.currency),
    referralReasons: row.referral_reasons as ReferralReason[],
    submittedIp: row.submitted_ip,
    submittedAt: row.submitted_at,
    userAgent: row.user_agent,
    decision: row.decision as Decision | null,
    createdAt: row.created_at,
  };
}

/**
 * The application's INSERT as a shaped query (src/platform/db/precompiled.ts): quoteApplication runs
 * it with its audit event in one statement compiled once (changeWithAuditEvents). jsonb values go as
 * JSON text: the pg driver would send a JS array as a PostgreSQL array.
 */
export function applicationInsert(application: Application): AuditedChangeQuery<'application'> {
  return {
    shape: 'policies.application',
    values: [
      application.id,
      application.productVersionId,
      application.applicantUserId,
      application.agentUserId,
      application.status,
      JSON.stringify(application.namedInsureds),
      JSON.stringify(application.otherInsureds),
      JSON.stringify(application.mailingAddress),
      application.timeZone,
      application.deductible.toFixed(),
      application.lossPayee === null ? null : JSON.stringify(application.lossPayee),
      JSON.stringify(application.items),
      JSON.stringify(application.worksheet),
      application.premium.toFixed(),
      application.premium.currency,
      JSON.stringify(application.referralReasons),
      application.submittedIp,
      application.submittedAt,
      application.userAgent,
      application.decision === null ? null : JSON.stringify(application.decision),
      application.createdAt,
    ],
    build: (db, value) =>
      db.insertInto('application').values({
        id: value(0),
        product_version_id: value(1),
        applicant_user_id: value(2),
        agent_user_id: value(3),
        status: value(4),
        named_insureds: value(5),
        other_insureds: value(6),
        mailing_address: value(7),
        time_zone: value(8),
        deductible: value(9),
        loss_payee: value(10),
        items: value(11),
        worksheet: value(12),
        premium: value(13),
        currency: value(14),
        referral_reasons: value(15),
        submitted_ip: value(16),
        submitted_at: value(17),
        user_agent: value(18),
        decision: value(19),
        created_at: value(20),
      }),
  };
}

export async function findApplicationVisibleTo(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<Application | null> {
  const query = scopeApplications(actor)(db.selectFrom('application').select(APPLICATION_COLUMNS)).where('application.id', '=', id);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row ? toApplication(row) : null;
}

/** The underwriter's queue: referred applications, oldest first. */
export async function listReferredApplications(db: Db, actor: Actor, limit: number): Promise<Application[]> {
  const rows = await scopeApplications(actor)(db.selectFrom('application').select(APPLICATION_COLUMNS))
    .where('application.status', '=', 'referred')
    .orderBy('application.submitted_at')
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map(toApplication);
}

export async function updateApplicationStatus(db: Db, id: string, status: ApplicationStatus, decision?: Decision): Promise<void> {
  await db
    .updateTable('application')
    .set({ status, ...(decision !== undefined && { decision: JSON.stringify(decision) }) })
    .where('id', '=', id)
    .execute();
}

/**
 * Whether a user is an active customer, so an agent can apply for them. This reads the accounts
 * module's tables directly: a parties module with agent–client relationships will replace it.
 */
export async function isActiveCustomer(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select('app_user.id')
    .where('app_user.id', '=', userId)
    .where('app_user.status', '=', 'active')
    .where('user_role.role', '=', 'customer')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Binding's writes as ONE statement (bench/quote-to-issue.ts, docs/operations/performance.md): the
 * policy with its number taken from `policy_number_seq` inside the INSERT (the same text as
 * formatPolicyNumber: `JW-<year>-<sequence, at least 6 digits>`), its schedule, the 'issue' policy
 * transaction and the application marked bound, as data-modifying CTEs. The foreign keys of the
 * schedule and the transaction are checked at the end of the statement, when the policy row exists.
 * The policy, its schedule, the issue transaction and the application marked bound, in one statement; answers the policy number.
 */
export async function insertBoundPolicy(
  db: Db,
  policy: Omit<Policy, 'policyNumber'>,
  issueYear: number,
  items: readonly ScheduledItem[],
  issue: { id: string; recordedAt: string; details: Record<string, unknown> },
  // The declarations page's outbox job (decision 0003), inserted by the same statement.
  declarationsJob: NewJobRow,
  // The holder's billing account, opened (or found) with the first invoice's number by the same statement.
  billingAccount: { id: string; createdAt: string },
): Promise<{ policyNumber: string; opened: OpenedAccount | null }> {
  if (!Number.isInteger(issueYear) || issueYear < 1000 || issueYear > 9999) throw new RangeError(`A policy number year has four digits, not ${issueYear}`);
  if (items.length === 0) throw new Error('A policy is bound with at least one item');
  const itemChanges = issueItemChanges(items);
  const policyValues = [
    policy.id,
    `JW-${issueYear}-`,
    policy.applicationId,
    policy.holderUserId,
    policy.agentUserId,
    policy.productVersionId,
    policy.firstDay,
    policy.lastDay,
    policy.timeZone,
    policy.status,
    policy.premium.toFixed(),
    policy.premium.currency,
    policy.issuedAt,
  ];
  const itemValues = items.flatMap((item) => [
    item.itemNo,
    item.description,
    item.category,
    item.coverageAmount.toFixed(),
    item.setId,
    item.possessor,
    item.appraisalDate,
    item.keptInSafe,
    item.annualPremium.toFixed(),
  ]);
  const issueValues = [
    issue.id,
    policy.firstDay,
    issue.recordedAt,
    policy.premium.toFixed(),
    policy.premium.currency,
    issue.details,
    JSON.stringify(changesToJson(itemChanges)),
  ];
  const jobValues = JOB_ROW_COLUMNS.map((column) => declarationsJob[column]);
  const first = {
    item: policyValues.length,
    issue: policyValues.length + itemValues.length,
    application: policyValues.length + itemValues.length + issueValues.length,
    job: policyValues.length + itemValues.length + issueValues.length + 2,
    account: policyValues.length + itemValues.length + issueValues.length + 2 + JOB_ROW_COLUMNS.length,
  };
  const ITEM_VALUES = 9;
  // Compiled once per number of items (src/platform/db/precompiled.ts): building this statement with Kysely cost more than sending it.
  const [row] = await runShaped(db, {
    shape: `policies.bound-policy:${items.length}`,
    values: [...policyValues, ...itemValues, ...issueValues, 'bound', policy.applicationId, ...jobValues, billingAccount.id, billingAccount.createdAt],
    build: (q, value) => {
      const account = openAccountCtes({ id: value(first.account), holderUserId: value(3), currency: value(11), createdAt: value(first.account + 1) });
      return q
        .with(account.created.name, () => account.created.query)
        .with(account.opened.name, () => account.opened.query)
        .with('bound_policy', (w) =>
          w
            .insertInto('policy')
            .values({
              id: value(0),
              // formatPolicyNumber in SQL: lpad cuts longer text, so the width grows with the sequence past 999,999.
              policy_number: sql<string>`(SELECT ${value(1)} || lpad(n, greatest(6, length(n)), '0') FROM (SELECT nextval('policy_number_seq')::text AS n) AS seq)`,
              application_id: value(2),
              holder_user_id: value(3),
              agent_user_id: value(4),
              product_version_id: value(5),
              first_day: value(6),
              last_day: value(7),
              time_zone: value(8),
              status: value(9),
              premium: value(10),
              currency: value(11),
              issued_at: value(12),
            })
            .returning('policy_number'),
        )
        .with('bound_schedule', (w) =>
          w.insertInto('scheduled_item').values(
            items.map((_, index) => {
              const at = first.item + index * ITEM_VALUES;
              return {
                policy_id: value(0),
                item_no: value(at),
                description: value(at + 1),
                category: value(at + 2),
                coverage_amount: value(at + 3),
                set_id: value(at + 4),
                possessor: value(at + 5),
                appraisal_date: value(at + 6),
                kept_in_safe: value(at + 7),
                annual_premium: value(at + 8),
              };
            }),
          ),
        )
        .with('bound_issue', (w) =>
          w.insertInto('policy_transaction').values({
            id: value(first.issue),
            policy_id: value(0),
            kind: 'issue',
            effective_date: value(first.issue + 1),
            recorded_at: value(first.issue + 2),
            premium_change: value(first.issue + 3),
            currency: value(first.issue + 4),
            details: value(first.issue + 5),
            item_changes: value(first.issue + 6),
            sequence_no: 1,
          }),
        )
        .with('bound_application', (w) =>
          w
            .updateTable('application')
            .set({ status: value(first.application) })
            .where('id', '=', value(first.application + 1)),
        )
        .with('bound_declarations_job', (w) =>
          w
            .insertInto('job')
            .values(Object.fromEntries(JOB_ROW_COLUMNS.map((column, index) => [column, value(first.job + index)])) as unknown as NewJobRow)
            // As enqueueJob: the index is partial, so the conflict target repeats its predicate.
            .onConflict((conflict) => conflict.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing()),
        )
        .selectFrom('bound_policy')
        .leftJoin('billing_account_opened', (join) => join.onTrue())
        .select(['bound_policy.policy_number', ...openedAccountColumns]);
    },
  });
  if (!row) throw new Error(`policy ${policy.id} was not inserted`);
  return { policyNumber: row.policy_number, opened: openedAccountOf(row) };
}

/** The issue transaction adds every item: the timeline (decision 0009) starts here. */
function issueItemChanges(items: readonly ScheduledItem[]): ItemChange[] {
  return items.map((item) => ({
    op: 'add',
    itemNo: item.itemNo,
    item: {
      description: item.description,
      category: item.category,
      coverageAmount: item.coverageAmount,
      setId: item.setId,
      possessor: item.possessor,
      appraisalDate: item.appraisalDate,
      keptInSafe: item.keptInSafe,
      purchaseDate: null,
      appraisedBy: null,
      annualPremium: item.annualPremium,
    },
  }));
}

const POLICY_COLUMNS = [
  'policy.id',
  'policy.policy_number',
  'policy.application_id',
  'policy.holder_user_id',
  'policy.agent_user_id',
  'policy.product_version_id',
  'policy.first_day',
  'policy.last_day',
  'policy.time_zone',
  'policy.status',
  'policy.premium',
  'policy.currency',
  'policy.issued_at',
] as const;

type PolicyRow = Selectable<PolicyTable>;

function toPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    policyNumber: row.policy_number,
    applicationId: row.application_id,
    holderUserId: row.holder_user_id,
    agentUserId: row.agent_user_id,
    productVersionId: row.product_version_id,
    firstDay: row.first_day,
    lastDay: row.last_day,
    timeZone: row.time_zone,
    status: row.status,
    premium: Money.of(row.premium, row.currency),
    issuedAt: row.issued_at,
  };
}

/** The policy bound from an application, whoever may see it: binding twice must find it. */
export async function findPolicyOfApplication(db: Db, applicationId: string): Promise<Policy | null> {
  const row = await db.selectFrom('policy').select(POLICY_COLUMNS).where('policy.application_id', '=', applicationId).executeTakeFirst();
  return row ? toPolicy(row) : null;
}

export async function findPolicyVisibleTo(db: Db, actor: Actor, id: string): Promise<Policy | null> {
  const row = await scopePolicies(actor)(db.selectFrom('policy').select(POLICY_COLUMNS)).where('policy.id', '=', id).executeTakeFirst();
  return row ? toPolicy(row) : null;
}

/**
 * The policy within the actor's reach with its whole timeline — the named insureds at issue and every transaction —
 * in ONE statement, optionally locking the policy row for the rest of the transaction (a claim's first notice reads
 * the policy as of the loss date this way, issue #4; getPolicyAsOf reads more and in several statements).
 */
export async function findPolicyWithTimelineVisibleTo(
  db: Db,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ policy: Policy; loaded: LoadedTimeline } | null> {
  let query = scopePolicies(actor)(
    db
      .selectFrom('policy')
      .innerJoin('application', 'application.id', 'policy.application_id')
      .select(POLICY_COLUMNS)
      .select(['application.named_insureds', transactionRowsJson.as('transactions')]),
  ).where('policy.id', '=', id);
  if (options.forUpdate) query = query.forUpdate(['policy']);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const policy = toPolicy(row);
  return { policy, loaded: timelineOfRows(policy, row.transactions, row.named_insureds) };
}

/** Policies the user holds or sold as their agent, newest first. */
export async function listOwnPolicies(db: Db, actor: Actor, userId: string, limit: number): Promise<Policy[]> {
  const rows = await scopePolicies(actor)(db.selectFrom('policy').select(POLICY_COLUMNS))
    .where((eb) => eb.or([eb('policy.holder_user_id', '=', userId), eb('policy.agent_user_id', '=', userId)]))
    .orderBy('policy.issued_at', 'desc')
    .orderBy('policy.id')
    .limit(limit)
    .execute();
  return rows.map(toPolicy);
}

export async function findScheduledItems(db: Db, policyId: string): Promise<ScheduledItem[]> {
  const rows = await db
    .selectFrom('scheduled_item')
    .innerJoin('policy', 'policy.id', 'scheduled_item.policy_id')
    .select([
      'scheduled_item.item_no',
      'scheduled_item.description',
      'scheduled_item.category',
      'scheduled_item.coverage_amount',
      'scheduled_item.set_id',
      'scheduled_item.possessor',
      'scheduled_item.appraisal_date',
      'scheduled_item.kept_in_safe',
      'scheduled_item.annual_premium',
      'scheduled_item.purchase_date',
      'scheduled_item.removed_on',
      'scheduled_item.appraised_by',
      'policy.currency',
    ])
    .where('scheduled_item.policy_id', '=', policyId)
    .orderBy('scheduled_item.item_no')
    .execute();
  return rows.map((row) => ({
    itemNo: row.item_no,
    description: row.description,
    category: row.category,
    coverageAmount: Money.of(row.coverage_amount, row.currency),
    setId: row.set_id,
    possessor: row.possessor,
    appraisalDate: row.appraisal_date,
    keptInSafe: row.kept_in_safe,
    annualPremium: Money.of(row.annual_premium, row.currency),
    purchaseDate: row.purchase_date,
    removedOn: row.removed_on,
    appraisedBy: row.appraised_by,
  }));
}

/** The product code of a product version: a new purchase is rated with the policy's product. Reads the products module's tables. */
export async function findProductCodeOfVersion(db: Db, productVersionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('product_version')
    .innerJoin('product', 'product.id', 'product_version.product_id')
    .select('product.code')
    .where('product_version.id', '=', productVersionId)
    .executeTakeFirst();
  return row?.code ?? null;
}
