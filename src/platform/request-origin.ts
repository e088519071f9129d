/**
 * Where a request came from, for the audit trail and for rate limits. Use cases receive it
 * beside the actor; routes build it from the HTTP request, the CLI and jobs pass SYSTEM_ORIGIN.
 */
export type RequestOrigin = {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export const SYSTEM_ORIGIN: RequestOrigin = { requestId: null, ip: null, userAgent: null };
