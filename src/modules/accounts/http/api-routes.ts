import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { changeUserRoles } from '../use-cases/change-user-roles.ts';
import { confirmEmail } from '../use-cases/confirm-email.ts';
import { createApiToken } from '../use-cases/create-api-token.ts';
import { createUser } from '../use-cases/create-staff-user.ts';
import { logIn } from '../use-cases/log-in.ts';
import { logOut } from '../use-cases/log-out.ts';
import { getAccount, getMyAccount, listAccounts, listMyApiTokens } from '../use-cases/read-accounts.ts';
import { registerCustomer } from '../use-cases/register-customer.ts';
import { requestPasswordReset } from '../use-cases/request-password-reset.ts';
import { resetPassword } from '../use-cases/reset-password.ts';
import { revokeApiToken } from '../use-cases/revoke-api-token.ts';
import { setUserStatus } from '../use-cases/set-user-status.ts';
import { updateProfile } from '../use-cases/update-profile.ts';
import {
  accountSchema,
  apiTokenSchema,
  completeResetBody,
  confirmEmailBody,
  createdTokenSchema,
  createTokenBody,
  createUserBody,
  listUsersQuery,
  loginBody,
  registerBody,
  requestResetBody,
  rolesBody,
  statusBody,
  updateProfileBody,
} from './api-schemas.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

/** JSON API of the accounts module. Routes validate, call one use case, and map the result. */
export const accountsApi: HttpModule = {
  name: 'accounts-api',
  register(app: TypedApp, deps: Deps) {
    const auth = { tags: ['Authentication'] };
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const me = { tags: ['My account'], security };
    const users = { tags: ['Users'], security };

    app.post(
      '/api/v1/auth/register',
      {
        schema: {
          ...auth,
          summary: 'Register as a customer',
          body: registerBody,
          response: { 202: z.object({ outcome: z.literal('confirmation_sent') }), ...problemResponses },
        },
      },
      async (request, reply) => reply.status(202).send(await registerCustomer(deps, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/auth/confirm-email',
      {
        schema: {
          ...auth,
          summary: 'Confirm an email address with the mailed token',
          body: confirmEmailBody,
          response: { 200: z.object({ outcome: z.literal('confirmed') }), ...problemResponses },
        },
      },
      async (request) => {
        await confirmEmail(deps, request.body.token, originOf(request));
        return { outcome: 'confirmed' as const };
      },
    );
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          ...auth,
          summary: 'Log in; sets the session cookie',
          body: loginBody,
          response: { 200: z.object({ account: accountSchema, expiresAt: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await logIn(deps, request.body, originOf(request), request.sessionTokenHash);
        setSessionCookie(reply, deps, result.sessionToken);
        return { account: result.account, expiresAt: result.expiresAt };
      },
    );
    app.post(
      '/api/v1/auth/logout',
      { schema: { ...auth, summary: 'End this session', response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await logOut(deps, request.actor, request.sessionTokenHash, originOf(request));
        clearSessionCookie(reply, deps);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/auth/password-reset',
      {
        schema: {
          ...auth,
          summary: 'Mail a password reset link',
          body: requestResetBody,
          response: { 202: z.object({ outcome: z.literal('link_sent_if_registered') }), ...problemResponses },
        },
      },
      async (request, reply) => reply.status(202).send(await requestPasswordReset(deps, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/auth/password-reset/complete',
      {
        schema: {
          ...auth,
          summary: 'Choose a new password with the mailed token',
          body: completeResetBody,
          response: { 200: z.object({ outcome: z.literal('password_changed') }), ...problemResponses },
        },
      },
      async (request) => {
        await resetPassword(deps, request.body, originOf(request));
        return { outcome: 'password_changed' as const };
      },
    );

    app.get('/api/v1/me', { schema: { ...me, summary: 'Who am I', response: { 200: accountSchema, ...problemResponses } } }, async (request) =>
      getMyAccount(deps, request.actor),
    );
    app.patch(
      '/api/v1/me',
      { schema: { ...me, summary: 'Change my name or language', body: updateProfileBody, response: { 200: accountSchema, ...problemResponses } } },
      async (request) => updateProfile(deps, request.actor, request.body, originOf(request)),
    );
    app.get(
      '/api/v1/me/tokens',
      { schema: { ...me, summary: 'My API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problemResponses } } },
      async (request) => ({
        items: await listMyApiTokens(deps, request.actor),
      }),
    );
    app.post(
      '/api/v1/me/tokens',
      {
        schema: {
          ...me,
          summary: 'Create an API token (Idempotency-Key supported)',
          headers: idempotencyHeaders,
          body: createTokenBody,
          response: { 201: createdTokenSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({
            status: 201,
            body: await createApiToken(inner, request.actor, request.body, originOf(request)),
          })),
        ),
    );
    app.delete(
      '/api/v1/me/tokens/:id',
      { schema: { ...me, summary: 'Revoke one of my API tokens', params: uuidParam, response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await revokeApiToken(deps, request.actor, request.params.id, originOf(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/users',
      {
        schema: {
          ...users,
          summary: 'List users (admin, auditor)',
          querystring: listUsersQuery,
          response: { 200: z.object({ items: z.array(accountSchema), nextCursor: z.string().nullable() }), ...problemResponses },
        },
      },
      async (request) => listAccounts(deps, request.actor, request.query),
    );
    app.get(
      '/api/v1/users/:id',
      { schema: { ...users, summary: 'One user', params: uuidParam, response: { 200: accountSchema, ...problemResponses } } },
      async (request) => getAccount(deps, request.actor, request.params.id, originOf(request)),
    );
    app.post(
      '/api/v1/users',
      {
        schema: {
          ...users,
          summary: 'Create a user with roles (admin; Idempotency-Key supported)',
          headers: idempotencyHeaders,
          body: createUserBody,
          response: { 201: accountSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({ status: 201, body: await createUser(inner, request.actor, request.body, originOf(request)) })),
        ),
    );
    app.put(
      '/api/v1/users/:id/roles',
      {
        schema: {
          ...users,
          summary: "Replace a user's roles (admin)",
          params: uuidParam,
          body: rolesBody,
          response: { 200: accountSchema, ...problemResponses },
        },
      },
      async (request) => changeUserRoles(deps, request.actor, request.params.id, request.body.roles, originOf(request)),
    );
    app.put(
      '/api/v1/users/:id/status',
      {
        schema: {
          ...users,
          summary: 'Disable or re-enable a user (admin)',
          params: uuidParam,
          body: statusBody,
          response: { 200: accountSchema, ...problemResponses },
        },
      },
      async (request) => setUserStatus(deps, request.actor, request.params.id, request.body.status, originOf(request)),
    );
  },
};

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
