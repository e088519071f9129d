import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { registerCancelPages } from './pages/cancel-pages.tsx';
import { registerNewPurchasePages } from './pages/new-purchase-pages.tsx';
import { registerPolicyChangePages } from './pages/policy-change-pages.tsx';
import { registerPolicyPages } from './pages/policy-pages.tsx';
import { registerQuotePages } from './pages/quote-pages.tsx';
import { registerReferralPages } from './pages/referral-pages.tsx';
import { registerBackofficeSearchPages } from './pages/search-pages.tsx';
import { registerSigningPages } from './pages/signing-pages.tsx';
import { registerStaffActionPages } from './pages/staff-action-pages.tsx';
import { registerRenewalPages } from './renewal-pages.tsx';

/**
 * Server-rendered pages of the policies module (issue #3, "Screens and API"): the portal's quote and
 * apply with an instant premium (htmx), bind, my policies and the policy with its schedule and
 * invoices; the back office's referral queue and decision. They call the same use cases as the JSON
 * API, work without JavaScript, and stay out of the OpenAPI document.
 */
export const policyPages: HttpModule = {
  name: 'policy-pages',
  register(app: TypedApp, deps: Deps) {
    registerQuotePages(app, deps);
    registerPolicyPages(app, deps);
    registerReferralPages(app, deps);
    registerBackofficeSearchPages(app, deps);
    registerRenewalPages(app, deps);
    registerStaffActionPages(app, deps);
    registerPolicyChangePages(app, deps);
    registerNewPurchasePages(app, deps);
    registerCancelPages(app, deps);
    registerSigningPages(app, deps);
  },
};
