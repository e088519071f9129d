import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import { normaliseEmail } from '../../domain/email-address.ts';
import { CONFIRM_EMAIL_LINK_HOURS } from '../../domain/email-links.ts';
import { confirmEmail } from '../../use-cases/confirm-email.ts';
import { registerCustomer } from '../../use-cases/register-customer.ts';
import { LanguageChoice, NewPasswordFields } from './common-fields.tsx';
import { setFlash } from './flash.ts';
import {
  attempt,
  EMPTY_FORM,
  emailField,
  errorFor,
  type FormState,
  filledIn,
  formValues,
  localeField,
  passwordField,
  requiredText,
  requireMatchingPasswords,
  submitForm,
} from './forms.ts';
import { readLinkToken, sendLinkInvalidPage } from './mailed-links.tsx';
import { sendLayoutPage, sendNoticePage, translator } from './page-support.tsx';

const registerForm = requireMatchingPasswords(
  z.object({
    displayName: requiredText(120),
    email: emailField,
    password: passwordField,
    passwordConfirm: filledIn,
    locale: localeField.optional(),
  }),
);

function RegisterView({ locale, csrfToken, form }: { locale: Locale; csrfToken: string; form: FormState }) {
  const t = translator(locale);
  return (
    <>
      <PageHeading title={t('register.title')} lead={t('register.lead')} />
      <ErrorSummary locale={locale} errors={form.errors} />
      <Form action="/register" csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="displayName"
          label={t('register.display_name')}
          hint={t('register.display_name_hint')}
          autocomplete="name"
          maxLength={120}
          value={form.values.displayName}
          error={errorFor(form.errors, 'displayName')}
        />
        <Field
          locale={locale}
          name="email"
          type="email"
          label={t('register.email')}
          hint={t('register.email_hint')}
          autocomplete="email"
          spellcheck={false}
          value={form.values.email}
          error={errorFor(form.errors, 'email')}
        />
        <NewPasswordFields locale={locale} errors={form.errors} label={t('register.password')} confirmLabel={t('register.password_confirm')} />
        <LanguageChoice locale={locale} selected={form.values.locale ?? locale} errors={form.errors} />
        <p>{t('register.privacy')}</p>
        <Button>{t('register.submit')}</Button>
      </Form>
      <p>
        {t('register.have_account')} <a href="/login">{t('nav.log_in')}</a>
      </p>
    </>
  );
}

function ConfirmView({ locale, csrfToken, token }: { locale: Locale; csrfToken: string; token: string }) {
  const t = translator(locale);
  return (
    <>
      <PageHeading title={t('confirm_email.title')} lead={t('confirm_email.lead')} />
      <Form action="/confirm-email" csrfToken={csrfToken}>
        <input type="hidden" name="token" value={token} />
        <Button>{t('confirm_email.submit')}</Button>
      </Form>
    </>
  );
}

/** The registration form: empty, or as last posted with its errors. */
function sendRegisterPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, form: FormState = EMPTY_FORM, status?: number) {
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: translator(request.locale)('register.title'), status },
    <RegisterView locale={request.locale} csrfToken={request.csrfToken} form={form} />,
  );
}

/** Self-registration of customers and the confirmation of their email address. */
export function registerRegistrationPages(app: TypedApp, deps: Deps): void {
  app.get('/register', { schema: { hide: true } }, async (request, reply) => sendRegisterPage(deps, request, reply));

  app.post('/register', { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const values = formValues(request.body, ['displayName', 'email', 'locale']);
    const result = await submitForm(request, reply, registerForm, 'email', (form) =>
      registerCustomer(deps, { displayName: form.displayName, email: form.email, password: form.password, locale: form.locale ?? locale }, originOf(request)),
    );
    if (!result.ok) return sendRegisterPage(deps, request, reply, { values, errors: result.failure.errors }, result.failure.status);
    // The same page for a new and a known address, so the form does not tell who is registered.
    return sendNoticePage(
      deps,
      request,
      reply,
      { title: t('register.check_email_title'), currentPath: '/register' },
      t('register.check_email', { email: normaliseEmail(result.data.email), hours: CONFIRM_EMAIL_LINK_HOURS }),
    );
  });

  // Mail scanners open links: the GET only shows a button, the POST confirms.
  app.get('/confirm-email', { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.locale);
    const token = readLinkToken(request.query);
    if (token === null) return sendLinkInvalidPage(deps, request, reply, { title: t('confirm_email.title') });
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('confirm_email.title') },
      <ConfirmView locale={request.locale} csrfToken={request.csrfToken} token={token} />,
    );
  });

  app.post('/confirm-email', { schema: { hide: true } }, async (request, reply) => {
    const invalidLink = () =>
      sendLinkInvalidPage(deps, request, reply, { title: translator(request.locale)('confirm_email.title'), currentPath: '/confirm-email' });
    const token = readLinkToken(request.body);
    if (token === null) return invalidLink();
    const result = await attempt(request.locale, reply, 'token', () => confirmEmail(deps, token, originOf(request)));
    if (!result.ok) return invalidLink();
    setFlash(reply, deps, 'confirm_email.confirmed');
    return reply.redirect('/login', 303);
  });
}
