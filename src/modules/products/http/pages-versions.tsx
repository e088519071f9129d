import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { AppError, type FieldProblem } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Table } from '../../../platform/ui/components.tsx';
import { flashCookie } from '../../../platform/ui/flash.ts';
import { type FormError, type FormValues, formValues, parseForm, says } from '../../../platform/ui/forms.ts';
import type { Flash } from '../../../platform/ui/layout.tsx';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import type { ProductVersionRecord } from '../product-versions-repository.ts';
import { END_OF_TIME, todayFor } from '../use-cases/common.ts';
import { publishProductVersion } from '../use-cases/publish-product-version.ts';
import { listProductVersionRecords } from '../use-cases/read-product-version-records.ts';
import { getProduct, type ProductDetail } from '../use-cases/read-products.ts';
import { pathCode } from './pages-support.tsx';

/**
 * Publishing a new product version from the back office (issue #3: "A product is versioned data"),
 * with the liberalization flag (JPF-COND-3): the product's versions, and a form with the definition
 * as JSON (prefilled from the version in force today), the effective date, whether the revision
 * broadens coverage, and the day it was adopted. It calls the same use case as
 * POST /api/v1/products/{code}/versions; every problem comes back on the form and nothing is saved.
 */

/** A definition is a few kilobytes; this bounds what the form parses. */
const MAX_DEFINITION_CHARS = 100_000;

const publishSchema = z.object({
  definition: z
    .string(says('error.field.required'))
    .trim()
    .min(1, says('error.field.required'))
    .max(MAX_DEFINITION_CHARS, says('product_versions.page.problem.too_long')),
  effectiveFrom: z.iso.date(says('product_versions.page.problem.date')),
  broadening: z.literal('yes').optional(),
  adoptedOn: z.preprocess((value) => (value === '' ? undefined : value), z.iso.date(says('product_versions.page.problem.date')).optional()),
});

type VersionForm = { values: FormValues; errors: readonly FormError[]; status: number };

// One-time message after publishing; the version is read again, within the reader's access, to show it.
const flash = flashCookie('bezel_product_version_flash', ['published'] as const);

async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = flash.take(deps, request, reply);
  const code = (request.params as { code?: string }).code;
  if (taken?.subjectId === undefined || code === undefined) return undefined;
  try {
    const version = (await listProductVersionRecords(deps, request.actor, code)).find((record) => record.id === taken.subjectId);
    if (!version) return undefined;
    return { kind: 'success', message: translate(request.locale, 'product_versions.page.flash', { version: version.version, date: version.effectiveFrom }) };
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

const sendPage = layoutPageSender(takeFlash);

export function registerVersionPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { code: string } }>('/backoffice/products/:code/versions', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'products:manage');
    if (!actor) return reply;
    return sendVersionsPage(deps, request, reply, actor, pathCode(request.params.code), { values: {}, errors: [], status: 200 });
  });

  app.post<{ Params: { code: string } }>('/backoffice/products/:code/versions', { schema: { hide: true } }, async (request, reply) => {
    const code = pathCode(request.params.code);
    const actor = requirePageUser(request, reply, 'products:manage', `/backoffice/products/${code}/versions`);
    if (!actor) return reply;
    // An unknown product is 404 before anything about the form is said.
    await listProductVersionRecords(deps, actor, code);
    const values = formValues(request.body, ['definition', 'effectiveFrom', 'broadening', 'adoptedOn']);
    const fail = (errors: FormError[], status: number) => sendVersionsPage(deps, request, reply, actor, code, { values, errors, status });
    const parsed = parseForm(request.locale, publishSchema, request.body);
    if (!parsed.ok) return fail(parsed.errors, 400);
    let definition: unknown;
    try {
      definition = JSON.parse(parsed.data.definition);
    } catch (error) {
      const detail = error instanceof Error ? error.message.slice(0, 200) : '';
      return fail([{ field: 'definition', message: translate(request.locale, 'product_versions.page.problem.json', { detail }) }], 400);
    }
    try {
      const created = await publishProductVersion(
        deps,
        actor,
        {
          productCode: code,
          definition,
          effectiveFrom: parsed.data.effectiveFrom,
          broadening: parsed.data.broadening === 'yes',
          adoptedOn: parsed.data.adoptedOn ?? null,
        },
        originOf(request),
      );
      flash.set(reply, deps, 'published', created.id);
      return reply.redirect(`/backoffice/products/${code}/versions`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
      return fail(formErrors(request, error), error.status);
    }
  });
}

/** Every problem of the use case, on the form field it is about (all of the definition's on the text area). */
function formErrors(request: FastifyRequest, error: AppError): FormError[] {
  const problems = Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldProblem[]) : [];
  const errors = problems.map((problem) => ({
    field: problem.field.replace(/^body\./, '').split('.')[0] ?? 'definition',
    message: problem.messageKey ? translate(request.locale, problem.messageKey, problem.params) : (problem.message ?? ''),
  }));
  return errors.length > 0 ? errors : [{ field: 'definition', message: translate(request.locale, error.messageKey, error.params) }];
}

async function sendVersionsPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  code: string,
  form: VersionForm,
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const today = todayFor(deps);
  const versions = await listProductVersionRecords(deps, actor, code);
  const current = await currentDetail(deps, actor, code, today);
  const name = current?.name ?? code;
  const title = t('product_versions.page.title', { name });
  const fieldError = (field: string) => {
    const messages = form.errors.filter((error) => error.field === field).map((error) => error.message);
    return messages.length > 0 ? messages.join(' · ') : undefined;
  };
  return sendPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: `/backoffice/products/${code}/versions` },
    <>
      <PageHeading title={title} caption={code} lead={t('product_versions.page.lead')} />
      <p>
        <a href="/backoffice/products">{t('product_versions.page.back')}</a>
      </p>
      <VersionTable locale={locale} name={name} versions={versions} />
      <Card id="publish" title={t('product_versions.page.form')}>
        <Form action={`/backoffice/products/${code}/versions`} csrfToken={request.csrfToken} aria-labelledby="publish-heading">
          <ErrorSummary locale={locale} errors={form.errors} />
          <Field
            locale={locale}
            name="definition"
            label={t('product_versions.page.definition')}
            hint={current ? t('product_versions.page.definition_hint', { version: current.version.version }) : undefined}
            multiline
            rows={24}
            spellcheck={false}
            value={form.values.definition ?? (current ? JSON.stringify(current.version.definition, null, 2) : '')}
            error={fieldError('definition')}
          />
          <Field
            locale={locale}
            name="effectiveFrom"
            type="date"
            width="medium"
            label={t('product_versions.page.effective_from')}
            hint={t('product_versions.page.effective_hint', { today })}
            value={form.values.effectiveFrom}
            error={fieldError('effectiveFrom')}
            autocomplete="off"
          />
          <CheckboxGroup
            locale={locale}
            name="broadening"
            legend={t('product_versions.page.broadening_legend')}
            hint={t('product_versions.page.broadening_hint')}
            options={[{ value: 'yes', label: t('product_versions.page.broadening_label') }]}
            selected={form.values.broadening === 'yes' ? ['yes'] : []}
            error={fieldError('broadening')}
          />
          <Field
            locale={locale}
            name="adoptedOn"
            type="date"
            width="medium"
            optional
            label={t('product_versions.page.adopted_on')}
            hint={t('product_versions.page.adopted_on_hint', { today })}
            value={form.values.adoptedOn}
            error={fieldError('adoptedOn')}
            autocomplete="off"
          />
          <Button>{t('product_versions.page.submit')}</Button>
        </Form>
      </Card>
    </>,
  );
}

/** The version in force today, or else the latest one, to prefill the definition. */
async function currentDetail(deps: Deps, actor: UserActor, code: string, today: string): Promise<ProductDetail | null> {
  for (const date of [today, END_OF_TIME]) {
    try {
      return await getProduct(deps, actor, code, date);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'no_version_in_force') throw error;
    }
  }
  return null;
}

function VersionTable({ locale, name, versions }: { locale: 'en' | 'nl'; name: string; versions: readonly ProductVersionRecord[] }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('product_pages.versions.caption', { name })}
      columns={[
        { header: t('product_pages.versions.version'), cell: (version: ProductVersionRecord) => String(version.version), rowHeader: true },
        { header: t('product_pages.versions.effective_from'), cell: (version) => version.effectiveFrom },
        { header: t('product_pages.versions.status'), cell: (version) => t(`product_pages.status.${version.status}`) },
        // JPF-COND-3: a broadening revision applies to policies in force, from the day it was adopted.
        {
          header: t('product_pages.versions.liberalization'),
          cell: (version) =>
            version.broadening ? t('product_pages.versions.broadening', { date: version.adoptedOn ?? '—' }) : t('product_pages.versions.not_broadening'),
        },
      ]}
      rows={versions}
      rowKey={(version) => version.id}
      empty={t('product_pages.versions.empty')}
    />
  );
}
