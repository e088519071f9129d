import { createHash } from 'node:crypto';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { getAccount } from '../../accounts/index.ts';
import { getPolicy, listPolicyTransactions } from '../../policies/index.ts';
import { findDocumentOfTransaction, insertTransactionDocumentOnce, type StoredDocument, storeContent } from '../documents-repository.ts';
import { transactionDocument } from '../domain/transaction-document.ts';
import { renderPdf } from '../render-pdf.ts';
import { generateDeclarations } from './generate-declarations.ts';

/**
 * The job that makes a policy transaction's document (payload { policyId, transactionId }). The policies module
 * enqueues it in the same database transaction that records the policy transaction, with the dedupe key
 * `documents.policy_transaction:<transactionId>`.
 */
export const POLICY_TRANSACTION_DOCUMENT_JOB = 'documents.policy_transaction';

/**
 * JPF-COND-6: the written record of a policy transaction, in the holder's language; for an insurer cancellation
 * the notice of cancellation (JPF-CANCEL-2). The issue transaction's document is the declarations page.
 * Idempotent: one document per transaction (a rerun answers the stored one), and the document is dated at the
 * transaction's recorded time, so rendering it again gives the same bytes and the same hash.
 */
export async function generateTransactionDocument(deps: Deps, actor: Actor, policyId: string, transactionId: string): Promise<StoredDocument> {
  const existing = await findDocumentOfTransaction(deps.db, transactionId);
  if (existing) {
    if (existing.policyId !== policyId) throw new TransactionNotFound(policyId, transactionId);
    return existing;
  }
  const [policy, transactions] = await Promise.all([getPolicy(deps, actor, policyId), listPolicyTransactions(deps, actor, policyId)]);
  const transaction = transactions.find((candidate) => candidate.id === transactionId);
  if (!transaction) throw new TransactionNotFound(policyId, transactionId);
  if (transaction.kind === 'issue') return generateDeclarations(deps, actor, policyId);
  // The holder's language is an account setting; the system reads it whoever asked for the document.
  const holder = await getAccount(deps, systemActor('documents'), policy.holderUserId);
  const { kind, model } = transactionDocument(
    {
      policyNumber: policy.policyNumber,
      timeZone: policy.timeZone,
      currency: policy.premium.currency,
      namedInsuredsAtIssue: policy.application.namedInsureds,
      mailingAddress: policy.application.mailingAddress,
      transactions,
      transactionId,
    },
    holder.locale,
  );
  const pdf = await renderPdf(model);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    await storeContent(trx, sha256, pdf, now);
    const id = newId();
    const document = await insertTransactionDocumentOnce(trx, {
      id,
      policyId,
      kind,
      locale: holder.locale,
      sha256,
      byteSize: pdf.length,
      createdAt: now,
      policyTransactionId: transactionId,
    });
    if (document.id === id)
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'document.generated',
          subject: { type: 'document', id: document.id },
          details: { policyId, kind, locale: document.locale, sha256, policyTransactionId: transactionId, transactionKind: transaction.kind },
          requestId: SYSTEM_ORIGIN.requestId,
        },
        deps.clock,
      );
    return document;
  });
}

/** The transaction is not one of the policy's: retrying will not help. */
export class TransactionNotFound extends Error {
  constructor(policyId: string, transactionId: string) {
    super(`policy ${policyId} has no transaction ${transactionId}`);
  }
}
