import { isIP } from 'node:net';

/**
 * PRV-COOKIE-1: cookie categories and the visitor's choice. Functional cookies are always on (the
 * notice only says so); analytics and advertising are off until the visitor opts in. Pure: no I/O.
 */

export const OPTIONAL_CATEGORIES = ['analytics', 'advertising'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export type CookieChoiceMethod = 'accept_all' | 'refuse_all' | 'custom' | 'gpc';

/** What the visitor allows beside the functional cookies. */
export type CookieCategories = { analytics: boolean; advertising: boolean };

export const NOTHING_OPTIONAL: CookieCategories = { analytics: false, advertising: false };

/** What a banner or settings form asked for, before Global Privacy Control is applied. */
export type CookieChoiceRequest = { kind: 'accept_all' } | { kind: 'refuse_all' } | { kind: 'custom'; categories: readonly OptionalCategory[] };

/**
 * The choice that is stored and applied. PRV-COOKIE-1 with Global Privacy Control: a browser that
 * sends `Sec-GPC: 1` refuses analytics and advertising (and so any sale or sharing, PRV-DISC-1),
 * whatever the form said; the record keeps the method the visitor used and that GPC was on.
 */
export function decideCookieChoice(request: CookieChoiceRequest, gpc: boolean): { method: CookieChoiceMethod; categories: CookieCategories } {
  const asked = askedCategories(request);
  return { method: request.kind, categories: gpc ? NOTHING_OPTIONAL : asked };
}

function askedCategories(request: CookieChoiceRequest): CookieCategories {
  switch (request.kind) {
    case 'accept_all':
      return { analytics: true, advertising: true };
    case 'refuse_all':
      return NOTHING_OPTIONAL;
    case 'custom':
      return { analytics: request.categories.includes('analytics'), advertising: request.categories.includes('advertising') };
  }
}

/**
 * The masked IP address kept as proof: IPv4 with its last octet zeroed (/24), IPv6 cut to its
 * first 48 bits (/48), so the proof shows the network, never the device. An IPv4-mapped IPv6
 * address is treated as the IPv4 address it carries. Anything else is not an IP: null.
 */
export function maskIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  switch (isIP(address)) {
    case 4: {
      const [a, b, c] = address.split('.');
      return `${a}.${b}.${c}.0`;
    }
    case 6: {
      const groups = expandIpv6(address);
      return groups ? `${groups.slice(0, 3).join(':')}::` : null;
    }
    default:
      return null;
  }
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; null for a zone id or embedded IPv4. */
function expandIpv6(address: string): string[] | null {
  if (address.includes('%') || address.includes('.')) return null;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right];
  return groups.map((group) => Number.parseInt(group, 16).toString(16));
}

/** At most this much of the User-Agent header is kept with the proof. */
export const USER_AGENT_MAX = 512;

export function proofUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  return userAgent.slice(0, USER_AGENT_MAX);
}
