import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, PERMISSIONS, type Permission, permissionsOf } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { type CreatedApiToken, createApiToken } from '../../use-cases/create-api-token.ts';
import { getMyAccount, listMyApiTokens } from '../../use-cases/read-accounts.ts';
import { revokeApiToken } from '../../use-cases/revoke-api-token.ts';
import { updateProfile } from '../../use-cases/update-profile.ts';
import { AccountView } from './account-views.tsx';
import { setFlash } from './flash.ts';
import { attempt, checkboxes, EMPTY_FORM, type FormState, formValues, localeField, postedList, requiredText, says, submitForm } from './forms.ts';
import { formatTime, requirePageUser, sendLayoutPage, setLanguageCookie, translator } from './page-support.tsx';

const profileForm = z.object({ displayName: requiredText(120), locale: localeField });
const tokenForm = z.object({
  name: requiredText(100),
  scopes: checkboxes(z.enum(PERMISSIONS), 'account.tokens.scopes_required'),
  // An empty box means "does not expire".
  expiresInDays: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? Number(value.trim()) : value),
    z
      .number(says('account.tokens.expires_invalid'))
      .int(says('account.tokens.expires_invalid'))
      .min(1, says('account.tokens.expires_invalid'))
      .max(730, says('account.tokens.expires_invalid'))
      .optional(),
  ),
});

type AccountPageState = {
  profile?: FormState;
  tokenForm?: FormState & { scopes: readonly string[] };
  created?: CreatedApiToken;
  flash?: Flash;
  status?: number;
};

/** The scopes a token may get: what the user may do now, in the order of the permission list. */
function grantableScopes(actor: UserActor): Permission[] {
  const held = permissionsOf(actor);
  return PERMISSIONS.filter((permission) => held.has(permission));
}

async function sendAccountPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, state: AccountPageState = {}) {
  const locale = request.locale;
  const account = await getMyAccount(deps, actor);
  const tokens = can(actor, 'tokens:manage_own') ? await listMyApiTokens(deps, actor) : null;
  return sendLayoutPage(
    deps,
    request,
    reply,
    {
      title: translator(locale)('account.title'),
      currentPath: '/account',
      ...(state.status && { status: state.status }),
      ...(state.flash && { flash: state.flash }),
    },
    <AccountView
      locale={locale}
      csrfToken={request.csrfToken}
      formatTime={(instant) => formatTime(deps, locale, instant)}
      account={account}
      tokens={tokens}
      grantable={grantableScopes(actor)}
      profile={state.profile ?? EMPTY_FORM}
      tokenForm={state.tokenForm ?? { ...EMPTY_FORM, scopes: [] }}
      {...(state.created && { created: state.created })}
    />,
  );
}

/** My account: profile and language, and API tokens for integrations. */
export function registerAccountPages(app: TypedApp, deps: Deps): void {
  app.get('/account', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'profile:read', '/account');
    if (!actor) return reply;
    return sendAccountPage(deps, request, reply, actor);
  });

  app.post('/account/profile', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'profile:write', '/account');
    if (!actor) return reply;
    const values = formValues(request.body, ['displayName', 'locale']);
    const result = await submitForm(request, reply, profileForm, 'displayName', (input) => updateProfile(deps, actor, input, originOf(request)));
    if (!result.ok) return sendAccountPage(deps, request, reply, actor, { profile: { values, errors: result.failure.errors }, status: result.failure.status });
    // The language cookie outranks the profile, so it follows the saved choice.
    setLanguageCookie(reply, deps, result.data.locale);
    setFlash(reply, deps, 'account.profile.saved');
    return reply.redirect('/account', 303);
  });

  // Answered with the page itself (201), not a redirect: the secret must never be in an address.
  app.post('/account/tokens', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'tokens:manage_own', '/account');
    if (!actor) return reply;
    const values = formValues(request.body, ['name', 'expiresInDays']);
    const scopes = postedList(request.body, 'scopes');
    const result = await submitForm(request, reply, tokenForm, 'scopes', (input) => createApiToken(deps, actor, input, originOf(request)));
    if (!result.ok)
      return sendAccountPage(deps, request, reply, actor, { tokenForm: { values, scopes, errors: result.failure.errors }, status: result.failure.status });
    return sendAccountPage(deps, request, reply, actor, { created: result.value, status: 201 });
  });

  app.post('/account/tokens/:id/revoke', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'tokens:manage_own', '/account');
    if (!actor) return reply;
    const id = (request.params as { id?: string }).id ?? '';
    if (!isUuid(id)) throw problems.notFound();
    const result = await attempt(request.locale, reply, 'tokens', () => revokeApiToken(deps, actor, id, originOf(request)));
    if (!result.ok) {
      const message = result.failure.errors[0]?.message ?? translator(request.locale)('error.conflict');
      return sendAccountPage(deps, request, reply, actor, { flash: { kind: 'error', message }, status: result.failure.status });
    }
    setFlash(reply, deps, 'account.tokens.revoked', id);
    return reply.redirect('/account', 303);
  });
}
