import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';

/**
 * JPF-COND-6: "waivers and changes only in writing" — every policy transaction gets its document, made by the
 * documents module's job from the committed transaction (the job row is the outbox, decision 0003).
 */
export async function enqueuePolicyTransactionDocument(trx: Trx, deps: Deps, policyId: string, transactionId: string): Promise<void> {
  await enqueueJob(
    trx,
    { kind: 'documents.policy_transaction', payload: { policyId, transactionId }, dedupeKey: `documents.policy_transaction:${transactionId}` },
    deps.clock,
  );
}
