import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { formValues } from './forms.ts';
import { sendLayoutPage, translator } from './page-support.tsx';

/**
 * The pages behind mailed links (confirm the email address, reset the password) share how they read
 * the link's token and what they say when the link no longer works.
 */

/** Mailed links carry a random 32-byte token; anything else cannot be one. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The `token` of a mailed link: from the address when the link is opened (GET), from the form when it
 * is spent (POST). Null when it is missing, given twice or not shaped like a token, so nothing is
 * looked up for it.
 */
export function readLinkToken(fields: unknown): string | null {
  const token = formValues(fields, ['token']).token;
  return token !== undefined && LINK_TOKEN.test(token) ? token : null;
}

/** An expired, used or unknown link: say so, and offer a new one (a reset link also confirms the address). */
function LinkInvalidView({ locale, title }: { locale: Locale; title: string }) {
  const t = translator(locale);
  return (
    <>
      <PageHeading title={title} />
      <Panel kind="warning">
        <p>{t('accounts.link_invalid')}</p>
      </Panel>
      <p>
        <a href="/password-reset">{t('password_reset.new_link')}</a>
      </p>
    </>
  );
}

/** LinkInvalidView as the whole page, with 400; `title` is the title of the link's own page. */
export function sendLinkInvalidPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { title: string; currentPath?: string },
): Promise<FastifyReply> {
  return sendLayoutPage(deps, request, reply, { ...options, status: 400 }, <LinkInvalidView locale={request.locale} title={options.title} />);
}
