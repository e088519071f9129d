import { constantTimeEqual, hmacBase64Url } from '../../../../platform/crypto.ts';
import { type CookieCategories, NOTHING_OPTIONAL } from './cookie-choice.ts';

/**
 * PRV-COOKIE-1: the browser keeps its choice in one functional cookie: the random consent id (which
 * links the browser's stored proofs), the notice version it was given under and the two optional
 * categories, signed so a forged cookie is simply "no answer yet". Pure: no I/O.
 */
export const CONSENT_COOKIE = 'bezel_consent';
/** The analytics cookie: set only while analytics is accepted (PRV-COOKIE-1), removed when withdrawn. */
export const ANALYTICS_COOKIE = 'bezel_analytics';
/** Half a year, then the banner asks again: a choice should not outlive the visitor's memory of it. */
export const CONSENT_COOKIE_MAX_AGE_SECONDS = 182 * 24 * 60 * 60;

export type ConsentCookie = { consentId: string; noticeVersion: number; categories: CookieCategories };

/** Where a browser stands with the current notice (PRV-CHANGE-1: an answer to an older version asks again). */
export type ConsentState =
  | { kind: 'unanswered'; consentId: null }
  | { kind: 'outdated'; consentId: string; answeredVersion: number }
  | { kind: 'answered'; consentId: string; noticeVersion: number; categories: CookieCategories };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const COOKIE_PATTERN = new RegExp(`^(${UUID})\\.([1-9][0-9]{0,8})\\.([01])([01])\\.([A-Za-z0-9_-]{22})$`);

function signature(appSecret: string, body: string): string {
  return hmacBase64Url(appSecret, `consent-cookie:${body}`).slice(0, 22);
}

export function encodeConsentCookie(appSecret: string, cookie: ConsentCookie): string {
  const flags = `${cookie.categories.analytics ? 1 : 0}${cookie.categories.advertising ? 1 : 0}`;
  const body = `${cookie.consentId}.${cookie.noticeVersion}.${flags}`;
  return `${body}.${signature(appSecret, body)}`;
}

export function decodeConsentCookie(appSecret: string, value: string | undefined): ConsentCookie | null {
  if (value === undefined) return null;
  const match = COOKIE_PATTERN.exec(value);
  if (!match) return null;
  const [, consentId = '', version = '', analytics, advertising, sent = ''] = match;
  if (!constantTimeEqual(sent, signature(appSecret, `${consentId}.${version}.${analytics}${advertising}`))) return null;
  return { consentId, noticeVersion: Number(version), categories: { analytics: analytics === '1', advertising: advertising === '1' } };
}

export function consentStateOf(cookie: ConsentCookie | null, currentVersion: number): ConsentState {
  if (!cookie) return { kind: 'unanswered', consentId: null };
  if (cookie.noticeVersion < currentVersion) return { kind: 'outdated', consentId: cookie.consentId, answeredVersion: cookie.noticeVersion };
  return { kind: 'answered', consentId: cookie.consentId, noticeVersion: cookie.noticeVersion, categories: cookie.categories };
}

/** What may be used now: nothing optional before an answer to the current notice, and nothing under GPC. */
export function effectiveCategories(state: ConsentState, gpc: boolean): CookieCategories {
  if (gpc || state.kind !== 'answered') return NOTHING_OPTIONAL;
  return state.categories;
}

/** The banner shows until the current notice has an answer. */
export function bannerNeeded(state: ConsentState): boolean {
  return state.kind !== 'answered';
}

/**
 * Global Privacy Control is a refusal the browser already gave: it is recorded once as a 'gpc'
 * proof, when the browser has no answer to the current notice or its answer allowed more.
 */
export function gpcRecordNeeded(state: ConsentState, gpc: boolean): boolean {
  if (!gpc) return false;
  return state.kind !== 'answered' || state.categories.analytics || state.categories.advertising;
}

/** `Sec-GPC: 1` is the only value the specification defines; anything else is no signal. */
export function gpcSignal(header: string | string[] | undefined): boolean {
  return header === '1';
}
