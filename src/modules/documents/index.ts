/** The documents module's public surface: other modules and the composition root import only this. */

import { systemActor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { JobHandlers } from '../../platform/jobs/index.ts';
import { PermanentJobError } from '../../platform/jobs/index.ts';
import { DECLARATIONS_JOB, generateDeclarations } from './use-cases/generate-declarations.ts';

export type { StoredDocument } from './documents-repository.ts';
export { declarationsPage, INSURER_CONTACT } from './domain/declarations-page.ts';
export type { Block, DocumentModel } from './domain/document-model.ts';
export { documentsApi } from './http/api-routes.ts';
export { renderPdf } from './render-pdf.ts';
export { DECLARATIONS_JOB, generateDeclarations } from './use-cases/generate-declarations.ts';
export { getDocumentContent, listPolicyDocuments } from './use-cases/read-documents.ts';

/** `documents.declarations` { policyId }: generates the declarations page of an issued policy (idempotent, so safe to run again). */
export function documentsJobHandlers(deps: Deps): JobHandlers {
  return {
    [DECLARATIONS_JOB]: async (payload) => {
      const policyId = payload.policyId;
      if (typeof policyId !== 'string') throw new PermanentJobError(`${DECLARATIONS_JOB} payload has no policyId`);
      await generateDeclarations(deps, systemActor('documents'), policyId);
    },
  };
}
