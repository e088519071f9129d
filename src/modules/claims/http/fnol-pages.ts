import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { registerClaimBackofficePages } from './pages/claim-backoffice-pages.tsx';
import { registerClaimStatusPages } from './pages/claim-status-pages.tsx';
import { registerReportClaimPages } from './pages/report-claim-pages.tsx';

/**
 * Server-rendered pages of the first notice of loss (issue #4): report a loss (portal, jeweler, phone), my claims and
 * the claim status page, the adjuster's queue and the claim 360 view. They call the same use cases as the JSON API,
 * work without JavaScript, and stay out of the OpenAPI document.
 */
export const fnolPages: HttpModule = {
  name: 'claims-fnol-pages',
  register(app: TypedApp, deps: Deps) {
    registerReportClaimPages(app, deps);
    registerClaimStatusPages(app, deps);
    registerClaimBackofficePages(app, deps);
  },
};
