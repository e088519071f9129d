import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { instantText, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import type { StoredDocument } from '../documents-repository.ts';
import { getDocumentContent, listPolicyDocuments } from '../use-cases/read-documents.ts';

const documentSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  kind: z.enum(['declarations', 'policy_change', 'cancellation_notice']).describe('cancellation_notice: the insurer’s notice of cancellation (JPF-CANCEL-2)'),
  locale: z.enum(['en', 'nl']),
  sha256: z.string().describe('SHA-256 of the PDF, hex'),
  byteSize: z.number().int(),
  createdAt: instantText,
  policyTransactionId: z.uuid().nullable().describe('The policy transaction the document records (JPF-COND-6); null for the declarations page'),
  contentUrl: z.string(),
});

function documentJson(document: StoredDocument) {
  return { ...document, contentUrl: `/api/v1/documents/${document.id}/content` };
}

/** JSON API of the documents module: a policy's generated documents and their PDFs. */
export const documentsApi: HttpModule = {
  name: 'documents-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const documents = { tags: ['Documents'], security };
    app.get(
      '/api/v1/policies/:id/documents',
      {
        schema: {
          ...documents,
          summary: 'The documents of a policy, newest first: the declarations page once issued, and one per later policy transaction',
          params: uuidParam,
          response: { 200: z.object({ items: z.array(documentSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listPolicyDocuments(deps, request.actor, request.params.id)).map(documentJson) }),
    );
    app.get(
      '/api/v1/documents/:id/content',
      {
        schema: {
          ...documents,
          summary: 'A document as PDF (whoever may see its policy)',
          description: 'Answers `application/pdf`. A document whose policy the caller may not see is 404.',
          params: uuidParam,
          response: { 200: z.any().describe('The document as application/pdf (binary)'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { document, content } = await getDocumentContent(deps, request.actor, request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${document.kind}-${document.id}.pdf"`)
          .header('etag', `"${document.sha256}"`)
          .header('cache-control', 'private, no-store')
          .send(content);
      },
    );
  },
};
