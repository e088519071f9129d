import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ButtonLink, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { attempt, errorFor, type FormError, parseForm, says } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import type { QueueRow } from '../../claim-queue-repository.ts';
import { CLOSABLE_STATUSES } from '../../domain/claim-closing.ts';
import { decodeCursor, QUEUE_PAGE, type QueueFilter } from '../../domain/claim-queue.ts';
import { LOSS_KINDS } from '../../domain/first-notice.ts';
import { assignClaim } from '../../use-cases/assign-claim.ts';
import { closeClaim } from '../../use-cases/close-claim.ts';
import { getClaimDetail, listClaimHandlers, readClaimQueue } from '../../use-cases/read-claims.ts';
import { CLAIM_360_SECTIONS } from '../claim-sections.ts';
import { queueQuery } from '../fnol-schemas.ts';
import { ItemsTable, ReportSummary, renderSections } from './claim-views.tsx';
import { DiaryTable, FilesTable, formatDay, lossKindText, pathId, sendClaimPage, setClaimFlash, statusText } from './fnol-page-support.tsx';

/**
 * The adjuster's side (issue #4, "Adjusters have a queue with filters, their diary, and a claim 360 view"): the queue
 * of open claims with its filters and pages (a GET form, so a filtered queue is a link), and the claim 360 view with
 * the report, items, files, deadlines, reporter, policy link and assignment, then every part's 360 section in order.
 */

const STATUS_CHOICES = ['open', 'reported', 'needs_information', 'covered', 'denied', 'settled', 'closed', 'withdrawn'] as const;
const assignSchema = z.object({ adjusterUserId: z.uuid(says('claims_fnol.form.problem.adjuster')) });
const closeSchema = z.object({ note: z.string().trim().min(3, says('claims.close.note_required')).max(1000) });

type QueueForm = Record<string, string | undefined>;

/** The filter form's values as the queue's filter; null when the query is not one the queue understands. */
function filterOf(query: QueueForm): QueueFilter | null {
  const present = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = queueQuery.safeParse(present);
  if (!parsed.success) return null;
  const data = parsed.data;
  const after = data.cursor === undefined ? undefined : decodeCursor(data.cursor);
  if (after === null) return null;
  return {
    status: data.status,
    limit: data.limit,
    ...(data.adjuster && { adjuster: data.adjuster === 'me' || data.adjuster === 'unassigned' ? data.adjuster : { userId: data.adjuster } }),
    ...(data.lossKind && { lossKind: data.lossKind }),
    ...(data.overdue === 'true' && { overdue: true }),
    ...(data.reportedFrom && { reportedFrom: data.reportedFrom }),
    ...(data.reportedTo && { reportedTo: data.reportedTo }),
    ...(after && { after }),
  };
}

function nextPageLink(query: QueueForm, cursor: string): string {
  const params = new URLSearchParams(
    Object.entries({ ...query, cursor }).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
  return `/backoffice/claims?${params.toString()}`;
}

function QueueTable({ locale, rows }: { locale: Locale; rows: readonly QueueRow[] }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('claims_fnol.queue.caption')}
      captionHidden
      columns={[
        { header: t('claims_fnol.page.claim_number'), cell: (row) => <a href={`/backoffice/claims/${row.id}`}>{row.claimNumber}</a>, rowHeader: true },
        { header: t('claims_fnol.page.policy_number'), cell: (row) => row.policyNumber },
        { header: t('claims_fnol.page.insured'), cell: (row) => row.insuredName },
        { header: t('claims_fnol.page.loss'), cell: (row) => `${lossKindText(locale, row.lossKind)}, ${formatDay(locale, row.lossDate)}` },
        { header: t('claims_fnol.page.status'), cell: (row) => statusText(locale, row.status) },
        { header: t('claims_fnol.queue.adjuster'), cell: (row) => row.adjusterName ?? t('claims_fnol.queue.unassigned') },
        { header: t('claims_fnol.queue.reported'), cell: (row) => formatDay(locale, row.reportedAt.slice(0, 10)) },
        {
          header: t('claims_fnol.page.next_deadline'),
          cell: (row) =>
            row.nextDueOn ? (
              row.overdue ? (
                <strong>{t('claims_fnol.queue.overdue', { date: formatDay(locale, row.nextDueOn) })}</strong>
              ) : (
                formatDay(locale, row.nextDueOn)
              )
            ) : (
              ''
            ),
        },
      ]}
      rows={rows}
      rowKey={(row) => row.id}
      empty={t('claims_fnol.queue.empty')}
    />
  );
}

async function sendQueuePage(deps: Deps, request: FastifyRequest<{ Querystring: QueueForm }>, reply: FastifyReply, actor: UserActor) {
  const locale = request.locale;
  const t = translator(locale);
  const query = request.query;
  const filter = filterOf(query);
  const errors: FormError[] = filter ? [] : [{ field: 'status', message: t('claims_fnol.queue.bad_filter') }];
  const page = filter ? await readClaimQueue(deps, actor, filter) : { items: [], nextCursor: null };
  const value = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  return sendClaimPage(
    deps,
    request,
    reply,
    { title: t('claims_fnol.queue.title'), status: filter ? 200 : 400, currentPath: '/backoffice/claims' },
    <>
      <PageHeading title={t('claims_fnol.queue.title')} lead={t('claims_fnol.queue.lead')} />
      <form method="get" action="/backoffice/claims" aria-label={t('claims_fnol.queue.filters')}>
        <ErrorSummary locale={locale} errors={errors} />
        <SelectField
          locale={locale}
          name="status"
          label={t('claims_fnol.page.status')}
          value={value('status') ?? 'open'}
          options={STATUS_CHOICES.map((status) => ({ value: status, label: status === 'open' ? t('claims_fnol.queue.open') : statusText(locale, status) }))}
        />
        <SelectField
          locale={locale}
          name="adjuster"
          label={t('claims_fnol.queue.adjuster')}
          value={value('adjuster') ?? ''}
          options={[
            { value: '', label: t('claims_fnol.queue.anyone') },
            { value: 'me', label: t('claims_fnol.queue.me') },
            { value: 'unassigned', label: t('claims_fnol.queue.unassigned') },
          ]}
        />
        <SelectField
          locale={locale}
          name="lossKind"
          label={t('claims_fnol.queue.loss_kind')}
          value={value('lossKind') ?? ''}
          options={[{ value: '', label: t('claims_fnol.queue.any_kind') }, ...LOSS_KINDS.map((kind) => ({ value: kind, label: lossKindText(locale, kind) }))]}
        />
        <CheckboxGroup
          locale={locale}
          name="overdue"
          legend={t('claims_fnol.queue.deadlines')}
          options={[{ value: 'true', label: t('claims_fnol.queue.overdue_only') }]}
          selected={[value('overdue') ?? '']}
        />
        <Field
          locale={locale}
          name="reportedFrom"
          type="date"
          label={t('claims_fnol.queue.reported_from')}
          value={value('reportedFrom')}
          optional
          width="medium"
        />
        <Field locale={locale} name="reportedTo" type="date" label={t('claims_fnol.queue.reported_to')} value={value('reportedTo')} optional width="medium" />
        <Button variant="secondary">{t('claims_fnol.queue.apply')}</Button>
      </form>
      <QueueTable locale={locale} rows={page.items} />
      {page.nextCursor ? (
        <p>
          <a href={nextPageLink({ ...query, limit: query.limit ?? String(QUEUE_PAGE) }, page.nextCursor)}>{t('claims_fnol.queue.next_page')}</a>
        </p>
      ) : null}
      {can(actor, 'claims:handle') ? (
        <p>
          <ButtonLink href="/backoffice/claims/new">{t('claims_fnol.phone.title')}</ButtonLink>
        </p>
      ) : null}
    </>,
  );
}

async function send360(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  claimId: string,
  form: { errors: FormError[]; status: number } = { errors: [], status: 200 },
) {
  const locale = request.locale;
  const t = translator(locale);
  const claim = await getClaimDetail(deps, actor, claimId);
  const mayAssign = can(actor, 'claims:handle');
  const [handlers, sections] = await Promise.all([
    mayAssign ? listClaimHandlers(deps, actor) : Promise.resolve([]),
    renderSections(CLAIM_360_SECTIONS, { deps, actor, locale, claim, csrfToken: request.csrfToken }),
  ]);
  const title = t('claims_fnol.status.title', { claimNumber: claim.claimNumber });
  return sendClaimPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: `/backoffice/claims/${claim.id}` },
    <>
      <PageHeading title={title} caption={t('claims_fnol.c360.caption')} />
      <Card id="claim-summary" title={t('claims_fnol.c360.summary')}>
        <SummaryList
          items={[
            { term: t('claims_fnol.page.status'), value: statusText(locale, claim.status) },
            { term: t('claims_fnol.page.policy_number'), value: <a href={`/backoffice/policies/${claim.policyId}`}>{claim.policyNumber}</a> },
            { term: t('claims_fnol.c360.channel'), value: t(`claims_fnol.channel.${claim.channel}`) },
            { term: t('claims_fnol.c360.reporter_account'), value: claim.reporterDisplayName ?? '' },
            { term: t('claims_fnol.queue.adjuster'), value: claim.adjusterName ?? t('claims_fnol.queue.unassigned') },
            { term: t('claims_fnol.queue.reported'), value: formatDay(locale, claim.reportedAt.slice(0, 10)) },
            ...(claim.withdrawalReason ? [{ term: t('claims_fnol.c360.withdrawn'), value: claim.withdrawalReason }] : []),
          ]}
        />
        <ReportSummary locale={locale} claim={claim} />
      </Card>
      <Card id="claim-items" title={t('claims_fnol.page.items_title')}>
        <ItemsTable locale={locale} claim={claim} caption={t('claims_fnol.page.items_caption', { claimNumber: claim.claimNumber })} />
      </Card>
      <Card id="claim-files" title={t('claims_fnol.page.files_title')}>
        <FilesTable locale={locale} files={claim.files} caption={t('claims_fnol.page.files_caption', { claimNumber: claim.claimNumber })} />
      </Card>
      <Card id="claim-deadlines" title={t('claims_fnol.c360.deadlines')}>
        <DiaryTable locale={locale} diary={claim.diary} caption={t('claims_fnol.c360.deadlines_caption', { claimNumber: claim.claimNumber })} />
      </Card>
      {mayAssign ? (
        <Card id="claim-assign" title={t('claims_fnol.c360.assign')}>
          <Form action={`/backoffice/claims/${claim.id}/assign`} csrfToken={request.csrfToken} aria-label={t('claims_fnol.c360.assign')}>
            <ErrorSummary locale={locale} errors={form.errors} />
            <SelectField
              locale={locale}
              name="adjusterUserId"
              label={t('claims_fnol.queue.adjuster')}
              value={claim.adjusterUserId ?? actor.userId}
              options={handlers.map((handler) => ({ value: handler.id, label: handler.displayName }))}
              error={form.errors.find((error) => error.field === 'adjusterUserId')?.message}
            />
            <Button>{t('claims_fnol.c360.assign_submit')}</Button>
          </Form>
        </Card>
      ) : null}
      {sections}
      {mayAssign && CLOSABLE_STATUSES.includes(claim.status) ? (
        <Card id="claim-close" title={t('claims.close.title')}>
          <p>{t('claims.close.lead')}</p>
          <Form action={`/backoffice/claims/${claim.id}/close`} csrfToken={request.csrfToken} aria-label={t('claims.close.title')}>
            <Field locale={locale} name="note" label={t('claims.close.note')} error={errorFor(form.errors, 'note')} />
            <Button>{t('claims.close.submit')}</Button>
          </Form>
        </Card>
      ) : null}
      <p>
        <a href="/backoffice/claims">{t('claims_fnol.c360.back')}</a>
      </p>
    </>,
  );
}

export function registerClaimBackofficePages(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: QueueForm }>('/backoffice/claims', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:read_all');
    if (!actor) return reply;
    return sendQueuePage(deps, request, reply, actor);
  });

  app.get<{ Params: { id: string } }>('/backoffice/claims/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:read_all');
    if (!actor) return reply;
    return send360(deps, request, reply, actor, pathId(request.params.id));
  });

  app.post<{ Params: { id: string } }>('/backoffice/claims/:id/assign', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle', `/backoffice/claims/${request.params.id}`);
    if (!actor) return reply;
    const claimId = pathId(request.params.id);
    await getClaimDetail(deps, actor, claimId);
    const parsed = parseForm(request.locale, assignSchema, request.body);
    if (!parsed.ok) return send360(deps, request, reply, actor, claimId, { errors: parsed.errors, status: 400 });
    const result = await attempt(request.locale, reply, 'adjusterUserId', () => assignClaim(deps, actor, claimId, parsed.data, originOf(request)), {
      fieldName: (field) => field.replace(/^body\./, ''),
      fieldCodes: ['not_an_adjuster'],
    });
    if (!result.ok) return send360(deps, request, reply, actor, claimId, { errors: result.failure.errors, status: result.failure.status });
    setClaimFlash(reply, deps, 'assigned', claimId);
    return reply.redirect(`/backoffice/claims/${claimId}`, 303);
  });

  app.post<{ Params: { id: string } }>('/backoffice/claims/:id/close', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle', `/backoffice/claims/${request.params.id}`);
    if (!actor) return reply;
    const claimId = pathId(request.params.id);
    await getClaimDetail(deps, actor, claimId);
    const parsed = parseForm(request.locale, closeSchema, request.body);
    if (!parsed.ok) return send360(deps, request, reply, actor, claimId, { errors: parsed.errors, status: 400 });
    const result = await attempt(request.locale, reply, 'note', () => closeClaim(deps, actor, claimId, parsed.data, originOf(request)), {
      fieldName: (field) => field.replace(/^body\./, ''),
      fieldCodes: [],
    });
    if (!result.ok) return send360(deps, request, reply, actor, claimId, { errors: result.failure.errors, status: result.failure.status });
    setClaimFlash(reply, deps, 'closed', claimId);
    return reply.redirect(`/backoffice/claims/${claimId}`, 303);
  });
}
