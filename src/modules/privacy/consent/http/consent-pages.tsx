import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { Button, Card, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender, requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { CONSENT_PURPOSES, type MarketingStatus } from '../domain/marketing.ts';
import { objectToMarketing } from '../use-cases/object-to-marketing.ts';
import { getMyConsents } from '../use-cases/read-consents.ts';
import { setConsent } from '../use-cases/set-consent.ts';
import { unsubscribeByLink, unsubscribeTokenIsValid } from '../use-cases/unsubscribe.ts';

/**
 * PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7: a person's own marketing preference and consents in the
 * portal, and the unsubscribe link of marketing mails (no login: GET shows a confirm form, POST
 * unsubscribes, so a mail scanner following links unsubscribes nobody).
 */
const sendLayoutPage = layoutPageSender(async () => undefined);

const CONSENTS_PATH = '/portal/privacy/consents';

const DONE_MESSAGES = {
  given: 'privacy_consent.consents.done.given',
  withdrawn: 'privacy_consent.consents.done.withdrawn',
  objected: 'privacy_consent.consents.done.objected',
} as const satisfies Record<string, MessageKey>;
type Done = keyof typeof DONE_MESSAGES;

const consentForm = z.object({ purpose: z.enum(CONSENT_PURPOSES), given: z.enum(['true', 'false']) });

function statusKey(status: MarketingStatus): MessageKey {
  return status.sendable ? 'privacy_consent.marketing.status.sendable' : `privacy_consent.marketing.status.${status.reason}`;
}

async function consentsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, flash?: Flash): Promise<FastifyReply> {
  const actor = requirePageUser(request, reply, 'profile:read', CONSENTS_PATH);
  if (!actor) return reply;
  const t = translator(request.locale);
  const mine = await getMyConsents(deps, actor);
  const refusal = mine.marketing.sendable ? null : mine.marketing.reason;
  const live = (purpose: string) => mine.records.some((record) => record.purpose === purpose && record.withdrawnAt === null);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('privacy_consent.consents.title'), currentPath: CONSENTS_PATH, ...(flash && { flash }) },
    <>
      <PageHeading title={t('privacy_consent.consents.title')} lead={t('privacy_consent.consents.lead')} />
      <Card id="marketing" title={t('privacy_consent.marketing.title')}>
        <p id="marketing-status">{t(statusKey(mine.marketing))}</p>
        {refusal === null || refusal === 'objected' ? null : (
          <Form action={CONSENTS_PATH} csrfToken={request.csrfToken} class="inline-form">
            <input type="hidden" name="purpose" value="marketing_email" />
            <Button name="given" value="true">
              {t('privacy_consent.marketing.opt_in')}
            </Button>
          </Form>
        )}
        {refusal === 'objected' ? null : (
          <Form action="/portal/privacy/marketing-objection" csrfToken={request.csrfToken} class="inline-form">
            <Button variant="secondary">{t('privacy_consent.marketing.object')}</Button>
          </Form>
        )}
      </Card>
      <Card id="purposes" title={t('privacy_consent.consents.purposes')}>
        {CONSENT_PURPOSES.map((purpose) => (
          <Form action={CONSENTS_PATH} csrfToken={request.csrfToken} key={purpose} aria-label={t(`privacy_consent.purpose.${purpose}`)}>
            <input type="hidden" name="purpose" value={purpose} />
            <p>
              <strong>{t(`privacy_consent.purpose.${purpose}`)}</strong>:{' '}
              {t(live(purpose) ? 'privacy_consent.consents.live' : 'privacy_consent.consents.not_given')}
            </p>
            <Button name="given" value={live(purpose) ? 'false' : 'true'} variant={live(purpose) ? 'secondary' : 'primary'}>
              {t(live(purpose) ? 'privacy_consent.consents.withdraw' : 'privacy_consent.consents.give')}
            </Button>
          </Form>
        ))}
      </Card>
      <Table
        caption={t('privacy_consent.consents.history')}
        columns={[
          { header: t('privacy_consent.consents.column.purpose'), cell: (row) => t(`privacy_consent.purpose.${row.purpose}`), rowHeader: true },
          { header: t('privacy_consent.consents.column.given'), cell: (row) => row.givenAt },
          { header: t('privacy_consent.consents.column.withdrawn'), cell: (row) => row.withdrawnAt ?? '—' },
          { header: t('privacy_consent.consents.column.notice'), cell: (row) => String(row.noticeVersion) },
        ]}
        rows={mine.records}
        rowKey={(row) => row.id}
        empty={t('privacy_consent.consents.none')}
      />
    </>,
  );
}

function unsubscribePage(deps: Deps, request: FastifyRequest, reply: FastifyReply, body: { status?: number; content: ComponentChildren }) {
  const t = translator(request.locale);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('privacy_consent.unsubscribe.title'), currentPath: '/unsubscribe', status: body.status ?? 200 },
    body.content,
  );
}

export const consentPages: HttpModule = {
  name: 'privacy-consent-pages',
  register(app: TypedApp, deps: Deps) {
    app.get(CONSENTS_PATH, { schema: { hide: true } }, async (request, reply) => {
      const done = (request.query as { done?: unknown }).done;
      const t = translator(request.locale);
      const flash =
        typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done) ? { kind: 'success' as const, message: t(DONE_MESSAGES[done as Done]) } : undefined;
      return consentsPage(deps, request, reply, flash);
    });

    app.post(CONSENTS_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'profile:write', CONSENTS_PATH);
      if (!actor) return reply;
      const parsed = consentForm.safeParse(request.body);
      if (!parsed.success) return consentsPage(deps, request, reply, { kind: 'error', message: translator(request.locale)('error.validation_failed') });
      const given = parsed.data.given === 'true';
      await setConsent(deps, actor, { purpose: parsed.data.purpose, given }, 'portal', originOf(request));
      return reply.redirect(`${CONSENTS_PATH}?done=${given ? 'given' : 'withdrawn'}`, 303);
    });

    app.post('/portal/privacy/marketing-objection', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'profile:write', CONSENTS_PATH);
      if (!actor) return reply;
      await objectToMarketing(deps, actor, 'portal', originOf(request));
      return reply.redirect(`${CONSENTS_PATH}?done=objected`, 303);
    });

    app.get('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
      const t = translator(request.locale);
      const token = (request.query as { token?: unknown }).token;
      if (!unsubscribeTokenIsValid(deps, token))
        return unsubscribePage(deps, request, reply, {
          status: 400,
          content: <InvalidLink title={t('privacy_consent.unsubscribe.title')} text={t('privacy_consent.error.unsubscribe_link_invalid')} />,
        });
      return unsubscribePage(deps, request, reply, {
        content: (
          <>
            <PageHeading title={t('privacy_consent.unsubscribe.title')} lead={t('privacy_consent.unsubscribe.lead')} />
            <Form action="/unsubscribe" csrfToken={request.csrfToken}>
              <input type="hidden" name="token" value={String(token)} />
              <Button>{t('privacy_consent.unsubscribe.confirm')}</Button>
            </Form>
          </>
        ),
      });
    });

    app.post('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
      const t = translator(request.locale);
      try {
        await unsubscribeByLink(deps, (request.body as { token?: unknown } | undefined)?.token, originOf(request));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'unsubscribe_link_invalid') throw error;
        return unsubscribePage(deps, request, reply, {
          status: 400,
          content: <InvalidLink title={t('privacy_consent.unsubscribe.title')} text={t(error.messageKey)} />,
        });
      }
      return unsubscribePage(deps, request, reply, {
        content: (
          <>
            <PageHeading title={t('privacy_consent.unsubscribe.done_title')} />
            <Panel kind="success">{t('privacy_consent.unsubscribe.done')}</Panel>
          </>
        ),
      });
    });
  },
};

function InvalidLink({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageHeading title={title} />
      <Panel kind="error">{text}</Panel>
    </>
  );
}
