import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../platform/deps.ts';
import { Card, PageHeading } from '../../../../platform/ui/components.tsx';
import { layoutPageSender, translator } from '../../../../platform/ui/page-support.tsx';
import { keptReasonText } from '../executors.ts';
import type { ErasureReport } from '../use-cases/erase-person.ts';

const sendLayoutPage = layoutPageSender(async () => undefined);

/** PRV-RIGHT-3: the answer to a portal erasure: done, and exactly what was kept and why (or refused under a legal hold). */
export function erasureDonePage(deps: Deps, request: FastifyRequest, reply: FastifyReply, report: ErasureReport): Promise<FastifyReply> {
  const t = translator(request.locale);
  const lines = [
    ...report.kept.map((entry) => ({
      key: `${entry.table}-${JSON.stringify(entry.reason)}`,
      table: entry.table,
      rows: entry.rows,
      why: keptReasonText({ jurisdiction: request.locale === 'nl' ? 'NL' : 'US' }, entry.reason),
    })),
    ...report.refused.map((entry) => ({
      key: `${entry.table}-hold`,
      table: entry.table,
      rows: entry.rows,
      why: t('privacy.fulfilment.erasure.reason.legal_hold', { reason: entry.reason }),
    })),
  ];
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('privacy.fulfilment.erasure.done_title'), currentPath: '/portal/my-data' },
    <>
      <PageHeading title={t('privacy.fulfilment.erasure.done_title')} lead={t('privacy.fulfilment.erasure.done_lead')} />
      <Card id="kept" title={t('privacy.fulfilment.erasure.kept_heading')}>
        {lines.length === 0 ? (
          <p>{t('privacy.fulfilment.erasure.nothing_kept')}</p>
        ) : (
          <ul>
            {lines.map((line) => (
              <li key={line.key}>
                <strong>{t('privacy.fulfilment.erasure.kept_rows', { table: line.table, rows: String(line.rows) })}</strong> — {line.why}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>,
  );
}
