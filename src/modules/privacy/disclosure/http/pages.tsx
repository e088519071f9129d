import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { registerExportPages } from '../../deidentified/http/export-pages.tsx';
import { registerBackofficeDisclosurePages } from './backoffice-pages.tsx';
import { registerPublicDisclosurePages } from './public-pages.tsx';

/** Server-rendered pages of recipients, incidents, partner authorisations, surveys and the de-identified export (issue #5). */
export const privacyDisclosurePages: HttpModule = {
  name: 'privacy-disclosure-pages',
  register(app: TypedApp, deps: Deps) {
    registerBackofficeDisclosurePages(app, deps);
    registerPublicDisclosurePages(app, deps);
    registerExportPages(app, deps);
  },
};
