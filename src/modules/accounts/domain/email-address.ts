/**
 * Email addresses are stored trimmed and lower-cased, so that 'Ann@Example.com' and
 * 'ann@example.com ' are one account. A deliberately simple check: one @, a dot in the domain,
 * no spaces, at most 254 characters (RFC 5321 path limit). The real proof is the confirmation link.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && SHAPE.test(email);
}
