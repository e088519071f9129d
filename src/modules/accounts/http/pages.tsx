import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { registerAccountPages } from './pages/account-pages.tsx';
import { registerLoginPages } from './pages/login-pages.tsx';
import { registerPasswordPages } from './pages/password-pages.tsx';
import { registerRegistrationPages } from './pages/registration-pages.tsx';
import { registerUsersPages } from './pages/users-pages.tsx';

/**
 * Server-rendered pages of the accounts module (issue #2, points 3 and 7): log in and out, register
 * and confirm, password reset, language, my account with API tokens, and the back-office users.
 * They call the same use cases as the JSON API; forms post with the CSRF token, bad input comes back
 * on the form in the user's language, and every route stays out of the OpenAPI document.
 */
export const accountsPages: HttpModule = {
  name: 'accounts-pages',
  register(app: TypedApp, deps: Deps) {
    registerLoginPages(app, deps);
    registerRegistrationPages(app, deps);
    registerPasswordPages(app, deps);
    registerAccountPages(app, deps);
    registerUsersPages(app, deps);
  },
};
