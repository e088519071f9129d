import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import { hasRole, type UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { Button, ButtonLink, Card, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import { attempt, errorFor, type FormError, parseForm, says } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { canWithdraw } from '../../domain/first-notice.ts';
import { type ClaimDetail, getClaimDetail, listMyClaims } from '../../use-cases/read-claims.ts';
import { withdrawClaim } from '../../use-cases/withdraw-claim.ts';
import { CLAIM_STATUS_SECTIONS } from '../claim-sections.ts';
import { ItemsTable, ReportSummary, renderSections } from './claim-views.tsx';
import { ClaimList, deadlineText, FilesTable, formatDay, pathId, sendClaimPage, setClaimFlash, statusText } from './fnol-page-support.tsx';

/**
 * The customer's side of a claim (issue #4, "Claim status for the customer"): my claims, and a claim's status page
 * in plain words — where it stands, what is needed from the insured next and by when, the report, the items and the
 * documents — followed by every part's status section (coverage, diary, proof of loss, settlement, payments…). The
 * policyholder, their agent, the jeweler and the reporter reach it (scopeClaims); anyone else gets 404. EN/NL.
 */

const withdrawSchema = z.object({
  reason: z.string(says('claims_fnol.form.problem.required')).trim().min(1, says('claims_fnol.form.problem.required')).max(2000),
});

function mayWithdraw(actor: UserActor, claim: ClaimDetail): boolean {
  return canWithdraw(claim.status) && (actor.userId === claim.holderUserId || actor.userId === claim.reportedByUserId || can(actor, 'claims:handle'));
}

/** The first thing asked of the insured that is still open (the suit limitation is a limit, said apart). */
function NextSteps({ locale, claim }: { locale: 'en' | 'nl'; claim: ClaimDetail }) {
  const t = translator(locale);
  const open = claim.diary.filter((entry) => entry.status === 'open' && entry.party !== 'insurer');
  const next = open.find((entry) => entry.kind !== 'suit_limitation');
  const suit = open.find((entry) => entry.kind === 'suit_limitation');
  return (
    <Card id="next-steps" title={t('claims_fnol.status.next_title')}>
      <p>
        {next
          ? t('claims_fnol.status.next_needed', { what: deadlineText(locale, next.kind), date: formatDay(locale, next.dueOn), clause: next.clause })
          : t('claims_fnol.status.next_nothing')}
      </p>
      {suit ? <p>{t('claims_fnol.status.suit_limitation', { date: formatDay(locale, suit.dueOn) })}</p> : null}
    </Card>
  );
}

async function sendStatusPage(
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
  const title = t('claims_fnol.status.title', { claimNumber: claim.claimNumber });
  const path = `/portal/claims/${claim.id}`;
  const sections = await renderSections(CLAIM_STATUS_SECTIONS, { deps, actor, locale, claim, csrfToken: request.csrfToken });
  return sendClaimPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: path },
    <>
      <PageHeading title={title} caption={t('claims_fnol.page.policy_caption', { policyNumber: claim.policyNumber })} />
      <Card id="claim-status" title={t('claims_fnol.status.where_title')}>
        <p>
          <strong>{statusText(locale, claim.status)}</strong>
          {' — '}
          {t(`claims_fnol.status_plain.${claim.status}`)}
        </p>
        {claim.withdrawalReason ? <p>{t('claims_fnol.status.withdrawn_reason', { reason: claim.withdrawalReason })}</p> : null}
      </Card>
      <NextSteps locale={locale} claim={claim} />
      <Card id="claim-report" title={t('claims_fnol.status.report_title')}>
        <ReportSummary locale={locale} claim={claim} />
        <h3>{t('claims_fnol.page.items_title')}</h3>
        <ItemsTable locale={locale} claim={claim} caption={t('claims_fnol.page.items_title')} />
      </Card>
      <Card id="claim-documents" title={t('claims_fnol.page.files_title')}>
        <FilesTable locale={locale} files={claim.files} caption={t('claims_fnol.page.files_caption', { claimNumber: claim.claimNumber })} />
      </Card>
      {sections}
      {mayWithdraw(actor, claim) ? (
        <Card id="withdraw" title={t('claims_fnol.withdraw.title')}>
          <p>{t('claims_fnol.withdraw.lead')}</p>
          <Form action={`${path}/withdraw`} csrfToken={request.csrfToken} aria-label={t('claims_fnol.withdraw.title')}>
            <ErrorSummary locale={locale} errors={form.errors} />
            <Field locale={locale} name="reason" label={t('claims_fnol.withdraw.reason')} error={errorFor(form.errors, 'reason')} multiline rows={3} />
            <Button variant="secondary">{t('claims_fnol.withdraw.submit')}</Button>
          </Form>
        </Card>
      ) : null}
      <p>
        <a href="/portal/claims">{t('claims_fnol.mine.back')}</a>
      </p>
    </>,
  );
}

export function registerClaimStatusPages(app: TypedApp, deps: Deps): void {
  app.get('/portal/claims', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    const t = translator(request.locale);
    const claims = await listMyClaims(deps, actor);
    return sendClaimPage(
      deps,
      request,
      reply,
      { title: t('claims_fnol.mine.title') },
      <>
        <PageHeading title={t('claims_fnol.mine.title')} lead={t('claims_fnol.mine.lead')} />
        <ClaimList locale={request.locale} claims={claims} caption={t('claims_fnol.mine.title')} />
        <p>
          {hasRole(actor, 'jeweler') ? (
            <ButtonLink href="/portal/jeweler/claims/new">{t('claims_fnol.jeweler.title')}</ButtonLink>
          ) : (
            <a href="/portal/policies">{t('claims_fnol.mine.report_hint')}</a>
          )}
        </p>
      </>,
    );
  });

  app.get('/portal/jeweler/claims', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report');
    if (!actor) return reply;
    if (!hasRole(actor, 'jeweler')) throw problems.forbidden();
    const t = translator(request.locale);
    const claims = await listMyClaims(deps, actor, { jewelerOnly: true });
    return sendClaimPage(
      deps,
      request,
      reply,
      { title: t('claims_fnol.jeweler.list_title') },
      <>
        <PageHeading title={t('claims_fnol.jeweler.list_title')} lead={t('claims_fnol.jeweler.list_lead')} />
        <ClaimList locale={request.locale} claims={claims} caption={t('claims_fnol.jeweler.list_title')} />
        <p>
          <ButtonLink href="/portal/jeweler/claims/new">{t('claims_fnol.jeweler.title')}</ButtonLink>
        </p>
      </>,
    );
  });

  app.get<{ Params: { id: string } }>('/portal/claims/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    return sendStatusPage(deps, request, reply, actor, pathId(request.params.id));
  });

  app.post<{ Params: { id: string } }>('/portal/claims/:id/withdraw', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report', `/portal/claims/${request.params.id}`);
    if (!actor) return reply;
    const claimId = pathId(request.params.id);
    // Out of reach is 404 before anything about the form is said.
    await getClaimDetail(deps, actor, claimId);
    const parsed = parseForm(request.locale, withdrawSchema, request.body);
    if (!parsed.ok) return sendStatusPage(deps, request, reply, actor, claimId, { errors: parsed.errors, status: 400 });
    const result = await attempt(request.locale, reply, 'reason', () => withdrawClaim(deps, actor, claimId, parsed.data, originOf(request)));
    if (!result.ok) return sendStatusPage(deps, request, reply, actor, claimId, { errors: result.failure.errors, status: result.failure.status });
    setClaimFlash(reply, deps, 'withdrawn', claimId);
    return reply.redirect(`/portal/claims/${claimId}`, 303);
  });
}
