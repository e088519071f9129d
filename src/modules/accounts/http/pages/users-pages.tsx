import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import { ROLES, type UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { changeUserRoles } from '../../use-cases/change-user-roles.ts';
import { createUser } from '../../use-cases/create-staff-user.ts';
import { getAccount, listAccounts } from '../../use-cases/read-accounts.ts';
import { setUserStatus } from '../../use-cases/set-user-status.ts';
import { setFlash } from './flash.ts';
import {
  attempt,
  checkboxes,
  EMPTY_FORM,
  emailField,
  type FormError,
  type FormState,
  formValues,
  localeField,
  postedList,
  requiredText,
  says,
  submitForm,
} from './forms.ts';
import { formatTime, requirePageUser, sendLayoutPage, translator } from './page-support.tsx';
import { UsersView, UserView } from './users-views.tsx';

const PAGE_SIZE = 25;

const listQuery = z.object({
  search: z.string().trim().max(100, says('accounts.problem.too_long')).optional(),
  cursor: z.string().max(500).optional(),
});
const rolesField = checkboxes(z.enum(ROLES), 'users.roles.required');
const createForm = z.object({ email: emailField, displayName: requiredText(120), locale: localeField.optional(), roles: rolesField });
const rolesForm = z.object({ roles: rolesField });
const statusForm = z.object({ status: z.enum(['active', 'disabled']) });

/** The users list with its create form; `create` is the create form as last posted. */
async function sendUsersPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  create: FormState & { roles: readonly string[] },
  status = 200,
) {
  const locale = request.locale;
  const query = request.method === 'GET' ? listQuery.safeParse(request.query ?? {}) : listQuery.safeParse({});
  const search = query.success && query.data.search ? query.data.search : undefined;
  const cursor = query.success ? query.data.cursor || undefined : undefined;
  const list = await listAccounts(deps, actor, { limit: PAGE_SIZE, search, cursor });
  const searchError = query.success ? undefined : translator(locale)('accounts.problem.too_long');
  return sendLayoutPage(
    deps,
    request,
    reply,
    {
      title: translator(locale)('users.title'),
      status: query.success ? status : 400,
      currentPath: request.method === 'GET' ? request.url : '/backoffice/users',
    },
    <UsersView
      locale={locale}
      csrfToken={request.csrfToken}
      canManage={can(actor, 'users:manage')}
      formatTime={(instant) => formatTime(deps, locale, instant)}
      list={list}
      search={search}
      onLaterPage={cursor !== undefined}
      searchError={searchError}
      create={create}
    />,
  );
}

async function sendUserPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  id: string,
  form: { errors: FormError[]; roles?: string[] },
  status = 200,
) {
  const account = await getAccount(deps, actor, id, originOf(request));
  const locale = request.locale;
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: account.displayName, status, currentPath: `/backoffice/users/${id}` },
    <UserView
      locale={locale}
      csrfToken={request.csrfToken}
      canManage={can(actor, 'users:manage')}
      formatTime={(instant) => formatTime(deps, locale, instant)}
      account={account}
      errors={form.errors}
      roles={form.roles ?? account.roles}
    />,
  );
}

/** An id in the address that is not a uuid names no record: the 404 page, like an unknown one. */
function userIdOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!isUuid(id)) throw problems.notFound();
  return id;
}

/** Back office: users and roles. Auditors read; only administrators change (users:manage). */
export function registerUsersPages(app: TypedApp, deps: Deps): void {
  app.get('/backoffice/users', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'users:read');
    if (!actor) return reply;
    return sendUsersPage(deps, request, reply, actor, { ...EMPTY_FORM, roles: [] });
  });

  app.post('/backoffice/users', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'users:manage', '/backoffice/users');
    if (!actor) return reply;
    const locale = request.locale;
    const values = formValues(request.body, ['email', 'displayName', 'locale']);
    const roles = postedList(request.body, 'roles');
    const result = await submitForm(request, reply, createForm, 'email', (form) =>
      createUser(deps, actor, { ...form, locale: form.locale ?? locale }, originOf(request)),
    );
    if (!result.ok) return sendUsersPage(deps, request, reply, actor, { values, roles, errors: result.failure.errors }, result.failure.status);
    setFlash(reply, deps, 'users.create.done', result.value.id);
    return reply.redirect('/backoffice/users', 303);
  });

  app.get('/backoffice/users/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'users:read');
    if (!actor) return reply;
    return sendUserPage(deps, request, reply, actor, userIdOf(request), { errors: [] });
  });

  app.post('/backoffice/users/:id/roles', { schema: { hide: true } }, async (request, reply) => {
    const id = userIdOf(request);
    const actor = requirePageUser(request, reply, 'users:manage', `/backoffice/users/${id}`);
    if (!actor) return reply;
    const roles = postedList(request.body, 'roles');
    const result = await submitForm(request, reply, rolesForm, 'roles', (form) => changeUserRoles(deps, actor, id, form.roles, originOf(request)));
    if (!result.ok) return sendUserPage(deps, request, reply, actor, id, { errors: result.failure.errors, roles }, result.failure.status);
    setFlash(reply, deps, 'users.roles.done', id);
    return reply.redirect(`/backoffice/users/${id}`, 303);
  });

  app.post('/backoffice/users/:id/status', { schema: { hide: true } }, async (request, reply) => {
    const id = userIdOf(request);
    const actor = requirePageUser(request, reply, 'users:manage', `/backoffice/users/${id}`);
    if (!actor) return reply;
    const parsed = statusForm.safeParse(request.body ?? {});
    // The form sends one of two fixed values; anything else did not come from it.
    if (!parsed.success) throw problems.validation([{ field: 'status', code: 'invalid_value', messageKey: 'error.field.invalid_value' }]);
    const status = parsed.data.status;
    const result = await attempt(request.locale, reply, 'status', () => setUserStatus(deps, actor, id, status, originOf(request)));
    if (!result.ok) return sendUserPage(deps, request, reply, actor, id, { errors: result.failure.errors }, result.failure.status);
    setFlash(reply, deps, status === 'disabled' ? 'users.disable.done' : 'users.enable.done', id);
    return reply.redirect(`/backoffice/users/${id}`, 303);
  });
}
