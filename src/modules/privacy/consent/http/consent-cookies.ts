import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../../../../platform/crypto.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import {
  ANALYTICS_COOKIE,
  CONSENT_COOKIE,
  CONSENT_COOKIE_MAX_AGE_SECONDS,
  type ConsentState,
  consentStateOf,
  decodeConsentCookie,
  effectiveCategories,
  encodeConsentCookie,
  gpcRecordNeeded,
  gpcSignal,
} from '../domain/consent-cookie.ts';
import type { CookieCategories } from '../domain/cookie-choice.ts';
import { currentNoticeVersion } from '../use-cases/read-privacy-notice.ts';
import { type RecordedCookieChoice, recordCookieChoice } from '../use-cases/record-cookie-choice.ts';

/**
 * PRV-COOKIE-1: reading and writing the browser's cookie choice. The consent cookie is functional
 * (it remembers the choice itself); the analytics cookie exists only while analytics is accepted.
 */

function cookieOptions(deps: Deps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };
}

export type BrowserConsent = { state: ConsentState; gpc: boolean; effective: CookieCategories; noticeVersion: number };

/** Where this browser stands with the current notice, and what it allows now. */
export async function browserConsent(deps: Deps, request: FastifyRequest): Promise<BrowserConsent> {
  const noticeVersion = await currentNoticeVersion(deps);
  const state = consentStateOf(decodeConsentCookie(deps.appSecret, request.cookies[CONSENT_COOKIE]), noticeVersion);
  const gpc = gpcSignal(request.headers['sec-gpc']);
  return { state, gpc, effective: effectiveCategories(state, gpc), noticeVersion };
}

/** After a choice: remember it in the functional cookie and add or remove the analytics cookie. */
export function applyRecordedChoice(deps: Deps, request: FastifyRequest, reply: FastifyReply, recorded: RecordedCookieChoice): BrowserConsent {
  reply.setCookie(
    CONSENT_COOKIE,
    encodeConsentCookie(deps.appSecret, { consentId: recorded.consentId, noticeVersion: recorded.noticeVersion, categories: recorded.categories }),
    { ...cookieOptions(deps), maxAge: CONSENT_COOKIE_MAX_AGE_SECONDS },
  );
  const state: ConsentState = { kind: 'answered', consentId: recorded.consentId, noticeVersion: recorded.noticeVersion, categories: recorded.categories };
  const gpc = gpcSignal(request.headers['sec-gpc']);
  const consent = { state, gpc, effective: effectiveCategories(state, gpc), noticeVersion: recorded.noticeVersion };
  syncAnalyticsCookie(deps, request, reply, consent.effective);
  return consent;
}

/** The analytics cookie follows the choice: set only when analytics is allowed, removed as soon as it is not. */
export function syncAnalyticsCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply, effective: CookieCategories): void {
  const present = request.cookies[ANALYTICS_COOKIE] !== undefined;
  if (effective.analytics && !present) reply.setCookie(ANALYTICS_COOKIE, randomToken(16), { ...cookieOptions(deps), maxAge: CONSENT_COOKIE_MAX_AGE_SECONDS });
  if (!effective.analytics && present) reply.clearCookie(ANALYTICS_COOKIE, cookieOptions(deps));
}

/**
 * On every page: the browser's consent, with Global Privacy Control recorded once as a refusal
 * (method 'gpc') when the browser has not yet answered the current notice that way.
 */
export async function consentForPage(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<BrowserConsent> {
  const consent = await browserConsent(deps, request);
  if (request.method === 'GET' && gpcRecordNeeded(consent.state, consent.gpc)) {
    const recorded = await recordCookieChoice(
      deps,
      request.actor,
      { consentId: consent.state.consentId, choice: { kind: 'gpc' }, gpc: true },
      originOf(request),
    );
    return applyRecordedChoice(deps, request, reply, recorded);
  }
  // A POST that records a choice sets the cookies itself (applyRecordedChoice); doing it here too could send two.
  if (request.method === 'GET') syncAnalyticsCookie(deps, request, reply, consent.effective);
  return consent;
}
