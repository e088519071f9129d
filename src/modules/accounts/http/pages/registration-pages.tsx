import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../../platform/auth/passwords.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading, Panel, RadioGroup } from '../../../../platform/ui/components.tsx';
import { normaliseEmail } from '../../domain/email-address.ts';
import { CONFIRM_EMAIL_LINK_HOURS } from '../../domain/email-links.ts';
import { confirmEmail } from '../../use-cases/confirm-email.ts';
import { registerCustomer } from '../../use-cases/register-customer.ts';
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
  parseForm,
  passwordField,
  requiredText,
  says,
} from './forms.ts';
import { languageOptions, sendLayoutPage, translator } from './page-support.tsx';
import { LINK_TOKEN, LinkInvalidView } from './password-pages.tsx';

const registerForm = z
  .object({
    displayName: requiredText(120),
    email: emailField,
    password: passwordField,
    passwordConfirm: filledIn,
    locale: localeField.optional(),
  })
  .refine((form) => form.password === form.passwordConfirm, { path: ['passwordConfirm'], ...says('accounts.problem.passwords_differ'), when: () => true });

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
        <Field
          locale={locale}
          name="password"
          type="password"
          label={t('register.password')}
          hint={t('register.password_hint', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          error={errorFor(form.errors, 'password')}
        />
        <Field
          locale={locale}
          name="passwordConfirm"
          type="password"
          label={t('register.password_confirm')}
          autocomplete="new-password"
          error={errorFor(form.errors, 'passwordConfirm')}
        />
        <RadioGroup
          locale={locale}
          name="locale"
          legend={t('account.language.legend')}
          options={languageOptions()}
          selected={[form.values.locale ?? locale]}
          error={errorFor(form.errors, 'locale')}
        />
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

/** Self-registration of customers and the confirmation of their email address. */
export function registerRegistrationPages(app: TypedApp, deps: Deps): void {
  app.get('/register', { schema: { hide: true } }, async (request, reply) =>
    sendLayoutPage(
      deps,
      request,
      reply,
      { title: translator(request.locale)('register.title') },
      <RegisterView locale={request.locale} csrfToken={request.csrfToken} form={EMPTY_FORM} />,
    ),
  );

  app.post('/register', { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const values = formValues(request.body, ['displayName', 'email', 'locale']);
    const show = (status: number, form: FormState) =>
      sendLayoutPage(deps, request, reply, { title: t('register.title'), status }, <RegisterView locale={locale} csrfToken={request.csrfToken} form={form} />);
    const parsed = parseForm(locale, registerForm, request.body);
    if (!parsed.ok) return show(400, { values, errors: parsed.errors });
    const { displayName, email, password } = parsed.data;
    const result = await attempt(locale, reply, 'email', () =>
      registerCustomer(deps, { displayName, email, password, locale: parsed.data.locale ?? locale }, originOf(request)),
    );
    if (!result.ok) return show(result.failure.status, { values, errors: result.failure.errors });
    // The same page for a new and a known address, so the form does not tell who is registered.
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('register.check_email_title'), currentPath: '/register' },
      <>
        <PageHeading title={t('register.check_email_title')} />
        <Panel kind="success">
          <p>{t('register.check_email', { email: normaliseEmail(email), hours: CONFIRM_EMAIL_LINK_HOURS })}</p>
        </Panel>
      </>,
    );
  });

  // Mail scanners open links: the GET only shows a button, the POST confirms.
  app.get('/confirm-email', { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.locale);
    const token = (request.query as { token?: unknown }).token;
    if (typeof token !== 'string' || !LINK_TOKEN.test(token)) {
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('confirm_email.title'), status: 400 },
        <LinkInvalidView locale={request.locale} title={t('confirm_email.title')} />,
      );
    }
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('confirm_email.title') },
      <ConfirmView locale={request.locale} csrfToken={request.csrfToken} token={token} />,
    );
  });

  app.post('/confirm-email', { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const token = formValues(request.body, ['token']).token ?? '';
    const invalidLink = () =>
      sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('confirm_email.title'), status: 400, currentPath: '/confirm-email' },
        <LinkInvalidView locale={locale} title={t('confirm_email.title')} />,
      );
    if (!LINK_TOKEN.test(token)) return invalidLink();
    const result = await attempt(locale, reply, 'token', () => confirmEmail(deps, token, originOf(request)));
    if (!result.ok) return invalidLink();
    setFlash(reply, deps, 'confirm_email.confirmed');
    return reply.redirect('/login', 303);
  });
}
