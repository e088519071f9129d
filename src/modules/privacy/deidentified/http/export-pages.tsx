import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { Button, Card, Form, PageHeading, Table } from '../../../../platform/ui/components.tsx';
import { requirePageUser, sendLayoutPage, translator } from '../../../../platform/ui/page-support.tsx';
import type { ExportRecord } from '../deidentified-repository.ts';
import { MIN_CELL_SIZE } from '../domain/deidentify.ts';
import { exportDeidentifiedPolicies, readExportRecords } from '../use-cases/export-deidentified.ts';

/** PRV-DEID-1: the back-office page of the de-identified export: the button that downloads one, and every earlier export. */
export function registerExportPages(app: TypedApp, deps: Deps): void {
  app.get('/backoffice/privacy/deidentified-export', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:read');
    if (!actor) return reply;
    const t = translator(request.locale);
    const records = await readExportRecords(deps, actor);
    return sendLayoutPage(
      request,
      reply,
      { title: t('privacy_disclosure.pages.export.title') },
      <>
        <PageHeading title={t('privacy_disclosure.pages.export.title')} lead={t('privacy_disclosure.pages.export.lead', { min: MIN_CELL_SIZE })} />
        <Card id="export" title={t('privacy_disclosure.pages.export.download')}>
          <Form action="/backoffice/privacy/deidentified-export" csrfToken={request.csrfToken} aria-labelledby="export-heading">
            <Button>{t('privacy_disclosure.pages.export.download')}</Button>
          </Form>
        </Card>
        <Table
          caption={t('privacy_disclosure.pages.export.history')}
          columns={[
            {
              header: t('privacy_disclosure.pages.export.exported_at'),
              cell: (record: ExportRecord) => formatInstant(request.locale, record.exportedAt, deps.config.insurerTimeZone),
              rowHeader: true,
            },
            { header: t('privacy_disclosure.pages.export.rows'), cell: (record) => record.rowCount, numeric: true },
            { header: t('privacy_disclosure.pages.export.suppressed'), cell: (record) => record.suppressedCount, numeric: true },
          ]}
          rows={records}
          rowKey={(record) => record.id}
          empty={t('privacy_disclosure.pages.export.none')}
        />
      </>,
      async () => undefined,
    );
  });
  app.post('/backoffice/privacy/deidentified-export', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', '/backoffice/privacy/deidentified-export');
    if (!actor) return reply;
    const result = await exportDeidentifiedPolicies(deps, actor, originOf(request));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="policy-items-deidentified-${result.id}.csv"`)
      .send(result.csv);
  });
}
