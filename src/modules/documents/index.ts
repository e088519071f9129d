/** The documents module's public surface: other modules and the composition root import only this. */

import { systemActor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { JobHandlers } from '../../platform/jobs/index.ts';
import { PermanentJobError } from '../../platform/jobs/index.ts';
import { DECLARATIONS_JOB, generateDeclarations } from './use-cases/generate-declarations.ts';
import { generateTransactionDocument, POLICY_TRANSACTION_DOCUMENT_JOB, TransactionNotFound } from './use-cases/generate-transaction-document.ts';

export type { StoredDocument } from './documents-repository.ts';
export { readContent, storeContent } from './documents-repository.ts';
export { declarationsPage, INSURER_CONTACT } from './domain/declarations-page.ts';
export type { Block, DocumentModel } from './domain/document-model.ts';
export { type TransactionDocument, transactionDocument } from './domain/transaction-document.ts';
export { documentsApi } from './http/api-routes.ts';
export { renderPdf } from './render-pdf.ts';
export { DECLARATIONS_JOB, generateDeclarations } from './use-cases/generate-declarations.ts';
export { generateTransactionDocument, POLICY_TRANSACTION_DOCUMENT_JOB } from './use-cases/generate-transaction-document.ts';
export { getDocumentContent, listPolicyDocuments } from './use-cases/read-documents.ts';

/**
 * `documents.declarations` { policyId }: generates the declarations page of an issued policy.
 * `documents.policy_transaction` { policyId, transactionId }: the document of a policy transaction (JPF-COND-6),
 * the notice of cancellation for an insurer cancellation (JPF-CANCEL-2). Both idempotent, so safe to run again.
 */
export function documentsJobHandlers(deps: Deps): JobHandlers {
  return {
    [DECLARATIONS_JOB]: async (payload) => {
      const policyId = payload.policyId;
      if (typeof policyId !== 'string') throw new PermanentJobError(`${DECLARATIONS_JOB} payload has no policyId`);
      await generateDeclarations(deps, systemActor('documents'), policyId);
    },
    [POLICY_TRANSACTION_DOCUMENT_JOB]: async (payload) => {
      const { policyId, transactionId } = payload;
      if (typeof policyId !== 'string' || typeof transactionId !== 'string')
        throw new PermanentJobError(`${POLICY_TRANSACTION_DOCUMENT_JOB} payload needs policyId and transactionId`);
      try {
        await generateTransactionDocument(deps, systemActor('documents'), policyId, transactionId);
      } catch (error) {
        if (error instanceof TransactionNotFound) throw new PermanentJobError(error.message);
        throw error;
      }
    },
  };
}
