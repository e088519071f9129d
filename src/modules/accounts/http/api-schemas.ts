import { z } from 'zod';
import { PERMISSIONS } from '../../../platform/auth/access.ts';
import { ROLES } from '../../../platform/auth/actor.ts';
import { PASSWORD_MAX_LENGTH } from '../../../platform/auth/passwords.ts';
import { instantText } from '../../../platform/http/schemas.ts';

export const rolesSchema = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
export const localeSchema = z.enum(['en', 'nl']);
const email = z.string().trim().min(3).max(254);
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const displayName = z.string().min(1).max(120);
const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a Bezel link token');

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  status: z.enum(['pending_confirmation', 'active', 'disabled']),
  emailConfirmedAt: instantText.nullable(),
  createdAt: instantText,
  roles: z.array(z.string()),
});

export const registerBody = z.object({ email, password, displayName, locale: localeSchema.default('en') }).strict();
export const confirmEmailBody = z.object({ token: linkToken }).strict();
export const loginBody = z.object({ email, password }).strict();
export const requestResetBody = z.object({ email }).strict();
export const completeResetBody = z.object({ token: linkToken, password }).strict();
export const updateProfileBody = z.object({ displayName: displayName.optional(), locale: localeSchema.optional() }).strict();

export const createUserBody = z
  .object({ email, displayName, roles: rolesSchema, locale: localeSchema.default('en'), password: password.optional() })
  .strict()
  .describe('Without a password, the user is mailed a link to choose one.');
export const rolesBody = z.object({ roles: rolesSchema }).strict();
export const statusBody = z.object({ status: z.enum(['active', 'disabled']) }).strict();
export const listUsersQuery = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    search: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  scopes: z.array(z.string()),
  createdAt: instantText,
  expiresAt: instantText.nullable(),
  lastUsedAt: instantText.nullable(),
  revokedAt: instantText.nullable(),
});
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .strict();
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string().describe('The secret; shown only in this response') });
