import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import { Money } from '../../platform/money.ts';
import { appendTransaction } from './timeline-repository.ts';

/** SQL of cancellations (JPF-CANCEL-1/2): requests, signatures, the cancellation transaction. */

export type CancellationRequest = {
  id: string;
  policyId: string;
  requestedBy: string;
  effectiveDate: string;
  namedInsureds: string[];
  status: 'pending' | 'executed';
  createdAt: string;
};

export type Signature = { namedInsured: string; signedAt: string; method: 'portal' | 'paper' | 'emailed_link'; recordedBy: string };

/** Locks the policy row, so two cancellations (or a cancellation and another change) queue up. */
export async function lockPolicy(db: Db, policyId: string): Promise<void> {
  await db.selectFrom('policy').select('id').where('id', '=', policyId).forUpdate().execute();
}

export async function findPendingRequest(db: Db, policyId: string): Promise<CancellationRequest | null> {
  const row = await db.selectFrom('cancellation_request').selectAll().where('policy_id', '=', policyId).where('status', '=', 'pending').executeTakeFirst();
  return row ? toRequest(row) : null;
}

export async function findRequest(db: Db, policyId: string, requestId: string): Promise<CancellationRequest | null> {
  const row = await db.selectFrom('cancellation_request').selectAll().where('policy_id', '=', policyId).where('id', '=', requestId).executeTakeFirst();
  return row ? toRequest(row) : null;
}

function toRequest(row: {
  id: string;
  policy_id: string;
  requested_by: string;
  effective_date: string;
  named_insureds: unknown;
  status: 'pending' | 'executed';
  created_at: string;
}): CancellationRequest {
  return {
    id: row.id,
    policyId: row.policy_id,
    requestedBy: row.requested_by,
    effectiveDate: row.effective_date,
    namedInsureds: row.named_insureds as string[],
    status: row.status,
    createdAt: row.created_at,
  };
}

export async function insertRequest(db: Db, request: CancellationRequest): Promise<void> {
  await db
    .insertInto('cancellation_request')
    .values({
      id: request.id,
      policy_id: request.policyId,
      requested_by: request.requestedBy,
      effective_date: request.effectiveDate,
      named_insureds: JSON.stringify(request.namedInsureds),
      status: request.status,
      created_at: request.createdAt,
    })
    .execute();
}

export async function markRequestExecuted(db: Db, requestId: string, transactionId: string, at: string): Promise<void> {
  await db
    .updateTable('cancellation_request')
    .set({ status: 'executed', executed_at: at, policy_transaction_id: transactionId })
    .where('id', '=', requestId)
    .execute();
}

export async function insertSignature(db: Db, requestId: string, id: string, signature: Signature): Promise<void> {
  await db
    .insertInto('policy_signature')
    .values({
      id,
      request_id: requestId,
      named_insured: signature.namedInsured,
      signed_at: signature.signedAt,
      method: signature.method,
      recorded_by: signature.recordedBy,
    })
    .execute();
}

export async function findSignatures(db: Db, requestId: string): Promise<Signature[]> {
  const rows = await db.selectFrom('policy_signature').selectAll().where('request_id', '=', requestId).orderBy('signed_at').orderBy('named_insured').execute();
  return rows.map((row) => ({ namedInsured: row.named_insured, signedAt: row.signed_at, method: row.method, recordedBy: row.recorded_by }));
}

export async function insertCancellationTransaction(
  db: Db,
  input: {
    id: string;
    policyId: string;
    effectiveDate: string;
    recordedAt: string;
    premiumChange: string;
    currency: 'USD' | 'EUR';
    details: Record<string, unknown>;
  },
): Promise<void> {
  await appendTransaction(db, {
    id: input.id,
    policyId: input.policyId,
    kind: 'cancellation',
    effectiveDate: input.effectiveDate,
    recordedAt: input.recordedAt,
    premiumChange: Money.of(input.premiumChange, input.currency),
    itemChanges: [],
    details: input.details,
  });
  await db.updateTable('policy').set({ status: 'cancelled' }).where('id', '=', input.policyId).execute();
}

/** The holder's login: where notices are mailed, in their language. Reads the accounts module's table. */
export async function findHolderContact(db: Db, userId: string): Promise<{ email: string; displayName: string; locale: Locale } | null> {
  const row = await db.selectFrom('app_user').select(['email', 'display_name', 'locale']).where('id', '=', userId).executeTakeFirst();
  return row ? { email: row.email, displayName: row.display_name, locale: row.locale } : null;
}

/** The product version's definition, stored validated by the products module. */
export async function findProductDefinition(db: Db, productVersionId: string): Promise<unknown> {
  const row = await db.selectFrom('product_version').select('definition').where('id', '=', productVersionId).executeTakeFirst();
  return row?.definition ?? null;
}
