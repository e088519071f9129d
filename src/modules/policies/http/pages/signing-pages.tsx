import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { Button, Form, PageHeading, Panel, SummaryList } from '../../../../platform/ui/components.tsx';
import { attempt } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import type { SignableKind } from '../../signing-invitation-repository.ts';
import { inviteToSign } from '../../use-cases/invite-to-sign.ts';
import { openSigningLink, type SigningLinkView, signByLink } from '../../use-cases/sign-by-link.ts';
import { formatDate, formatMoney, pathId, sendLayoutPage } from './page-support.tsx';
import { changeText, policyPath, sendPolicyDetail, setPortalFlash } from './policy-pages.tsx';

/**
 * Signing invitations in the portal and the public signing page (JPF-COND-9 removals, JPF-CANCEL-1 cancellations):
 * the holder emails a named insured a one-time link from the policy page; the link opens a page that says what is being
 * signed and has one "Sign as <name>" button, a plain POST form with the CSRF field, so it works without an account and
 * without JavaScript.
 */
const KIND_PATHS: Record<SignableKind, string> = { endorsement: 'endorsements', cancellation: 'cancellation-requests' };

export function registerSigningPages(app: TypedApp, deps: Deps): void {
  for (const kind of ['endorsement', 'cancellation'] as const) {
    app.post<{ Params: { id: string; requestId: string } }>(
      `/portal/policies/:id/${KIND_PATHS[kind]}/:requestId/invitations`,
      { schema: { hide: true } },
      async (request, reply) => {
        const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}`);
        if (!actor) return reply;
        const policyId = pathId(request.params.id);
        const requestId = pathId(request.params.requestId);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const input = { namedInsured: typeof body.namedInsured === 'string' ? body.namedInsured : '', email: typeof body.email === 'string' ? body.email : '' };
        const result = await attempt(request.locale, reply, 'form', () => inviteToSign(deps, actor, { kind, policyId, requestId }, input, originOf(request)));
        if (!result.ok) {
          const message = result.failure.errors.map((error) => error.message).join(' ');
          return sendPolicyDetail(deps, request, reply, actor, policyId, { flash: { kind: 'error', message }, status: result.failure.status });
        }
        setPortalFlash(reply, deps, 'invited', requestId);
        return reply.redirect(policyPath(policyId), 303);
      },
    );
  }

  app.get<{ Params: { token: string } }>('/sign/:token', { schema: { hide: true } }, async (request, reply) => {
    const result = await attempt(request.locale, reply, 'form', () => openSigningLink(deps, request.params.token, originOf(request)));
    if (!result.ok) return sendLinkProblem(deps, request, reply, result.failure);
    return sendSigningPage(deps, request, reply, result.value);
  });

  app.post<{ Params: { token: string } }>('/sign/:token', { schema: { hide: true } }, async (request, reply) => {
    const result = await attempt(request.locale, reply, 'form', () => signByLink(deps, request.params.token, originOf(request)));
    if (!result.ok) return sendLinkProblem(deps, request, reply, result.failure);
    const signed = result.value;
    const t = translator(request.locale);
    const date = formatDate(request.locale, signed.effectiveDate);
    const outcome = signed.executed
      ? t(signed.kind === 'endorsement' ? 'signing.page.executed_endorsement' : 'signing.page.executed_cancellation', { date })
      : t('signing.page.waiting');
    const title = t('signing.page.signed_title', { name: signed.namedInsured });
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title, currentPath: '/' },
      <>
        <PageHeading title={title} />
        <Panel kind="success">
          <p>{t('signing.page.signed')}</p>
          <p>{outcome}</p>
        </Panel>
      </>,
    );
  });
}

/** Expired, used, replaced or forged links, requests no longer pending, names already signed: a page that says so, with its status. */
function sendLinkProblem(deps: Deps, request: FastifyRequest, reply: FastifyReply, failure: { status: number; errors: { message: string }[] }) {
  const t = translator(request.locale);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('signing.page.problem_title'), status: failure.status, currentPath: '/' },
    <>
      <PageHeading title={t('signing.page.problem_title')} />
      <Panel kind="warning">
        {failure.errors.map((error) => (
          <p key={error.message}>{error.message}</p>
        ))}
      </Panel>
    </>,
  );
}

function sendSigningPage(deps: Deps, request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, view: SigningLinkView) {
  const locale = request.locale;
  const t = translator(locale);
  const title = t('signing.page.title', { policyNumber: view.policyNumber });
  const currency = view.premiumChange?.currency ?? view.refund?.currency ?? 'USD';
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, currentPath: '/' },
    <>
      <PageHeading title={title} lead={t('signing.page.lead')} />
      <SummaryList
        items={[
          { term: t('signing.page.policy_number'), value: view.policyNumber },
          {
            term: t('signing.page.what'),
            value: (
              <>
                <p>{t(view.kind === 'endorsement' ? 'signing.page.endorsement' : 'signing.page.cancellation')}</p>
                {view.changes.length > 0 ? (
                  <ul>
                    {view.changes.map((change, index) => (
                      <li key={String(index)}>{changeText(locale, change, currency)}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ),
          },
          { term: t('signing.page.effective_date'), value: formatDate(locale, view.effectiveDate) },
          ...(view.premiumChange ? [{ term: t('signing.page.premium_change'), value: formatMoney(locale, view.premiumChange) }] : []),
          ...(view.refund ? [{ term: t('signing.page.refund'), value: formatMoney(locale, view.refund) }] : []),
          { term: t('signing.page.expires'), value: formatInstant(locale, view.expiresAt, deps.config.insurerTimeZone) },
        ]}
      />
      <Form action={`/sign/${request.params.token}`} csrfToken={request.csrfToken} aria-label={t('signing.page.sign', { name: view.namedInsured })}>
        <Button>{t('signing.page.sign', { name: view.namedInsured })}</Button>
      </Form>
    </>,
  );
}
