import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { logIn } from '../../use-cases/log-in.ts';
import { logOut } from '../../use-cases/log-out.ts';
import { updateProfile } from '../../use-cases/update-profile.ts';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.ts';
import { EMPTY_FORM, errorFor, type FormState, filledIn, formValues, requiredText, submitForm } from './forms.ts';
import { safeLocalPath, sendLayoutPage, setLanguageCookie, translator } from './page-support.tsx';

const loginForm = z.object({ email: requiredText(254), password: filledIn });
const languageForm = z.object({ locale: z.enum(['en', 'nl']), returnTo: z.string().optional() });

function LoginView({ locale, csrfToken, next, form }: { locale: Locale; csrfToken: string; next: string | null; form: FormState }) {
  const t = translator(locale);
  const action = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  return (
    <>
      <PageHeading title={t('login.title')} />
      <ErrorSummary locale={locale} errors={form.errors} />
      <Form action={action} csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="email"
          type="email"
          label={t('login.email')}
          autocomplete="email"
          spellcheck={false}
          value={form.values.email}
          error={errorFor(form.errors, 'email')}
        />
        <Field
          locale={locale}
          name="password"
          type="password"
          label={t('login.password')}
          autocomplete="current-password"
          error={errorFor(form.errors, 'password')}
        />
        <Button>{t('login.submit')}</Button>
      </Form>
      <p>
        <a href="/password-reset">{t('login.forgot_password')}</a>
      </p>
      <p>
        {t('login.no_account')} <a href="/register">{t('nav.register')}</a>
      </p>
    </>
  );
}

/** The login form: empty, or as last posted with its errors; `next` is where a successful login goes. */
function sendLoginPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  next: string | null,
  form: FormState = EMPTY_FORM,
  options: { status?: number; flash?: Flash } = {},
) {
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: translator(request.locale)('login.title'), ...options },
    <LoginView locale={request.locale} csrfToken={request.csrfToken} next={next} form={form} />,
  );
}

/** Log in, log out and the language switch. */
export function registerLoginPages(app: TypedApp, deps: Deps): void {
  app.get('/login', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { next?: unknown; loggedOut?: unknown };
    const next = safeLocalPath(query.next);
    if (request.actor.kind === 'user') return reply.redirect(next ?? '/', 303);
    // A fixed message chosen by a flag: nothing from the address is shown.
    const flash: Flash | undefined = query.loggedOut === '1' ? { kind: 'info', message: translator(request.locale)('login.logged_out') } : undefined;
    return sendLoginPage(deps, request, reply, next, EMPTY_FORM, { flash });
  });

  app.post('/login', { schema: { hide: true } }, async (request, reply) => {
    const next = safeLocalPath((request.query as { next?: unknown }).next);
    const values = formValues(request.body, ['email']);
    const result = await submitForm(request, reply, loginForm, 'email', (input) => logIn(deps, input, originOf(request), request.sessionTokenHash));
    if (!result.ok) return sendLoginPage(deps, request, reply, next, { values, errors: result.failure.errors }, { status: result.failure.status });
    setSessionCookie(reply, deps, result.value.sessionToken);
    return reply.redirect(next ?? '/', 303);
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await logOut(deps, request.actor, request.sessionTokenHash, originOf(request));
    clearSessionCookie(reply, deps);
    return reply.redirect('/login?loggedOut=1', 303);
  });

  /** Works without a login; a logged-in user's choice is also saved, so mails follow it. */
  app.post('/language', { schema: { hide: true } }, async (request, reply) => {
    const parsed = languageForm.safeParse(request.body ?? {});
    const body = (request.body ?? {}) as { returnTo?: unknown };
    const returnTo = safeLocalPath(body.returnTo) ?? '/';
    if (!parsed.success) return reply.redirect(returnTo, 303);
    const locale = parsed.data.locale;
    setLanguageCookie(reply, deps, locale);
    const actor = request.actor;
    if (actor.kind === 'user' && actor.locale !== locale && can(actor, 'profile:write')) await updateProfile(deps, actor, { locale }, originOf(request));
    return reply.redirect(returnTo, 303);
  });
}
