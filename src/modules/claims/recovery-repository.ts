import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import type { ClaimRecoveryTable, RecoveryKind, RecoveryOutcome, RecoveryParty } from '../../platform/db/schema-claims-recovery.ts';
import { Money } from '../../platform/money.ts';
import type { SubrogationRecord, ThirdParty } from './domain/subrogation.ts';

/**
 * The subrogation record (JPF-SUBRO-1, JPF-COND-4) and recoveries (JPF-SUBRO-2) of a claim
 * (migrations/0031_claim_recovery.sql). Callers reach the claim first (findClaimVisibleTo), so these read by id.
 */

export type StoredSubrogation = SubrogationRecord & { updatedBy: string; updatedAt: string; impairedBy: string | null };

export async function findSubrogation(db: Db, claimId: string): Promise<StoredSubrogation | null> {
  const row = await db.selectFrom('claim_subrogation').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
  if (!row) return null;
  const thirdParty: ThirdParty | null =
    row.third_party_name === null || row.third_party_kind === null
      ? null
      : { name: row.third_party_name, details: row.third_party_details, kind: row.third_party_kind, custodianRole: row.custodian_role };
  return {
    thirdParty,
    assignmentRequired: row.assignment_required,
    assignmentSignedOn: row.assignment_signed_on,
    waiver: row.waiver_written_on === null ? null : { writtenOn: row.waiver_written_on, inWriting: row.waiver_in_writing === true },
    impairment: row.impairment_reason === null || row.impaired_at === null ? null : { reason: row.impairment_reason, recordedAt: row.impaired_at },
    impairedBy: row.impaired_by,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Writes the record's third party, assignment and waiver (the impairment is kept as it was). */
export async function saveSubrogation(
  db: Db,
  claimId: string,
  record: Pick<SubrogationRecord, 'thirdParty' | 'assignmentRequired' | 'assignmentSignedOn' | 'waiver'>,
  by: string,
  now: string,
): Promise<void> {
  const values = {
    third_party_name: record.thirdParty?.name ?? null,
    third_party_details: record.thirdParty?.details ?? null,
    third_party_kind: record.thirdParty?.kind ?? null,
    custodian_role: record.thirdParty?.kind === 'bailee' ? record.thirdParty.custodianRole : null,
    // JPF-COND-4: recorded with the bailee: this insurance is no benefit to them.
    no_benefit_to_bailee: record.thirdParty?.kind === 'bailee',
    assignment_required: record.assignmentRequired,
    assignment_signed_on: record.assignmentSignedOn,
    waiver_written_on: record.waiver?.writtenOn ?? null,
    waiver_in_writing: record.waiver ? record.waiver.inWriting : null,
    updated_by: by,
    updated_at: now,
  };
  await db
    .insertInto('claim_subrogation')
    .values({ claim_id: claimId, ...values, created_at: now })
    .onConflict((conflict) => conflict.column('claim_id').doUpdateSet(values))
    .execute();
}

/** JPF-SUBRO-1: the adjuster's finding that the insured impaired the insurer's recovery rights. */
export async function saveImpairment(db: Db, claimId: string, reason: string, by: string, now: string): Promise<void> {
  await db
    .insertInto('claim_subrogation')
    .values({ claim_id: claimId, impairment_reason: reason, impaired_at: now, impaired_by: by, updated_by: by, created_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('claim_id').doUpdateSet({ impairment_reason: reason, impaired_at: now, impaired_by: by, updated_by: by, updated_at: now }),
    )
    .execute();
}

export type Recovery = {
  id: string;
  claimId: string;
  kind: RecoveryKind;
  lineNo: number | null;
  description: string;
  amount: Money | null;
  recoveredFrom: string | null;
  recoveredOn: string;
  reportedByParty: RecoveryParty;
  reportedByUserId: string;
  outcome: RecoveryOutcome;
  titlePassedOn: string | null;
  createdAt: string;
};

export async function insertRecovery(db: Db, recovery: Recovery, currency: 'USD' | 'EUR'): Promise<void> {
  await db
    .insertInto('claim_recovery')
    .values({
      id: recovery.id,
      claim_id: recovery.claimId,
      kind: recovery.kind,
      line_no: recovery.lineNo,
      description: recovery.description,
      amount: recovery.amount?.toFixed() ?? null,
      currency,
      recovered_from: recovery.recoveredFrom,
      recovered_on: recovery.recoveredOn,
      reported_by_party: recovery.reportedByParty,
      reported_by_user_id: recovery.reportedByUserId,
      outcome: recovery.outcome,
      title_passed_on: recovery.titlePassedOn,
      created_at: recovery.createdAt,
    })
    .execute();
}

function toRecovery(row: ClaimRecoveryTable): Recovery {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    lineNo: row.line_no,
    description: row.description,
    amount: row.amount === null ? null : Money.of(row.amount, row.currency),
    recoveredFrom: row.recovered_from,
    recoveredOn: row.recovered_on,
    reportedByParty: row.reported_by_party,
    reportedByUserId: row.reported_by_user_id,
    outcome: row.outcome,
    titlePassedOn: row.title_passed_on,
    createdAt: row.created_at,
  };
}

export async function listRecoveries(db: Db, claimId: string): Promise<Recovery[]> {
  const rows = await db.selectFrom('claim_recovery').selectAll().where('claim_id', '=', claimId).orderBy('recovered_on').orderBy('created_at').execute();
  return rows.map(toRecovery);
}

/**
 * What the insurer has paid on the claim (issued claim payments, migrations/0030) and the item lines paid for:
 * a line is paid for when an issued payment paid it in full (its `line_nos`) or a jeweler completed its
 * replacement (JPF-SUBRO-2: "any covered property replaced or paid for").
 */
export async function findPaidOnClaim(db: Db, claimId: string, currency: 'USD' | 'EUR'): Promise<{ paid: Money; paidLines: Set<number> }> {
  const payments = await db.selectFrom('claim_payment').select(['amount', 'line_nos']).where('claim_id', '=', claimId).where('status', '=', 'issued').execute();
  const replaced = await db
    .selectFrom('jeweler_order')
    .select('line_no')
    .where('claim_id', '=', claimId)
    .where('kind', '=', 'replace')
    .where('status', '=', 'completed')
    .execute();
  const paidLines = new Set<number>(replaced.map((row) => row.line_no));
  for (const payment of payments) {
    const lines = typeof payment.line_nos === 'string' ? JSON.parse(payment.line_nos) : payment.line_nos;
    if (Array.isArray(lines)) for (const line of lines) if (typeof line === 'number') paidLines.add(line);
  }
  return {
    paid: Money.sum(
      payments.map((payment) => Money.of(payment.amount, currency)),
      currency,
    ),
    paidLines,
  };
}

export type Contact = { userId: string; email: string; displayName: string; locale: Locale };

/** A person's login (the holder, the assigned adjuster): where a notice is mailed, in their language. */
export async function findContact(db: Db, userId: string): Promise<Contact | null> {
  const row = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'locale']).where('id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return { userId: row.id, email: row.email, displayName: row.display_name, locale: row.locale };
}
