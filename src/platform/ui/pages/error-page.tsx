import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS } from '../../auth/actor.ts';
import type { Locale } from '../../db/schema.ts';
import { DEFAULT_LOCALE, type MessageKey, translate } from '../../i18n/index.ts';
import { PageHeading } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { renderDocument } from '../render.ts';

export type ErrorPageProps = {
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  status: number;
  title: string;
  message: string;
  requestId: string;
  currentPath?: string;
};

export function ErrorPage({ locale, actor, csrfToken, title, message, requestId, currentPath = '/' }: ErrorPageProps) {
  return (
    <Layout title={title} locale={locale} actor={actor} csrfToken={csrfToken} currentPath={currentPath}>
      <PageHeading title={title} />
      <p>{message}</p>
      {/* Shown on every error page so a user can quote it and support can find the log lines. */}
      <p class="muted">{translate(locale, 'error_page.request_id', { requestId })}</p>
      <p>
        <a href="/">{translate(locale, 'error_page.home')}</a>
      </p>
    </Layout>
  );
}

const TITLE_BY_STATUS: Record<number, MessageKey> = {
  401: 'error_page.401.title',
  403: 'error_page.403.title',
  404: 'error_page.404.title',
  429: 'error_page.429.title',
  500: 'error_page.500.title',
  503: 'error_page.503.title',
};

/** Title and text for a failure; `detail` is the problem's already translated message. */
export function errorPageText(locale: Locale, status: number, code: string, detail: string): { title: string; message: string } {
  if (code === 'csrf_invalid') return { title: translate(locale, 'form_expired.title'), message: translate(locale, 'form_expired.message') };
  const title = translate(locale, TITLE_BY_STATUS[status] ?? 'error_page.400.title');
  // These statuses get a page-specific explanation; the others (validation, rate limit, …) say what the problem said.
  if (status === 404) return { title, message: translate(locale, 'error_page.404.message') };
  if (status === 403) return { title, message: translate(locale, 'error_page.403.message') };
  if (status >= 500 && status !== 503) return { title, message: translate(locale, 'error_page.500.message') };
  return { title, message: detail };
}

/**
 * Matches HtmlErrorRenderer in http/error-handler.ts. The platform hooks may not have run when an
 * error happens early (e.g. a malformed request), so actor, locale and token fall back to safe values.
 */
export function renderErrorPage(request: FastifyRequest, _reply: FastifyReply, status: number, code: string, detail: string): string {
  const locale = request.locale ?? DEFAULT_LOCALE;
  const { title, message } = errorPageText(locale, status, code, detail);
  return renderDocument(
    <ErrorPage
      locale={locale}
      actor={request.actor ?? ANONYMOUS}
      csrfToken={request.csrfToken ?? ''}
      status={status}
      title={title}
      message={message}
      requestId={String(request.id)}
      currentPath={request.url}
    />,
  );
}
