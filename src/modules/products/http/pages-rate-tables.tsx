import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { AppError, type FieldProblem } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, RadioGroup, Table } from '../../../platform/ui/components.tsx';
import { type FormError, parseForm, says } from '../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { multipartForm, uploadedPart } from '../../files/index.ts';
import { RATE_TABLE_NAMES } from '../domain/rate-tables.ts';
import type { RateTableSummary } from '../products-repository.ts';
import { getProduct } from '../use-cases/read-products.ts';
import { listRateTables } from '../use-cases/read-rate-tables.ts';
import { uploadRateTable } from '../use-cases/upload-rate-table.ts';
import { pathCode, sendLayoutPage, setFlash } from './pages-support.tsx';

/**
 * A product's rate tables with effective dates and status, and the CSV upload (issue #3: "uploaded
 * as CSV in the back office, validated (clear line-by-line errors, nothing half-loaded) before
 * activation"). The CSV can be pasted into the text area or sent as a file; the form is
 * multipart/form-data so that a file goes with it. A file, when chosen, wins over the text area.
 */

/** The API's limit on a CSV (api-schemas.ts uploadRateTableBody). */
const MAX_CSV_CHARS = 200_000;
/** Errors shown on the page; the API lists them all. */
const MAX_ERRORS_SHOWN = 200;

const uploadSchema = z.object({
  name: z.enum(RATE_TABLE_NAMES, says('product_pages.problem.table_name')),
  csv: z.string().max(MAX_CSV_CHARS, says('product_pages.problem.csv_too_long')).optional(),
  newKeys: z.string().max(2000).optional(),
});

type UploadForm = { values: { name?: string; csv?: string; newKeys?: string }; errors: FormError[]; lineErrors: FormError[]; status: number };
const EMPTY: UploadForm = { values: {}, errors: [], lineErrors: [], status: 200 };

export function registerRateTablePages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { code: string } }>('/backoffice/products/:code/rate-tables', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'products:read');
    if (!actor) return reply;
    return sendTablesPage(deps, request, reply, pathCode(request.params.code));
  });

  // The form is multipart so that a file can go with it (files/http/multipart-forms.ts reads it).
  app.post<{ Params: { code: string } }>(
    '/backoffice/products/:code/rate-tables',
    { schema: { hide: true }, ...multipartForm(deps, { maxFiles: 1 }) },
    async (request, reply) => {
      const code = pathCode(request.params.code);
      const actor = requirePageUser(request, reply, 'products:manage', `/backoffice/products/${code}/rate-tables`);
      if (!actor) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = {
        name: typeof body.name === 'string' ? body.name : undefined,
        csv: typeof body.csv === 'string' ? body.csv : undefined,
        newKeys: typeof body.newKeys === 'string' ? body.newKeys : undefined,
      };
      const fail = (errors: FormError[], status: number, lineErrors: FormError[] = []) =>
        sendTablesPage(deps, request, reply, code, { values, errors, lineErrors, status });
      const parsed = parseForm(request.locale, uploadSchema, { name: values.name, csv: values.csv, newKeys: values.newKeys });
      if (!parsed.ok) return fail(parsed.errors, 400);
      const csv = csvText(request, body, parsed.data.csv);
      if ('error' in csv) return fail([csv.error], 400);
      try {
        // Keys a coming version adds (a new category or deductible), typed separated by commas or spaces.
        const newKeys = (parsed.data.newKeys ?? '').split(/[\s,]+/).filter((key) => key !== '');
        const table = await uploadRateTable(deps, actor, { productCode: code, name: parsed.data.name, csv: csv.text, newKeys }, originOf(request));
        setFlash(reply, deps, 'uploaded', table.id);
        return reply.redirect(`/backoffice/products/${code}/rate-tables`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
        if (error.code === 'new_keys_invalid')
          return fail([{ field: 'newKeys', message: translate(request.locale, error.messageKey, error.params) }], error.status);
        // Every line's errors, not one per field: nothing was stored, and the person fixes the file once.
        const lineErrors = fieldProblems(error).map((problem) => ({ field: 'csv', message: problemText(request, problem) }));
        return fail([{ field: 'csv', message: translate(request.locale, error.messageKey, error.params) }], error.status, lineErrors);
      }
    },
  );
}

function csvText(request: FastifyRequest, body: Record<string, unknown>, typed: string | undefined): { text: string } | { error: FormError } {
  const t = translator(request.locale);
  const file = uploadedPart(body, 'file');
  if (file && file.size > MAX_CSV_CHARS * 4) return { error: { field: 'file', message: t('product_pages.problem.file_too_large', { limit: MAX_CSV_CHARS }) } };
  if (file && file.size > 0) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
      if (text.length > MAX_CSV_CHARS) return { error: { field: 'file', message: t('product_pages.problem.file_too_large', { limit: MAX_CSV_CHARS }) } };
      return { text };
    } catch {
      return { error: { field: 'file', message: t('product_pages.problem.file_not_text') } };
    }
  }
  if (typed === undefined || typed.trim() === '') return { error: { field: 'csv', message: t('product_pages.problem.csv_required') } };
  return { text: typed };
}

function fieldProblems(error: AppError): FieldProblem[] {
  return Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldProblem[]) : [];
}

function problemText(request: FastifyRequest, problem: FieldProblem): string {
  return problem.messageKey
    ? translate(request.locale, problem.messageKey, problem.params)
    : (problem.message ?? translate(request.locale, 'error.field.invalid'));
}

async function sendTablesPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, code: string, form: UploadForm = EMPTY): Promise<FastifyReply> {
  const actor = request.actor;
  const locale = request.locale;
  const t = translator(locale);
  const [product, tables] = await Promise.all([getProduct(deps, actor, code), listRateTables(deps, actor, code)]);
  const shown = form.lineErrors.slice(0, MAX_ERRORS_SHOWN);
  const title = t('product_pages.tables.title', { name: product.name });
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: `/backoffice/products/${code}/rate-tables` },
    <>
      <PageHeading title={title} caption={product.name} lead={t('product_pages.tables.lead')} />
      <p>
        <a href="/backoffice/products">{t('product_pages.tables.back')}</a>
      </p>
      <Table
        caption={t('product_pages.tables.caption')}
        columns={[
          {
            header: t('product_pages.tables.table'),
            cell: (table: RateTableSummary) => t('product_pages.tables.name_version', { name: table.name, version: table.version }),
            rowHeader: true,
          },
          { header: t('product_pages.tables.status'), cell: (table) => t(`product_pages.status.${table.status}`) },
          { header: t('product_pages.tables.effective_from'), cell: (table) => table.effectiveFrom ?? '—' },
          { header: t('product_pages.tables.rows'), cell: (table) => String(table.rowCount), numeric: true },
          { header: t('product_pages.tables.uploaded'), cell: (table) => table.createdAt.slice(0, 10) },
          {
            header: t('product_pages.tables.action'),
            cell: (table) =>
              table.status === 'draft' && can(actor, 'products:manage') ? (
                <a
                  href={`/backoffice/products/${code}/rate-tables/${table.id}/activate`}
                  aria-label={t('product_pages.tables.review_label', { name: table.name, version: table.version })}
                >
                  {t('product_pages.tables.review')}
                </a>
              ) : (
                '—'
              ),
          },
        ]}
        rows={tables}
        rowKey={(table) => table.id}
        empty={t('product_pages.tables.empty')}
      />
      {can(actor, 'products:manage') ? (
        <Card id="upload" title={t('product_pages.upload.title')}>
          <Form action={`/backoffice/products/${code}/rate-tables`} csrfToken={request.csrfToken} multipart aria-labelledby="upload-heading">
            <ErrorSummary locale={locale} errors={[...form.errors, ...shown]} />
            {form.lineErrors.length > shown.length ? <p>{t('product_pages.upload.more_errors', { count: form.lineErrors.length - shown.length })}</p> : null}
            <RadioGroup
              locale={locale}
              name="name"
              legend={t('product_pages.upload.name')}
              options={RATE_TABLE_NAMES.map((name) => ({ value: name, label: name, hint: t(`product_pages.table_hint.${name}`) }))}
              selected={[form.values.name ?? '']}
              error={form.errors.find((error) => error.field === 'name')?.message}
            />
            <FileField
              label={t('product_pages.upload.file')}
              hint={t('product_pages.upload.file_hint')}
              error={form.errors.find((error) => error.field === 'file')?.message}
              errorPrefix={t('form.error_prefix')}
            />
            <Field
              locale={locale}
              name="csv"
              label={t('product_pages.upload.csv')}
              hint={t('product_pages.upload.csv_hint')}
              multiline
              rows={10}
              spellcheck={false}
              optional
              value={form.values.csv}
              error={form.errors.find((error) => error.field === 'csv')?.message}
            />
            <Field
              locale={locale}
              name="newKeys"
              label={t('product_pages.upload.new_keys')}
              hint={t('product_pages.upload.new_keys_hint')}
              optional
              value={form.values.newKeys}
              error={form.errors.find((error) => error.field === 'newKeys')?.message}
            />
            <Button>{t('product_pages.upload.submit')}</Button>
          </Form>
        </Card>
      ) : null}
    </>,
  );
}

/** A file input laid out like Field (fields.tsx has no file type); its id is what ErrorSummary links to. */
function FileField({ label, hint, error, errorPrefix }: { label: string; hint: string; error: string | undefined; errorPrefix: string }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for="field-file">
        {label}
      </label>
      <p class="field__hint" id="field-file-hint">
        {hint}
      </p>
      {error ? (
        <p class="field__error" id="field-file-error">
          <span class="visually-hidden">{errorPrefix} </span>
          {error}
        </p>
      ) : null}
      <input
        class="field__input"
        type="file"
        id="field-file"
        name="file"
        accept=".csv,text/csv,text/plain"
        aria-describedby={error ? 'field-file-hint field-file-error' : 'field-file-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
