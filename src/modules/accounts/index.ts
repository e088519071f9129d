/** The accounts module's public surface: other modules and the composition root import only this. */
export { type Account, type ApiTokenSummary, deleteExpiredSessions } from './accounts-repository.ts';
export { createAuthenticator } from './authenticator.ts';
export { accountsApi } from './http/api-routes.ts';
export { changeUserRoles } from './use-cases/change-user-roles.ts';
export { confirmEmail } from './use-cases/confirm-email.ts';
export { API_TOKEN_PREFIX, createApiToken } from './use-cases/create-api-token.ts';
export { type CreateUserInput, createUser } from './use-cases/create-staff-user.ts';
export { logIn } from './use-cases/log-in.ts';
export { logOut } from './use-cases/log-out.ts';
export { getAccount, getMyAccount, listAccounts, listMyApiTokens } from './use-cases/read-accounts.ts';
export { registerCustomer } from './use-cases/register-customer.ts';
export { requestPasswordReset } from './use-cases/request-password-reset.ts';
export { resetPassword } from './use-cases/reset-password.ts';
export { revokeApiToken } from './use-cases/revoke-api-token.ts';
export { DEMO_PASSWORD, type DemoLogin, demoEmail, seedDemoUsers } from './use-cases/seed-demo-users.ts';
export { setUserStatus } from './use-cases/set-user-status.ts';
export { updateProfile } from './use-cases/update-profile.ts';
