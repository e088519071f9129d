import type { Db } from '../../platform/db/database.ts';
import type { Signature } from './cancellation-repository.ts';

/** SQL of endorsement requests (JPF-COND-9) and their signatures. */

export type EndorsementRequestStatus = 'pending' | 'executed' | 'withdrawn';
export type ReceivedVia = 'portal' | 'api' | 'mail';

/** The changes as the person asked for them (the API's shape), kept so a pending request can execute later. */
export type RequestedChange =
  | {
      op: 'add';
      description: string;
      category: string;
      coverageAmount: string;
      keptInSafe: boolean;
      appraisalDate: string;
      appraisedBy: string;
      appraisalFileId?: string | undefined;
      setId?: string | null | undefined;
      possessor?: string | null | undefined;
    }
  | {
      op: 'change';
      itemNo: number;
      description?: string | undefined;
      category?: string | undefined;
      coverageAmount?: string | undefined;
      keptInSafe?: boolean | undefined;
      appraisalDate: string;
      appraisedBy: string;
      appraisalFileId?: string | undefined;
    }
  | { op: 'remove'; itemNo: number }
  | { op: 'remove_named_insured'; name: string };

export type EndorsementRequest = {
  id: string;
  policyId: string;
  requestedBy: string;
  effectiveDate: string;
  receivedVia: ReceivedVia;
  changes: RequestedChange[];
  namedInsureds: string[];
  status: EndorsementRequestStatus;
  createdAt: string;
  executedAt: string | null;
  policyTransactionId: string | null;
};

type Row = {
  id: string;
  policy_id: string;
  requested_by: string;
  effective_date: string;
  received_via: ReceivedVia;
  changes: unknown;
  named_insureds: unknown;
  status: EndorsementRequestStatus;
  created_at: string;
  executed_at: string | null;
  policy_transaction_id: string | null;
};

function toRequest(row: Row): EndorsementRequest {
  return {
    id: row.id,
    policyId: row.policy_id,
    requestedBy: row.requested_by,
    effectiveDate: row.effective_date,
    receivedVia: row.received_via,
    changes: row.changes as RequestedChange[],
    namedInsureds: row.named_insureds as string[],
    status: row.status,
    createdAt: row.created_at,
    executedAt: row.executed_at,
    policyTransactionId: row.policy_transaction_id,
  };
}

export async function insertEndorsementRequest(db: Db, request: EndorsementRequest): Promise<void> {
  await db
    .insertInto('endorsement_request')
    .values({
      id: request.id,
      policy_id: request.policyId,
      requested_by: request.requestedBy,
      effective_date: request.effectiveDate,
      received_via: request.receivedVia,
      changes: JSON.stringify(request.changes),
      named_insureds: JSON.stringify(request.namedInsureds),
      status: request.status,
      created_at: request.createdAt,
      executed_at: request.executedAt,
      policy_transaction_id: request.policyTransactionId,
    })
    .execute();
}

export async function findEndorsementRequest(db: Db, policyId: string, requestId: string): Promise<EndorsementRequest | null> {
  const row = await db.selectFrom('endorsement_request').selectAll().where('policy_id', '=', policyId).where('id', '=', requestId).executeTakeFirst();
  return row ? toRequest(row) : null;
}

export async function listEndorsementRequests(db: Db, policyId: string): Promise<EndorsementRequest[]> {
  const rows = await db.selectFrom('endorsement_request').selectAll().where('policy_id', '=', policyId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toRequest);
}

export async function markEndorsementExecuted(db: Db, requestId: string, transactionId: string, at: string): Promise<void> {
  await db
    .updateTable('endorsement_request')
    .set({ status: 'executed', executed_at: at, policy_transaction_id: transactionId })
    .where('id', '=', requestId)
    .execute();
}

export async function insertEndorsementSignature(db: Db, requestId: string, id: string, signature: Signature): Promise<void> {
  await db
    .insertInto('policy_signature')
    .values({
      id,
      request_id: null,
      endorsement_request_id: requestId,
      named_insured: signature.namedInsured,
      signed_at: signature.signedAt,
      method: signature.method,
      recorded_by: signature.recordedBy,
    })
    .execute();
}

export async function findEndorsementSignatures(db: Db, requestId: string): Promise<Signature[]> {
  const rows = await db
    .selectFrom('policy_signature')
    .select(['named_insured', 'signed_at', 'method', 'recorded_by'])
    .where('endorsement_request_id', '=', requestId)
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ namedInsured: row.named_insured, signedAt: row.signed_at, method: row.method, recordedBy: row.recorded_by }));
}
