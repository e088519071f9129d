import { sql } from 'kysely';
import { scopeApplications, scopePolicies } from '../../platform/auth/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ApplicationStatus, PolicyStatus, PolicyTransactionKind } from '../../platform/db/schema.ts';
import { Money } from '../../platform/money.ts';
import { prefixTsQuery, type SearchQuery } from './domain/search-query.ts';

/**
 * SQL of the back office's search and policy 360 view and of the agent's book of clients (issue #3,
 * "Screens and API"). The search's expressions are exactly those of the indexes in
 * migrations/0013_policy_search.sql, so each branch of the union is an index scan. Like
 * policies-repository.ts it reads names and emails from the accounts module's app_user table: a
 * parties module will replace that.
 */

export type PolicySearchHit = {
  id: string;
  policyNumber: string;
  status: PolicyStatus;
  firstDay: string;
  lastDay: string;
  namedInsureds: string[];
  holderName: string;
  holderEmail: string;
  /** Which of the searched fields matched. */
  matched: ('policy_number' | 'email' | 'name' | 'item')[];
};

const NAME_VECTOR = sql`jsonb_to_tsvector('simple'::regconfig, application.named_insureds, '["string"]'::jsonb)`;
const ITEM_VECTOR = sql`to_tsvector('simple'::regconfig, scheduled_item.description)`;

/** Policies matching the query, within the actor's reach, by policy number; `limit` rows at most. */
export async function searchPolicies(db: Db, actor: Actor, query: SearchQuery, limit: number): Promise<PolicySearchHit[]> {
  const rows = await policySearchQuery(db, actor, query, limit).execute();
  return rows.map((row) => ({
    id: row.id,
    policyNumber: row.policy_number,
    status: row.status,
    firstDay: row.first_day,
    lastDay: row.last_day,
    namedInsureds: row.named_insureds as string[],
    holderName: row.display_name,
    holderEmail: row.email,
    matched: [
      ...(row.number_matched ? (['policy_number'] as const) : []),
      ...(row.email_matched ? (['email'] as const) : []),
      ...(row.name_matched ? (['name'] as const) : []),
      ...(row.item_matched ? (['item'] as const) : []),
    ],
  }));
}

/** The search as a query, unexecuted: the test explains it to see that every branch uses its index. */
export function policySearchQuery(db: Db, actor: Actor, query: SearchQuery, limit: number) {
  const words = query.words.length > 0 ? sql`to_tsquery('simple'::regconfig, ${prefixTsQuery(query.words)})` : null;
  const byNumber = db.selectFrom('policy').select('policy.id').where(sql<boolean>`policy.policy_number LIKE ${query.numberPattern} ESCAPE '\\'`);
  const byEmail = db
    .selectFrom('policy')
    .innerJoin('app_user', 'app_user.id', 'policy.holder_user_id')
    .select('policy.id')
    .where(sql<boolean>`app_user.email LIKE ${query.emailPattern} ESCAPE '\\'`);
  let ids = byNumber.union(byEmail);
  if (words) {
    ids = ids
      .union(
        db
          .selectFrom('policy')
          .innerJoin('application', 'application.id', 'policy.application_id')
          .select('policy.id')
          .where(sql<boolean>`${NAME_VECTOR} @@ ${words}`),
      )
      .union(db.selectFrom('scheduled_item').select('scheduled_item.policy_id as id').where(sql<boolean>`${ITEM_VECTOR} @@ ${words}`));
  }
  const itemMatched = words
    ? sql<boolean>`EXISTS (SELECT 1 FROM scheduled_item WHERE scheduled_item.policy_id = policy.id AND ${ITEM_VECTOR} @@ ${words})`
    : sql<boolean>`false`;
  return (
    scopePolicies(actor)(
      db
        .selectFrom('policy')
        .select([
          'policy.id',
          'policy.policy_number',
          'policy.status',
          'policy.first_day',
          'policy.last_day',
          sql<boolean>`policy.policy_number LIKE ${query.numberPattern} ESCAPE '\\'`.as('number_matched'),
          sql<boolean>`holder.email LIKE ${query.emailPattern} ESCAPE '\\'`.as('email_matched'),
          (words ? sql<boolean>`${NAME_VECTOR} @@ ${words}` : sql<boolean>`false`).as('name_matched'),
          itemMatched.as('item_matched'),
        ]),
    )
      .innerJoin('application', 'application.id', 'policy.application_id')
      .innerJoin('app_user as holder', 'holder.id', 'policy.holder_user_id')
      .select(['application.named_insureds', 'holder.display_name', 'holder.email'])
      .where('policy.id', 'in', ids)
      // Policy numbers are unique: a stable order, page after page.
      .orderBy('policy.policy_number')
      .limit(limit)
  );
}

export type Person = { id: string; name: string; email: string };

/** Names and emails of users (holder, agent) for staff screens. */
export async function findPeople(db: Db, ids: readonly string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.display_name, email: row.email }]));
}

export type ProductVersionLabel = { code: string; name: string; version: number; effectiveFrom: string };

export async function findProductVersionLabel(db: Db, productVersionId: string): Promise<ProductVersionLabel | null> {
  const row = await db
    .selectFrom('product_version')
    .innerJoin('product', 'product.id', 'product_version.product_id')
    .select(['product.code', 'product.name', 'product_version.version', 'product_version.effective_from'])
    .where('product_version.id', '=', productVersionId)
    .executeTakeFirst();
  return row ? { code: row.code, name: row.name, version: row.version, effectiveFrom: row.effective_from } : null;
}

export type TransactionRecord = {
  id: string;
  kind: PolicyTransactionKind;
  effectiveDate: string;
  recordedAt: string;
  sequenceNo: number;
  premiumChange: Money;
  details: Record<string, unknown>;
  /** The item numbers this transaction added to the schedule. */
  addedItemNos: number[];
  reversedBy: string | null;
};

/** A policy's transactions in the order they take effect (same day: the order they were recorded in). */
export async function listTransactions(db: Db, policyId: string): Promise<TransactionRecord[]> {
  const rows = await db
    .selectFrom('policy_transaction')
    .select(['id', 'kind', 'effective_date', 'recorded_at', 'sequence_no', 'premium_change', 'currency', 'details', 'item_changes', 'reversed_by'])
    .where('policy_id', '=', policyId)
    .orderBy('effective_date')
    .orderBy('sequence_no')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    effectiveDate: row.effective_date,
    recordedAt: row.recorded_at,
    sequenceNo: row.sequence_no,
    premiumChange: Money.of(row.premium_change, row.currency),
    details: row.details,
    addedItemNos: ((row.item_changes ?? []) as { op?: string; itemNo?: number }[]).flatMap((change) =>
      change.op === 'add' && typeof change.itemNo === 'number' ? [change.itemNo] : [],
    ),
    reversedBy: row.reversed_by,
  }));
}

export type BookEntry = {
  client: Person;
  applicationId: string;
  applicationStatus: ApplicationStatus;
  namedInsureds: string[];
  premium: Money;
  submittedAt: string;
  policy: { id: string; policyNumber: string; status: PolicyStatus; firstDay: string; lastDay: string } | null;
};

/** An agent's book: the applications they made for clients, with the policy each was bound into. */
export async function listAgentBook(db: Db, actor: Actor, agentUserId: string, limit: number): Promise<BookEntry[]> {
  const rows = await scopeApplications(actor)(
    db
      .selectFrom('application')
      .select([
        'application.id',
        'application.status',
        'application.named_insureds',
        'application.premium',
        'application.currency',
        'application.submitted_at',
        'application.applicant_user_id',
      ]),
  )
    .innerJoin('app_user as client', 'client.id', 'application.applicant_user_id')
    .leftJoin('policy', 'policy.application_id', 'application.id')
    .select([
      'client.display_name',
      'client.email',
      'policy.id as policy_id',
      'policy.policy_number',
      'policy.status as policy_status',
      'policy.first_day',
      'policy.last_day',
    ])
    .where('application.agent_user_id', '=', agentUserId)
    .orderBy('client.display_name')
    .orderBy('client.id')
    .orderBy('application.submitted_at', 'desc')
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    client: { id: row.applicant_user_id, name: row.display_name, email: row.email },
    applicationId: row.id,
    applicationStatus: row.status,
    namedInsureds: row.named_insureds as string[],
    premium: Money.of(row.premium, row.currency),
    submittedAt: row.submitted_at,
    policy:
      row.policy_id && row.policy_number && row.policy_status && row.first_day && row.last_day
        ? { id: row.policy_id, policyNumber: row.policy_number, status: row.policy_status, firstDay: row.first_day, lastDay: row.last_day }
        : null,
  }));
}

/** The id of the active customer with this email, for an agent applying for a client (null: none). */
export async function findActiveCustomerByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select('app_user.id')
    .where('app_user.email', '=', email.trim().toLowerCase())
    .where('app_user.status', '=', 'active')
    .where('user_role.role', '=', 'customer')
    .executeTakeFirst();
  return row?.id ?? null;
}
