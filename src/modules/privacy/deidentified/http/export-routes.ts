import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { instantText, problemResponses } from '../../../../platform/http/schemas.ts';
import { exportDeidentifiedPolicies, readExportRecords } from '../use-cases/export-deidentified.ts';

const exportRecordSchema = z.object({
  id: z.uuid(),
  dataset: z.string(),
  exportedAt: instantText,
  exportedBy: z.uuid(),
  rowCount: z.number().int(),
  suppressedCount: z.number().int(),
  minCellSize: z.number().int(),
  sha256: z.string(),
});

/** PRV-DEID-1: the de-identified export and the record of every export. */
export const deidentifiedExportApi: HttpModule = {
  name: 'privacy-deidentified-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const privacy = { tags: ['Privacy'], security };
    app.post(
      '/api/v1/privacy/deidentified-exports',
      {
        schema: {
          ...privacy,
          summary: 'PRV-DEID-1: export policies and items de-identified, as CSV (privacy officers, admins); the export is recorded',
          description:
            'Identifiers removed, keyed pseudonyms instead of ids, state/country, coverage band and year only; rows in groups under 10 suppressed. Answers text/csv with x-export-id, x-row-count and x-suppressed-count headers.',
          response: { 200: z.string().describe('text/csv'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await exportDeidentifiedPolicies(deps, request.actor, originOf(request));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="policy-items-deidentified-${result.id}.csv"`)
          .header('x-export-id', result.id)
          .header('x-row-count', String(result.rowCount))
          .header('x-suppressed-count', String(result.suppressedCount))
          .send(result.csv);
      },
    );
    app.get(
      '/api/v1/privacy/deidentified-exports',
      {
        schema: {
          ...privacy,
          summary: 'Every de-identified export: who, when, how many rows',
          response: { 200: z.object({ items: z.array(exportRecordSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await readExportRecords(deps, request.actor) }),
    );
  },
};
