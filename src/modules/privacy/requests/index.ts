/** Privacy requests (issue #5): what the privacy module's index and the composition root use. */
export { supervisoryAuthority } from './domain/jurisdictions.ts';
export { REQUEST_TYPES, type RequestType } from './domain/request-types.ts';
export type { Executor, ExecutorResult } from './executors.ts';
export { privacyRequestsApi } from './http/api-routes.ts';
export { privacyRequestPages } from './http/pages.tsx';
export type { PrivacyRequest } from './privacy-requests-repository.ts';
