import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { registerBackofficePages } from './backoffice-pages.tsx';
import { registerPublicPages } from './public-pages.tsx';
import { registerStaffEntryPages } from './staff-entry-pages.tsx';

/** Server-rendered pages of privacy requests: the officer's queue and request page, the portal's privacy centre, the public form. */
export const privacyRequestPages: HttpModule = {
  name: 'privacy-request-pages',
  register(app: TypedApp, deps: Deps) {
    // The entry form first: '/backoffice/privacy/requests/new' is a page of its own, not a request id.
    registerStaffEntryPages(app, deps);
    registerBackofficePages(app, deps);
    registerPublicPages(app, deps);
  },
};
