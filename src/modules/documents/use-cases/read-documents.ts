import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { getPolicy } from '../../policies/index.ts';
import { findDocument, listDocumentsOfPolicy, readContent, type StoredDocument } from '../documents-repository.ts';

/** Reads of the documents module: a document is reachable exactly when its policy is (DESIGN §5: otherwise 404). */

const PAGE = 100;

export async function listPolicyDocuments(deps: Deps, actor: Actor, policyId: string): Promise<StoredDocument[]> {
  await getPolicy(deps, actor, policyId);
  return listDocumentsOfPolicy(deps.db, policyId, PAGE);
}

export async function getDocumentContent(deps: Deps, actor: Actor, documentId: string): Promise<{ document: StoredDocument; content: Buffer }> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const document = await findDocument(deps.db, documentId);
  if (!document) throw problems.notFound();
  await getPolicy(deps, actor, document.policyId);
  const content = await readContent(deps.db, document.sha256);
  if (!content) throw problems.notFound();
  return { document, content };
}
