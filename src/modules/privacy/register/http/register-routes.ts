import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { problemResponses } from '../../../../platform/http/schemas.ts';
import { readRegister, readRegisterCsv } from '../read-register.ts';

const erasureSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('delete') }),
  z.object({ action: z.literal('anonymise') }),
  z.object({ action: z.literal('keep'), basis: z.string() }),
]);

const registerSchema = z.object({
  purposes: z.array(
    z.object({
      purpose: z.string(),
      categories: z.array(z.string()),
      tables: z.array(z.object({ table: z.string(), columns: z.array(z.string()) })),
      provenance: z.array(z.string()),
      retention: z.array(z.string()),
      erasure: z.array(erasureSchema),
    }),
  ),
  retentionRules: z.array(
    z.object({
      id: z.string(),
      period: z.object({ years: z.number().optional(), months: z.number().optional(), days: z.number().optional() }).nullable(),
      trigger: z.string(),
      basis: z.string(),
    }),
  ),
});

/** JSON and CSV of the register of processing (PRV-USE-1, PRV-COLLECT-1, PRV-COLLECT-2). */
export const privacyRegisterApi: HttpModule = {
  name: 'privacy-register-api',
  register(app: TypedApp, _deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = ['Privacy'];
    app.get(
      '/api/v1/privacy/register',
      {
        schema: {
          tags,
          security,
          summary: 'The register of processing: per purpose, the data categories, tables, provenance, retention and erasure (privacy:read)',
          response: { 200: registerSchema, ...problemResponses },
        },
      },
      async (request) => {
        const register = readRegister(request.actor);
        return {
          purposes: register.purposes.map(({ entries: _entries, ...group }) => group),
          retentionRules: register.rules.map((rule) => ({ id: rule.id, period: rule.period, trigger: rule.trigger, basis: rule.basis })),
        };
      },
    );
    app.get(
      '/api/v1/privacy/register.csv',
      {
        schema: {
          tags,
          security,
          summary: 'The register of processing as CSV, one row per purpose and personal column (privacy:read)',
          description: 'Answers `text/csv` (RFC 4180, CRLF line ends, UTF-8).',
          response: { 200: z.any().describe('The register as text/csv'), ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="register-of-processing.csv"')
          .send(readRegisterCsv(request.actor)),
    );
  },
};
