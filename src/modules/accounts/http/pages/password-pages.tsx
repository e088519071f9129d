import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import { normaliseEmail } from '../../domain/email-address.ts';
import { RESET_PASSWORD_LINK_MINUTES } from '../../domain/email-links.ts';
import { requestPasswordReset } from '../../use-cases/request-password-reset.ts';
import { resetPassword } from '../../use-cases/reset-password.ts';
import { NewPasswordFields } from './common-fields.tsx';
import { setFlash } from './flash.ts';
import { EMPTY_FORM, emailField, errorFor, type FormState, filledIn, formValues, passwordField, requireMatchingPasswords, submitForm } from './forms.ts';
import { LINK_TOKEN, readLinkToken, sendLinkInvalidPage } from './mailed-links.tsx';
import { sendLayoutPage, sendNoticePage, translator } from './page-support.tsx';

const requestForm = z.object({ email: emailField });
const resetForm = requireMatchingPasswords(
  z.object({
    token: z.string().regex(LINK_TOKEN),
    password: passwordField,
    passwordConfirm: filledIn,
  }),
);

function RequestView({ locale, csrfToken, form }: { locale: Locale; csrfToken: string; form: FormState }) {
  const t = translator(locale);
  return (
    <>
      <PageHeading title={t('password_reset.request.title')} lead={t('password_reset.request.lead')} />
      <ErrorSummary locale={locale} errors={form.errors} />
      <Form action="/password-reset" csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="email"
          type="email"
          label={t('password_reset.request.email')}
          autocomplete="email"
          spellcheck={false}
          value={form.values.email}
          error={errorFor(form.errors, 'email')}
        />
        <Button>{t('password_reset.request.submit')}</Button>
      </Form>
    </>
  );
}

function ResetView({ locale, csrfToken, token, form }: { locale: Locale; csrfToken: string; token: string; form: FormState }) {
  const t = translator(locale);
  return (
    <>
      <PageHeading title={t('password_reset.complete.title')} />
      <ErrorSummary locale={locale} errors={form.errors} />
      <Form action="/reset-password" csrfToken={csrfToken}>
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields
          locale={locale}
          errors={form.errors}
          label={t('password_reset.complete.password')}
          confirmLabel={t('password_reset.complete.password_confirm')}
        />
        <Button>{t('password_reset.complete.submit')}</Button>
      </Form>
    </>
  );
}

/** "Forgot your password?": empty, or as last posted with its errors. */
function sendRequestPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, form: FormState = EMPTY_FORM, status?: number) {
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: translator(request.locale)('password_reset.request.title'), status },
    <RequestView locale={request.locale} csrfToken={request.csrfToken} form={form} />,
  );
}

/** The new-password form behind a link whose token has the right shape (whether it still works is checked on POST). */
function sendResetPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  form: FormState = EMPTY_FORM,
  options: { status?: number; currentPath?: string } = {},
) {
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: translator(request.locale)('password_reset.complete.title'), ...options },
    <ResetView locale={request.locale} csrfToken={request.csrfToken} token={token} form={form} />,
  );
}

/** "Forgot your password?" and the page behind the mailed link (also the staff welcome link). */
export function registerPasswordPages(app: TypedApp, deps: Deps): void {
  app.get('/password-reset', { schema: { hide: true } }, async (request, reply) => sendRequestPage(deps, request, reply));

  app.post('/password-reset', { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.locale);
    const values = formValues(request.body, ['email']);
    const result = await submitForm(request, reply, requestForm, 'email', (input) => requestPasswordReset(deps, input, originOf(request)));
    if (!result.ok) return sendRequestPage(deps, request, reply, { values, errors: result.failure.errors }, result.failure.status);
    // The same page whether or not the address is registered: it must not tell who is a customer.
    const email = normaliseEmail(result.data.email);
    return sendNoticePage(
      deps,
      request,
      reply,
      { title: t('password_reset.request.title'), currentPath: '/password-reset' },
      t('password_reset.request.sent', { email, minutes: RESET_PASSWORD_LINK_MINUTES }),
    );
  });

  // Showing the form uses nothing up: only the POST spends the link.
  app.get('/reset-password', { schema: { hide: true } }, async (request, reply) => {
    const token = readLinkToken(request.query);
    if (token === null) return sendLinkInvalidPage(deps, request, reply, { title: translator(request.locale)('password_reset.complete.title') });
    return sendResetPage(deps, request, reply, token);
  });

  app.post('/reset-password', { schema: { hide: true } }, async (request, reply) => {
    const invalidLink = () =>
      sendLinkInvalidPage(deps, request, reply, { title: translator(request.locale)('password_reset.complete.title'), currentPath: '/reset-password' });
    const token = readLinkToken(request.body);
    if (token === null) return invalidLink();
    const result = await submitForm(request, reply, resetForm, 'password', ({ password }) => resetPassword(deps, { token, password }, originOf(request)));
    if (!result.ok) {
      if (result.failure.code === 'link_invalid') return invalidLink();
      const currentPath = `/reset-password?token=${encodeURIComponent(token)}`;
      return sendResetPage(deps, request, reply, token, { values: {}, errors: result.failure.errors }, { status: result.failure.status, currentPath });
    }
    setFlash(reply, deps, 'password_reset.complete.done');
    return reply.redirect('/login', 303);
  });
}
