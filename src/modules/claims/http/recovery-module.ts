import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { registerRecoveryPages } from './recovery-pages.tsx';
import { registerRecoveryApi } from './recovery-routes.ts';

/** Subrogation (JPF-SUBRO-1, JPF-COND-4), recoveries (JPF-SUBRO-2) and appraisal disputes (JPF-APPR-1): API and pages. */
export const claimsRecoveryHttp: HttpModule = {
  name: 'claims-recovery',
  register(app: TypedApp, deps: Deps) {
    registerRecoveryApi(app, deps);
    registerRecoveryPages(app, deps);
  },
};
