/**
 * What a person may ask (issue #5, PRV-RIGHT-1..13) and how a request reaches the insurer
 * (PRV-CONTACT-1). Unions with exhaustive switches elsewhere: a new type cannot be forgotten.
 */
export const REQUEST_TYPES = [
  'access', // PRV-RIGHT-1
  'portability', // PRV-RIGHT-8: to the person or a named third party
  'correction', // PRV-RIGHT-2
  'erasure', // PRV-RIGHT-3
  'restriction', // PRV-RIGHT-4
  'objection', // PRV-RIGHT-5, e.g. to direct marketing
  'automated_decision_review', // PRV-RIGHT-6
  'consent_withdrawal', // PRV-RIGHT-7
  'marketing_opt_out', // PRV-RIGHT-5, PRV-OPTOUT-1
  'complaint', // PRV-RIGHT-13
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && (REQUEST_TYPES as readonly string[]).includes(value);
}

/** PRV-CONTACT-1: the portal and the public form, or staff entering a request received by email, phone or mail. */
export const CHANNELS = ['portal', 'web_form', 'email', 'phone', 'mail'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STAFF_CHANNELS = ['email', 'phone', 'mail'] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export const REQUEST_STATUSES = ['awaiting_verification', 'in_progress', 'completed', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** PRV-RIGHT-10: a logged-in session, a one-time code by email, or documents checked by the privacy officer. */
export const VERIFICATION_METHODS = ['session', 'email_code', 'documents'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export function isOpen(status: RequestStatus): boolean {
  switch (status) {
    case 'awaiting_verification':
    case 'in_progress':
      return true;
    case 'completed':
    case 'rejected':
      return false;
  }
}
