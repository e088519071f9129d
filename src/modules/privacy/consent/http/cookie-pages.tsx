import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, CheckboxGroup, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { parseForm } from '../../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, safeLocalPath, translator } from '../../../../platform/ui/page-support.tsx';
import { bannerNeeded } from '../domain/consent-cookie.ts';
import { OPTIONAL_CATEGORIES } from '../domain/cookie-choice.ts';
import { pageViewCounterOf, readPageStatistics } from '../use-cases/page-statistics.ts';
import { readPrivacyNotice } from '../use-cases/read-privacy-notice.ts';
import { recordCookieChoice } from '../use-cases/record-cookie-choice.ts';
import { applyRecordedChoice, browserConsent, consentForPage } from './consent-cookies.ts';
import { CookieBanner, PrivacyFooterLinks } from './cookie-banner.tsx';
import { CookieList } from './cookie-list.tsx';

/** These pages show no one-time messages of their own. */
const sendLayoutPage = layoutPageSender(async () => undefined);

/** PRV-COOKIE-1 with GPC: the date Bezel's Global Privacy Control support last changed. */
export const GPC_LAST_UPDATE = '2026-11-21';

const choiceForm = z.object({
  choice: z.enum(['accept_all', 'refuse_all', 'custom']),
  categories: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(OPTIONAL_CATEGORIES)).max(2)),
  returnTo: z.string().optional(),
});

/** Pages a browser navigates to; API calls, assets and probes get no banner, no consent record and no count. */
function isPageRequest(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

function pathOnly(url: string): string {
  return url.split(/[?#]/)[0] ?? url;
}

function countIfPage(deps: Deps, request: FastifyRequest, reply: FastifyReply): void {
  const type = String(reply.getHeader('content-type') ?? '');
  const route = request.routeOptions.url;
  if (request.method !== 'GET' || reply.statusCode !== 200 || !type.startsWith('text/html') || !route || !isPageRequest(request)) return;
  pageViewCounterOf(deps).count(route);
}

/** How often counted page views are written (PageViewCounter). */
const PAGE_VIEW_FLUSH_MS = 5_000;

export const cookiePages: HttpModule = {
  name: 'privacy-cookie-pages',
  register(app: TypedApp, deps: Deps) {
    app.decorateRequest('pageSlots', undefined);
    // PRV-COOKIE-1: every page gets the banner (until the current notice is answered) and the settings link.
    app.addHook('onRequest', async (request, reply) => {
      if (!isPageRequest(request)) return;
      const consent = await consentForPage(deps, request, reply);
      const path = pathOnly(request.url);
      const showBanner = bannerNeeded(consent.state) && path !== '/cookies';
      request.pageSlots = {
        banner: showBanner ? <CookieBanner locale={request.locale} csrfToken={request.csrfToken} currentPath={request.url} state={consent.state} /> : undefined,
        footerLinks: <PrivacyFooterLinks locale={request.locale} actor={request.actor} currentPath={path === '/cookies' ? '/' : request.url} />,
      };
    });
    // PRV-BEACON-1: counted as the page leaves, as the route's pattern only; written every few seconds.
    app.addHook('onSend', async (request, reply, payload) => {
      countIfPage(deps, request, reply);
      return payload;
    });
    const counter = pageViewCounterOf(deps);
    const flushing = setInterval(() => void counter.flush(), PAGE_VIEW_FLUSH_MS);
    flushing.unref();
    app.addHook('onClose', async () => {
      clearInterval(flushing);
      await counter.flush();
    });

    app.get('/.well-known/gpc.json', { schema: { hide: true } }, async (_request, reply) => {
      return reply.header('cache-control', 'public, max-age=86400').type('application/json').send({ gpc: true, lastUpdate: GPC_LAST_UPDATE });
    });

    app.post('/cookies/consent', { schema: { hide: true } }, async (request, reply) => {
      const parsed = parseForm(request.locale, choiceForm, request.body);
      const returnTo = safeLocalPath((request.body as { returnTo?: unknown } | undefined)?.returnTo) ?? '/';
      if (!parsed.ok) return reply.redirect(`/cookies?returnTo=${encodeURIComponent(returnTo)}`, 303);
      const current = await browserConsent(deps, request);
      const { choice, categories } = parsed.data;
      const recorded = await recordCookieChoice(
        deps,
        request.actor,
        { consentId: current.state.consentId, choice: choice === 'custom' ? { kind: 'custom', categories } : { kind: choice }, gpc: current.gpc },
        originOf(request),
      );
      applyRecordedChoice(deps, request, reply, recorded);
      return reply.redirect(returnTo, 303);
    });

    app.get('/cookies', { schema: { hide: true } }, async (request, reply) => {
      const query = request.query as { returnTo?: unknown };
      const returnTo = safeLocalPath(query.returnTo) ?? '/';
      const consent = await browserConsent(deps, request);
      const t = translator(request.locale);
      const selected = OPTIONAL_CATEGORIES.filter((category) => consent.effective[category]);
      const status =
        consent.state.kind === 'answered'
          ? t('privacy_consent.settings.status_answered', {
              categories:
                selected.length === 0 ? t('privacy_consent.category.functional_only') : selected.map((c) => t(`privacy_consent.category.${c}`)).join(', '),
            })
          : t('privacy_consent.settings.status_unanswered');
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('privacy_consent.settings.title') },
        <>
          <PageHeading title={t('privacy_consent.settings.title')} lead={t('privacy_consent.settings.lead')} />
          <p id="cookie-status">{status}</p>
          {consent.gpc ? <Panel kind="info">{t('privacy_consent.settings.gpc')}</Panel> : null}
          <Form action="/cookies/consent" csrfToken={request.csrfToken} aria-label={t('privacy_consent.settings.title')}>
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="choice" value="custom" />
            <CheckboxGroup
              locale={request.locale}
              name="categories"
              legend={t('privacy_consent.settings.legend')}
              hint={t('privacy_consent.settings.functional_always')}
              options={OPTIONAL_CATEGORIES.map((category) => ({
                value: category,
                label: t(`privacy_consent.category.${category}`),
                hint: t(`privacy_consent.category.${category}.hint`),
              }))}
              selected={selected}
            />
            <Button>{t('privacy_consent.settings.save')}</Button>
          </Form>
          <CookieList locale={request.locale} />
          <p>
            <a href={returnTo}>{t('privacy_consent.settings.back')}</a>
          </p>
        </>,
      );
    });

    // PRV-CHANGE-1: the notice in force and what changed in each version, for everyone.
    app.get('/privacy', { schema: { hide: true } }, async (request, reply) => {
      const t = translator(request.locale);
      const { current, history } = await readPrivacyNotice(deps, request.locale);
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('privacy_consent.notice.title') },
        <>
          <PageHeading
            title={t('privacy_consent.notice.title')}
            caption={current ? t('privacy_consent.notice.version', { version: current.version, date: current.publishedOn }) : undefined}
          />
          {current ? <p class="lead">{current.summary}</p> : null}
          <Table
            caption={t('privacy_consent.notice.history')}
            columns={[
              { header: t('privacy_consent.notice.column.version'), cell: (row) => String(row.version), rowHeader: true },
              { header: t('privacy_consent.notice.column.published'), cell: (row) => row.publishedOn },
              { header: t('privacy_consent.notice.column.changes'), cell: (row) => row.changes },
            ]}
            rows={history}
            rowKey={(row) => String(row.version)}
            empty={t('privacy_consent.notice.none')}
          />
        </>,
      );
    });

    // PRV-BEACON-1: page counts for privacy officers, admins and auditors.
    app.get('/backoffice/privacy/page-statistics', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'privacy:read');
      if (!actor) return reply;
      const t = translator(request.locale);
      const stats = await readPageStatistics(deps, actor);
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('privacy_consent.stats.title') },
        <>
          <PageHeading title={t('privacy_consent.stats.title')} lead={t('privacy_consent.stats.lead', { from: stats.from, to: stats.to })} />
          <Table
            caption={t('privacy_consent.stats.title')}
            captionHidden
            columns={[
              { header: t('privacy_consent.stats.column.day'), cell: (row) => row.day },
              { header: t('privacy_consent.stats.column.path'), cell: (row) => <code>{row.path}</code>, rowHeader: true },
              { header: t('privacy_consent.stats.column.views'), cell: (row) => new Intl.NumberFormat(request.locale).format(row.views), numeric: true },
            ]}
            rows={stats.counts}
            rowKey={(row) => `${row.day} ${row.path}`}
            empty={t('privacy_consent.stats.empty')}
          />
        </>,
      );
    });
  },
};
