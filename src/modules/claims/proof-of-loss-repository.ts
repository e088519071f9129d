import type { Db } from '../../platform/db/database.ts';
import type { ProofOfLossStatus } from '../../platform/db/schema-claims-proof.ts';
import { type Currency, Money } from '../../platform/money.ts';

/**
 * SQL only: the insured's proof of loss (JPF-DUTY-4, migrations/0029_proof_of_loss.sql) — each submission with its
 * inventory (e) and attached files — and the adjuster's request that it be sworn. Callers check who may see the claim.
 */

/** (b) other insurance that may cover the loss. */
export type OtherInsurance = { insurer: string; policyNumber: string | null; limit: Money };
export const INTEREST_NATURES = ['co_owner', 'lien', 'encumbrance', 'other'] as const;
export type InterestNature = (typeof INTEREST_NATURES)[number];
/** (c) the interest of others in the property, including liens and encumbrances. */
export type OtherInterest = { name: string; nature: InterestNature; amount: Money | null };
/** (e) one line of the inventory, for one claimed item (the claim's line number). */
export type InventoryLine = { claimLineNo: number; quantity: number; description: string; cost: Money; actualCashValue: Money; amountOfLoss: Money };
export type ProofFile = { fileId: string; purpose: string; type: string; byteSize: number };

export type ProofOfLoss = {
  id: string;
  claimId: string;
  submissionNo: number;
  lossDate: string;
  lossTime: string;
  lossTimeApproximate: boolean;
  lossPlace: string;
  lossDetails: string;
  otherInsurance: OtherInsurance[];
  insuredInterest: string;
  otherInterests: OtherInterest[];
  /** (d) null: no change in title during the policy period. */
  titleChanges: string | null;
  sworn: boolean;
  oathStatement: string | null;
  signedName: string;
  signedBy: string;
  signedAt: string;
  status: ProofOfLossStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  inventory: InventoryLine[];
  files: ProofFile[];
};

export type NewProofOfLoss = Omit<ProofOfLoss, 'status' | 'decidedBy' | 'decidedAt' | 'rejectionReason' | 'files'> & { fileIds: string[] };

export type OathRequest = { claimId: string; requestedBy: string; requestedAt: string; note: string | null };

type OtherInsuranceJson = { insurer: string; policyNumber: string | null; limit: string };
type OtherInterestJson = { name: string; nature: InterestNature; amount: string | null };

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export async function nextSubmissionNo(db: Db, claimId: string): Promise<number> {
  const row = await db
    .selectFrom('proof_of_loss')
    .select((eb) => eb.fn.max('submission_no').as('last'))
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertProofOfLoss(db: Db, proof: NewProofOfLoss): Promise<void> {
  await db
    .insertInto('proof_of_loss')
    .values({
      id: proof.id,
      claim_id: proof.claimId,
      submission_no: proof.submissionNo,
      loss_date: proof.lossDate,
      loss_time: proof.lossTime,
      loss_time_approximate: proof.lossTimeApproximate,
      loss_place: proof.lossPlace,
      loss_details: proof.lossDetails,
      other_insurance: JSON.stringify(
        proof.otherInsurance.map((entry): OtherInsuranceJson => ({ insurer: entry.insurer, policyNumber: entry.policyNumber, limit: entry.limit.toFixed() })),
      ),
      insured_interest: proof.insuredInterest,
      other_interests: JSON.stringify(
        proof.otherInterests.map((entry): OtherInterestJson => ({ name: entry.name, nature: entry.nature, amount: entry.amount?.toFixed() ?? null })),
      ),
      title_changes: proof.titleChanges,
      sworn: proof.sworn,
      oath_statement: proof.oathStatement,
      signed_name: proof.signedName,
      signed_by: proof.signedBy,
      signed_at: proof.signedAt,
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
    })
    .execute();
  await db
    .insertInto('proof_of_loss_line')
    .values(
      proof.inventory.map((line) => ({
        proof_id: proof.id,
        claim_line_no: line.claimLineNo,
        quantity: line.quantity,
        description: line.description,
        cost: line.cost.toFixed(),
        actual_cash_value: line.actualCashValue.toFixed(),
        amount_of_loss: line.amountOfLoss.toFixed(),
      })),
    )
    .execute();
  if (proof.fileIds.length > 0)
    await db
      .insertInto('proof_of_loss_file')
      .values(proof.fileIds.map((fileId) => ({ proof_id: proof.id, file_id: fileId })))
      .execute();
}

/** Every proof of loss of the claim, the newest first. */
export async function listProofsOfLoss(db: Db, claimId: string, currency: Currency): Promise<ProofOfLoss[]> {
  const rows = await db.selectFrom('proof_of_loss').selectAll().where('claim_id', '=', claimId).orderBy('submission_no', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [lines, files] = await Promise.all([
    db.selectFrom('proof_of_loss_line').selectAll().where('proof_id', 'in', ids).orderBy('claim_line_no').execute(),
    db
      .selectFrom('proof_of_loss_file')
      .innerJoin('stored_file', 'stored_file.id', 'proof_of_loss_file.file_id')
      .select([
        'proof_of_loss_file.proof_id',
        'stored_file.id',
        'stored_file.purpose',
        'stored_file.sniffed_content_type',
        'stored_file.byte_size',
        'stored_file.created_at',
      ])
      .where('proof_of_loss_file.proof_id', 'in', ids)
      .orderBy('stored_file.created_at')
      .orderBy('stored_file.id')
      .execute(),
  ]);
  const money = (amount: string) => Money.of(amount, currency);
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    submissionNo: row.submission_no,
    lossDate: row.loss_date,
    lossTime: row.loss_time,
    lossTimeApproximate: row.loss_time_approximate,
    lossPlace: row.loss_place,
    lossDetails: row.loss_details,
    otherInsurance: parsed<OtherInsuranceJson[]>(row.other_insurance).map((entry) => ({ ...entry, limit: money(entry.limit) })),
    insuredInterest: row.insured_interest,
    otherInterests: parsed<OtherInterestJson[]>(row.other_interests).map((entry) => ({ ...entry, amount: entry.amount === null ? null : money(entry.amount) })),
    titleChanges: row.title_changes,
    sworn: row.sworn,
    oathStatement: row.oath_statement,
    signedName: row.signed_name,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    rejectionReason: row.rejection_reason,
    inventory: lines
      .filter((line) => line.proof_id === row.id)
      .map((line) => ({
        claimLineNo: line.claim_line_no,
        quantity: line.quantity,
        description: line.description,
        cost: money(line.cost),
        actualCashValue: money(line.actual_cash_value),
        amountOfLoss: money(line.amount_of_loss),
      })),
    files: files
      .filter((file) => file.proof_id === row.id)
      .map((file) => ({ fileId: file.id, purpose: file.purpose, type: file.sniffed_content_type, byteSize: file.byte_size })),
  }));
}

/** The proof under review or accepted, if any (at most one, by the proof_of_loss_live index). */
export async function findLiveProofOfLoss(db: Db, claimId: string): Promise<{ id: string; status: ProofOfLossStatus; decidedAt: string | null } | null> {
  const row = await db
    .selectFrom('proof_of_loss')
    .select(['id', 'status', 'decided_at'])
    .where('claim_id', '=', claimId)
    .where('status', 'in', ['submitted', 'accepted'])
    .executeTakeFirst();
  return row ? { id: row.id, status: row.status, decidedAt: row.decided_at } : null;
}

/** Records the adjuster's decision on a proof still under review; false when it is not (decided meanwhile, unknown). */
export async function decideProofOfLoss(
  db: Db,
  claimId: string,
  proofId: string,
  decision: { status: 'accepted' | 'rejected'; by: string; at: string; reason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('proof_of_loss')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at, rejection_reason: decision.reason })
    .where('id', '=', proofId)
    .where('claim_id', '=', claimId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function findOathRequest(db: Db, claimId: string): Promise<OathRequest | null> {
  const row = await db.selectFrom('proof_of_loss_oath_request').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
  return row ? { claimId: row.claim_id, requestedBy: row.requested_by, requestedAt: row.requested_at, note: row.note } : null;
}

/** Records the request (one per claim: the caller holds the claim's lock and checked there was none). */
export async function insertOathRequest(db: Db, request: OathRequest): Promise<void> {
  await db
    .insertInto('proof_of_loss_oath_request')
    .values({ claim_id: request.claimId, requested_by: request.requestedBy, requested_at: request.requestedAt, note: request.note })
    .execute();
}
