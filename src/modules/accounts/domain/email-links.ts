/** How long mailed links work. A reset link is short-lived because it grants the account. */
export const CONFIRM_EMAIL_LINK_HOURS = 48;
export const RESET_PASSWORD_LINK_MINUTES = 60;
export const STAFF_WELCOME_LINK_HOURS = 72;

/** Links carry the token in the query; pages send Referrer-Policy: no-referrer so it does not leak onwards. */
export function emailLink(publicUrl: string, page: 'confirm-email' | 'reset-password' | 'login', token?: string): string {
  const url = new URL(`/${page}`, publicUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
