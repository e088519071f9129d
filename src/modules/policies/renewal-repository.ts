import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { RenewalRunTable } from '../../platform/db/schema.ts';
import type { Currency } from '../../platform/money.ts';

/**
 * SQL of renewal (JPF-COND-7; migrations/0010_renewal.sql). The job works set-based: each statement reads or
 * writes a whole batch, and bulk rows travel as one JSON parameter (jsonb_to_recordset), so a batch of 1,000
 * policies is a handful of statements with a stable text (prepared once per connection on PostgreSQL).
 * "Today" is the run's instant read in each insured's named time zone (decision 0005), in SQL:
 * (as_of AT TIME ZONE policy.time_zone)::date.
 * Two tables of other modules are read here for speed, like policies-repository.ts reads product_version:
 * product/product_version (the product a policy is of) and invoice.status (whether the renewal was paid).
 */

export type RenewalRun = {
  id: string;
  trigger: 'schedule' | 'manual';
  startedBy: string;
  asOf: string;
  status: 'running' | 'completed';
  phase: 'offer' | 'settle' | 'done';
  cursorDate: string | null;
  cursorId: string | null;
  batches: number;
  processed: number;
  offered: number;
  skipped: number;
  failed: number;
  renewed: number;
  lapsed: number;
  withdrawn: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
};

type RunRow = Selectable<RenewalRunTable>;

function toRun(row: RunRow): RenewalRun {
  return {
    id: row.id,
    trigger: row.trigger,
    startedBy: row.started_by,
    asOf: row.as_of,
    status: row.status,
    phase: row.phase,
    cursorDate: row.cursor_date,
    cursorId: row.cursor_id,
    batches: row.batches,
    processed: row.processed,
    offered: row.offered,
    skipped: row.skipped,
    failed: row.failed,
    renewed: row.renewed,
    lapsed: row.lapsed,
    withdrawn: row.withdrawn,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export async function findRun(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<RenewalRun | null> {
  const query = db.selectFrom('renewal_run').selectAll().where('id', '=', id);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function findRunningRun(db: Db): Promise<RenewalRun | null> {
  const row = await db.selectFrom('renewal_run').selectAll().where('status', '=', 'running').executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Inserts a running run unless one is running already (the partial unique index); true when inserted. */
export async function insertRun(db: Db, run: { id: string; trigger: 'schedule' | 'manual'; startedBy: string; asOf: string; now: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('renewal_run')
    .values({
      id: run.id,
      trigger: run.trigger,
      started_by: run.startedBy,
      as_of: run.asOf,
      status: 'running',
      phase: 'offer',
      cursor_date: null,
      cursor_id: null,
      started_at: run.now,
      updated_at: run.now,
      finished_at: null,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listRuns(db: Db, limit: number): Promise<RenewalRun[]> {
  const rows = await db.selectFrom('renewal_run').selectAll().orderBy('started_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toRun);
}

export type RunProgress = {
  phase: RenewalRun['phase'];
  cursorDate: string | null;
  cursorId: string | null;
  processed?: number;
  offered?: number;
  skipped?: number;
  failed?: number;
  renewed?: number;
  lapsed?: number;
  withdrawn?: number;
  finished?: boolean;
};

/** Moves the cursor and adds the batch's counts, in the batch's transaction: progress commits with the work. */
export async function recordProgress(db: Db, id: string, progress: RunProgress, now: string): Promise<void> {
  await db
    .updateTable('renewal_run')
    .set((eb) => ({
      phase: progress.phase,
      cursor_date: progress.cursorDate,
      cursor_id: progress.cursorId,
      batches: eb('batches', '+', 1),
      processed: eb('processed', '+', progress.processed ?? 0),
      offered: eb('offered', '+', progress.offered ?? 0),
      skipped: eb('skipped', '+', progress.skipped ?? 0),
      failed: eb('failed', '+', progress.failed ?? 0),
      renewed: eb('renewed', '+', progress.renewed ?? 0),
      lapsed: eb('lapsed', '+', progress.lapsed ?? 0),
      withdrawn: eb('withdrawn', '+', progress.withdrawn ?? 0),
      updated_at: now,
      ...(progress.finished ? { status: 'completed' as const, finished_at: now } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** The largest offer lead of any product (default when none is set): bounds the offer query's index range. */
export async function longestOfferLead(db: Db, fallback: number): Promise<number> {
  const row = await db
    .selectFrom('renewal_setting')
    .select((eb) => eb.fn.max('offer_days_before').as('longest'))
    .executeTakeFirst();
  return Math.max(fallback, row?.longest ?? 0);
}

export type OfferCandidate = {
  id: string;
  policyNumber: string;
  holderUserId: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  currency: Currency;
  productCode: string;
  state: string;
  deductible: string;
  /** 'YYYY-MM-DD': today in the insured's time zone at the run's instant. */
  today: string;
  offerDaysBefore: number;
};

/**
 * The next in-force policies after the cursor whose renewal offer is due (JPF-COND-7): offer date =
 * max(anniversary − the product's lead, first day) on or before today in the insured's zone, and no offer
 * made yet. Cancelled, void and expired policies are not in force and never selected. Keyset on
 * (last_day, id), served by policy_in_force_by_last_day; `horizon` (the latest last day any lead can reach)
 * bounds the range scan.
 */
export async function selectOfferCandidates(
  db: Db,
  input: { asOf: string; horizon: string; afterDate: string; afterId: string; limit: number; defaultLead: number },
): Promise<OfferCandidate[]> {
  const { rows } = await sql<{
    id: string;
    policy_number: string;
    holder_user_id: string;
    first_day: string;
    last_day: string;
    time_zone: string;
    currency: Currency;
    product_code: string;
    state: string;
    deductible: string;
    today: string;
    offer_days_before: number;
  }>`
    SELECT p.id, p.policy_number, p.holder_user_id, p.first_day::text AS first_day, p.last_day::text AS last_day, p.time_zone, p.currency,
           pr.code AS product_code, a.mailing_address->>'state' AS state, a.deductible::text AS deductible,
           ((${input.asOf}::timestamptz AT TIME ZONE p.time_zone)::date)::text AS today,
           coalesce(rs.offer_days_before, ${input.defaultLead}::int) AS offer_days_before
    FROM policy p
    JOIN product_version pv ON pv.id = p.product_version_id
    JOIN product pr ON pr.id = pv.product_id
    JOIN application a ON a.id = p.application_id
    LEFT JOIN renewal_setting rs ON rs.product_id = pv.product_id
    WHERE p.status = 'in_force'
      AND p.last_day <= ${input.horizon}::date
      AND (p.last_day, p.id) > (${input.afterDate}::date, ${input.afterId}::uuid)
      AND greatest(p.last_day + 1 - coalesce(rs.offer_days_before, ${input.defaultLead}::int), p.first_day)
          <= (${input.asOf}::timestamptz AT TIME ZONE p.time_zone)::date
      AND NOT EXISTS (SELECT 1 FROM renewal_offer o WHERE o.policy_id = p.id)
    ORDER BY p.last_day, p.id
    LIMIT ${input.limit}::int`.execute(db);
  return rows.map((row) => ({
    id: row.id,
    policyNumber: row.policy_number,
    holderUserId: row.holder_user_id,
    firstDay: row.first_day,
    lastDay: row.last_day,
    timeZone: row.time_zone,
    currency: row.currency,
    productCode: row.product_code,
    state: row.state,
    deductible: row.deductible,
    today: row.today,
    offerDaysBefore: Number(row.offer_days_before),
  }));
}

export type RenewableItemRow = {
  policyId: string;
  itemNo: number;
  description: string;
  category: string;
  coverageAmount: string;
  setId: string | null;
  possessor: string | null;
  appraisalDate: string | null;
  keptInSafe: boolean;
  purchaseDate: string | null;
  appraisedBy: string | null;
};

/** The schedule at the end of the period of each policy: its items not removed (removed_on is null, 0009). */
export async function selectRenewableItems(db: Db, policyIds: readonly string[]): Promise<RenewableItemRow[]> {
  if (policyIds.length === 0) return [];
  const { rows } = await sql<{
    policy_id: string;
    item_no: number;
    description: string;
    category: string;
    coverage_amount: string;
    set_id: string | null;
    possessor: string | null;
    appraisal_date: string | null;
    kept_in_safe: boolean;
    purchase_date: string | null;
    appraised_by: string | null;
  }>`
    SELECT s.policy_id, s.item_no, s.description, s.category, s.coverage_amount::text AS coverage_amount, s.set_id, s.possessor,
           s.appraisal_date::text AS appraisal_date, s.kept_in_safe, s.purchase_date::text AS purchase_date, s.appraised_by
    FROM scheduled_item s
    WHERE s.policy_id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(policyIds)}::jsonb))
      AND s.removed_on IS NULL
    ORDER BY s.policy_id, s.item_no`.execute(db);
  return rows.map((row) => ({
    policyId: row.policy_id,
    itemNo: row.item_no,
    description: row.description,
    category: row.category,
    coverageAmount: row.coverage_amount,
    setId: row.set_id,
    possessor: row.possessor,
    appraisalDate: row.appraisal_date,
    keptInSafe: row.kept_in_safe,
    purchaseDate: row.purchase_date,
    appraisedBy: row.appraised_by,
  }));
}

export type NewOffer = {
  id: string;
  policy_id: string;
  run_id: string;
  product_version_id: string;
  offer_date: string;
  anniversary: string;
  renewal_first_day: string;
  renewal_last_day: string;
  premium: string;
  currency: Currency;
  worksheet: unknown;
  item_changes: unknown;
  created_at: string;
};

/**
 * One multi-row insert for the batch's offers. ON CONFLICT (policy_id) DO NOTHING: a policy that already has
 * an offer (another run got there first) keeps it; the ids returned are the offers made now.
 */
export async function insertOffers(db: Db, offers: readonly NewOffer[]): Promise<Set<string>> {
  if (offers.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    INSERT INTO renewal_offer (id, policy_id, run_id, product_version_id, offer_date, anniversary, renewal_first_day, renewal_last_day,
                               premium, currency, worksheet, item_changes, status, created_at)
    SELECT r.id, r.policy_id, r.run_id, r.product_version_id, r.offer_date, r.anniversary, r.renewal_first_day, r.renewal_last_day,
           r.premium, r.currency, r.worksheet, r.item_changes, 'offered', r.created_at
    FROM jsonb_to_recordset(${JSON.stringify(offers)}::jsonb) AS r(
      id uuid, policy_id uuid, run_id uuid, product_version_id uuid, offer_date date, anniversary date, renewal_first_day date,
      renewal_last_day date, premium numeric, currency text, worksheet jsonb, item_changes jsonb, created_at timestamptz)
    ON CONFLICT (policy_id) DO NOTHING
    RETURNING id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

export async function setOfferInvoices(db: Db, pairs: readonly { offer_id: string; invoice_id: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    UPDATE renewal_offer o SET invoice_id = r.invoice_id
    FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS r(offer_id uuid, invoice_id uuid)
    WHERE o.id = r.offer_id`.execute(db);
}

export async function insertFailures(db: Db, failures: readonly { run_id: string; policy_id: string; problems: unknown; created_at: string }[]) {
  if (failures.length === 0) return;
  await sql`
    INSERT INTO renewal_failure (run_id, policy_id, problems, created_at)
    SELECT r.run_id, r.policy_id, r.problems, r.created_at
    FROM jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) AS r(run_id uuid, policy_id uuid, problems jsonb, created_at timestamptz)
    ON CONFLICT (run_id, policy_id) DO UPDATE SET problems = excluded.problems`.execute(db);
}

export type OfferToSettle = {
  id: string;
  policyId: string;
  policyNumber: string;
  policyStatus: string;
  invoiceId: string | null;
  invoiceStatus: string | null;
  dueOn: string | null;
  anniversary: string;
  today: string;
};

/**
 * Open offers whose anniversary has come in the insured's zone, after the cursor (anniversary, offer id),
 * served by renewal_offer_open; the offers are locked for the batch.
 */
export async function selectOffersToSettle(
  db: Db,
  input: { asOf: string; horizon: string; afterDate: string; afterId: string; limit: number },
): Promise<OfferToSettle[]> {
  const { rows } = await sql<{
    id: string;
    policy_id: string;
    policy_number: string;
    policy_status: string;
    invoice_id: string | null;
    invoice_status: string | null;
    due_on: string | null;
    anniversary: string;
    today: string;
  }>`
    SELECT o.id, o.policy_id, p.policy_number, p.status AS policy_status, o.invoice_id, i.status AS invoice_status,
           i.due_on::text AS due_on, o.anniversary::text AS anniversary,
           ((${input.asOf}::timestamptz AT TIME ZONE p.time_zone)::date)::text AS today
    FROM renewal_offer o
    JOIN policy p ON p.id = o.policy_id
    LEFT JOIN invoice i ON i.id = o.invoice_id
    WHERE o.status = 'offered'
      AND o.anniversary <= ${input.horizon}::date
      AND (o.anniversary, o.id) > (${input.afterDate}::date, ${input.afterId}::uuid)
      AND o.anniversary <= (${input.asOf}::timestamptz AT TIME ZONE p.time_zone)::date
    ORDER BY o.anniversary, o.id
    LIMIT ${input.limit}::int
    FOR UPDATE OF o`.execute(db);
  return rows.map((row) => ({
    id: row.id,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    policyStatus: row.policy_status,
    invoiceId: row.invoice_id,
    invoiceStatus: row.invoice_status,
    dueOn: row.due_on,
    anniversary: row.anniversary,
    today: row.today,
  }));
}

/**
 * JPF-COND-7, a paid renewal: for each offer the next term of the policy, set-based — the policy row (same
 * number, next term, renewal_of, the product version at the anniversary, the renewal period and premium), its
 * schedule and its first transaction (kind 'renewal', effective on the anniversary, the offer's item changes);
 * the renewed term becomes 'expired' (its period is over) and the offer 'accepted'.
 */
export async function renewTerms(db: Db, renewals: readonly { offer_id: string; policy_id: string; transaction_id: string }[], now: string): Promise<void> {
  if (renewals.length === 0) return;
  const batch = JSON.stringify(renewals);
  await sql`
    INSERT INTO policy (id, policy_number, term_no, renewal_of, application_id, holder_user_id, agent_user_id, product_version_id,
                        first_day, last_day, time_zone, status, premium, currency, issued_at)
    SELECT r.policy_id, p.policy_number, p.term_no + 1, p.id, p.application_id, p.holder_user_id, p.agent_user_id, o.product_version_id,
           o.renewal_first_day, o.renewal_last_day, p.time_zone, 'in_force', o.premium, o.currency, ${now}::timestamptz
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(offer_id uuid, policy_id uuid, transaction_id uuid)
    JOIN renewal_offer o ON o.id = r.offer_id
    JOIN policy p ON p.id = o.policy_id`.execute(db);
  await sql`
    INSERT INTO policy_transaction (id, policy_id, kind, effective_date, recorded_at, premium_change, currency, details, item_changes, sequence_no)
    SELECT r.transaction_id, r.policy_id, 'renewal', o.renewal_first_day, ${now}::timestamptz, o.premium, o.currency,
           jsonb_build_object('renewalOfferId', o.id, 'renewalOf', o.policy_id, 'days', o.renewal_last_day - o.renewal_first_day + 1,
                              'worksheetTotal', o.worksheet->'total'),
           o.item_changes, 1
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(offer_id uuid, policy_id uuid, transaction_id uuid)
    JOIN renewal_offer o ON o.id = r.offer_id`.execute(db);
  await sql`
    INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, set_id, possessor, appraisal_date, kept_in_safe,
                                purchase_date, appraised_by, annual_premium, removed_on, added_by_transaction)
    SELECT r.policy_id, (c->>'itemNo')::int, c->'item'->>'description', c->'item'->>'category', (c->'item'->>'coverageAmount')::numeric,
           c->'item'->>'setId', c->'item'->>'possessor', (c->'item'->>'appraisalDate')::date, (c->'item'->>'keptInSafe')::boolean,
           (c->'item'->>'purchaseDate')::date, c->'item'->>'appraisedBy', (c->'item'->>'annualPremium')::numeric, NULL, NULL
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(offer_id uuid, policy_id uuid, transaction_id uuid)
    JOIN renewal_offer o ON o.id = r.offer_id
    CROSS JOIN LATERAL jsonb_array_elements(o.item_changes) AS c
    WHERE c->>'op' = 'add'`.execute(db);
  await sql`
    UPDATE policy p SET status = 'expired'
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(offer_id uuid, policy_id uuid, transaction_id uuid)
    JOIN renewal_offer o ON o.id = r.offer_id
    WHERE p.id = o.policy_id AND p.status = 'in_force'`.execute(db);
  await sql`
    UPDATE renewal_offer o SET status = 'accepted', renewed_policy_id = r.policy_id, decided_at = ${now}::timestamptz
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(offer_id uuid, policy_id uuid, transaction_id uuid)
    WHERE o.id = r.offer_id`.execute(db);
}

/**
 * JPF-COND-7, an unpaid renewal: the offers lapse and their policies end at the end of the period ('expired';
 * the period's last day is unchanged, so cover ends at 00:01 on the anniversary). `withdrawn` offers belong to
 * policies cancelled or voided after the offer, whose status stays as it is.
 */
export async function closeOffers(db: Db, offerIds: readonly string[], status: 'lapsed' | 'withdrawn', now: string): Promise<void> {
  if (offerIds.length === 0) return;
  const ids = JSON.stringify(offerIds);
  await sql`
    UPDATE renewal_offer SET status = ${status}, decided_at = ${now}::timestamptz
    WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${ids}::jsonb)) AND status = 'offered'`.execute(db);
  if (status === 'lapsed')
    await sql`
      UPDATE policy p SET status = 'expired'
      FROM renewal_offer o
      WHERE o.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${ids}::jsonb)) AND p.id = o.policy_id AND p.status = 'in_force'`.execute(db);
}

export type OfferSummary = {
  id: string;
  policyId: string;
  status: string;
  anniversary: string;
  premium: string;
  currency: Currency;
  invoiceId: string | null;
  renewedPolicyId: string | null;
  productVersionId: string;
  worksheet: unknown;
};

export async function findOfferOfPolicy(db: Db, policyId: string): Promise<OfferSummary | null> {
  const row = await db
    .selectFrom('renewal_offer')
    .select(['id', 'policy_id', 'status', 'anniversary', 'premium', 'currency', 'invoice_id', 'renewed_policy_id', 'product_version_id', 'worksheet'])
    .where('policy_id', '=', policyId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        policyId: row.policy_id,
        status: row.status,
        anniversary: row.anniversary,
        premium: row.premium,
        currency: row.currency,
        invoiceId: row.invoice_id,
        renewedPolicyId: row.renewed_policy_id,
        productVersionId: row.product_version_id,
        worksheet: row.worksheet,
      }
    : null;
}
