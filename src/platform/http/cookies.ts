/**
 * Cookie names. With HTTPS (production) the session and CSRF cookies carry the __Host- prefix,
 * which the browser only accepts when Secure, Path=/ and without Domain: no subdomain can plant one.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-bezel_session' : 'bezel_session';
}

/** The chosen language; functional, so it needs no consent. */
export const LANGUAGE_COOKIE = 'bezel_lang';
