import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { registerAuthorityPages } from './authority-pages.tsx';
import { registerJewelerOrderPages } from './jeweler-order-pages.tsx';
import { registerJewelerPortalPages } from './jeweler-portal-pages.tsx';
import { registerPaymentPages } from './payment-pages.tsx';

/**
 * The pages of reserves, payments, payment authority and jeweler orders (issue #4): the back-office forms of the
 * claim 360 sections 60 and 70 with their own pages, the admin's payment authority page, and the jeweler's order
 * list in the portal.
 */
export const claimPaymentPages: HttpModule = {
  name: 'claim-payment-pages',
  register(app: TypedApp, deps: Deps) {
    registerPaymentPages(app, deps);
    registerJewelerOrderPages(app, deps);
    registerJewelerPortalPages(app, deps);
    registerAuthorityPages(app, deps);
  },
};
