import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../../platform/auth/passwords.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { normaliseEmail } from '../../domain/email-address.ts';
import { RESET_PASSWORD_LINK_MINUTES } from '../../domain/email-links.ts';
import { requestPasswordReset } from '../../use-cases/request-password-reset.ts';
import { resetPassword } from '../../use-cases/reset-password.ts';
import { setFlash } from './flash.ts';
import { attempt, EMPTY_FORM, emailField, errorFor, type FormState, filledIn, formValues, parseForm, passwordField, says } from './forms.ts';
import { sendLayoutPage, translator } from './page-support.tsx';

/** Mailed links carry a random 32-byte token; anything else cannot be one. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const requestForm = z.object({ email: emailField });
const resetForm = z
  .object({
    token: z.string().regex(LINK_TOKEN),
    password: passwordField,
    passwordConfirm: filledIn,
  })
  .refine((form) => form.password === form.passwordConfirm, { path: ['passwordConfirm'], ...says('accounts.problem.passwords_differ'), when: () => true });

/** An expired, used or unknown link: say so, and offer a new one (a reset link also confirms the address). */
export function LinkInvalidView({ locale, title }: { locale: Locale; title: string }) {
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
        <Field
          locale={locale}
          name="password"
          type="password"
          label={t('password_reset.complete.password')}
          hint={t('register.password_hint', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          error={errorFor(form.errors, 'password')}
        />
        <Field
          locale={locale}
          name="passwordConfirm"
          type="password"
          label={t('password_reset.complete.password_confirm')}
          autocomplete="new-password"
          error={errorFor(form.errors, 'passwordConfirm')}
        />
        <Button>{t('password_reset.complete.submit')}</Button>
      </Form>
    </>
  );
}

/** "Forgot your password?" and the page behind the mailed link (also the staff welcome link). */
export function registerPasswordPages(app: TypedApp, deps: Deps): void {
  app.get('/password-reset', { schema: { hide: true } }, async (request, reply) =>
    sendLayoutPage(
      deps,
      request,
      reply,
      { title: translator(request.locale)('password_reset.request.title') },
      <RequestView locale={request.locale} csrfToken={request.csrfToken} form={EMPTY_FORM} />,
    ),
  );

  app.post('/password-reset', { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const values = formValues(request.body, ['email']);
    const show = (status: number, form: FormState) =>
      sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('password_reset.request.title'), status },
        <RequestView locale={locale} csrfToken={request.csrfToken} form={form} />,
      );
    const parsed = parseForm(locale, requestForm, request.body);
    if (!parsed.ok) return show(400, { values, errors: parsed.errors });
    const result = await attempt(locale, reply, 'email', () => requestPasswordReset(deps, parsed.data, originOf(request)));
    if (!result.ok) return show(result.failure.status, { values, errors: result.failure.errors });
    // The same page whether or not the address is registered: it must not tell who is a customer.
    const email = normaliseEmail(parsed.data.email);
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('password_reset.request.title'), currentPath: '/password-reset' },
      <>
        <PageHeading title={t('password_reset.request.title')} />
        <Panel kind="success">
          <p>{t('password_reset.request.sent', { email, minutes: RESET_PASSWORD_LINK_MINUTES })}</p>
        </Panel>
      </>,
    );
  });

  // Showing the form uses nothing up: only the POST spends the link.
  app.get('/reset-password', { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.locale);
    const token = (request.query as { token?: unknown }).token;
    if (typeof token !== 'string' || !LINK_TOKEN.test(token)) {
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('password_reset.complete.title'), status: 400 },
        <LinkInvalidView locale={request.locale} title={t('password_reset.complete.title')} />,
      );
    }
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('password_reset.complete.title') },
      <ResetView locale={request.locale} csrfToken={request.csrfToken} token={token} form={EMPTY_FORM} />,
    );
  });

  app.post('/reset-password', { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const token = formValues(request.body, ['token']).token ?? '';
    const invalidLink = () =>
      sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('password_reset.complete.title'), status: 400, currentPath: '/reset-password' },
        <LinkInvalidView locale={locale} title={t('password_reset.complete.title')} />,
      );
    if (!LINK_TOKEN.test(token)) return invalidLink();
    const show = (status: number, form: FormState) =>
      sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('password_reset.complete.title'), status, currentPath: `/reset-password?token=${encodeURIComponent(token)}` },
        <ResetView locale={locale} csrfToken={request.csrfToken} token={token} form={form} />,
      );
    const parsed = parseForm(locale, resetForm, request.body);
    if (!parsed.ok) return show(400, { values: {}, errors: parsed.errors });
    const result = await attempt(locale, reply, 'password', () => resetPassword(deps, { token, password: parsed.data.password }, originOf(request)));
    if (!result.ok) {
      if (result.failure.code === 'link_invalid') return invalidLink();
      return show(result.failure.status, { values: {}, errors: result.failure.errors });
    }
    setFlash(reply, deps, 'password_reset.complete.done');
    return reply.redirect('/login', 303);
  });
}
