import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { instantText, problemResponses } from '../../../../platform/http/schemas.ts';
import { CONSENT_PURPOSES, SUPPRESSION_REASONS } from '../domain/marketing.ts';
import { objectToMarketing } from '../use-cases/object-to-marketing.ts';
import { readPageStatistics } from '../use-cases/page-statistics.ts';
import { publishNoticeVersion } from '../use-cases/publish-notice-version.ts';
import { getMyConsents, type MyConsents } from '../use-cases/read-consents.ts';
import { readPrivacyNotice } from '../use-cases/read-privacy-notice.ts';
import { sendMarketingMail } from '../use-cases/send-marketing-mail.ts';
import { setConsent } from '../use-cases/set-consent.ts';

/** JSON API of consents, marketing preference, the privacy notice and page statistics (issue #5). */

const consentSource = z.enum(['portal', 'api', 'unsubscribe_link', 'privacy_request']);

const myConsentsSchema = z.object({
  marketing: z.object({
    sendable: z.boolean().describe('Whether marketing mail may reach me now (PRV-OPTOUT-1)'),
    reason: z
      .enum(['no_consent', 'withdrawn', 'restricted', ...SUPPRESSION_REASONS])
      .nullable()
      .describe('Why not, when not'),
  }),
  consents: z.array(
    z.object({
      id: z.uuid(),
      purpose: z.enum(CONSENT_PURPOSES),
      noticeVersion: z.number().int(),
      source: consentSource,
      givenAt: instantText,
      withdrawnAt: instantText.nullable(),
      withdrawnSource: consentSource.nullable(),
    }),
  ),
});

function myConsentsJson(mine: MyConsents): z.infer<typeof myConsentsSchema> {
  return { marketing: { sendable: mine.marketing.sendable, reason: mine.marketing.sendable ? null : mine.marketing.reason }, consents: mine.records };
}

const noticeSchema = z.object({ version: z.number().int(), publishedOn: z.iso.date(), summary: z.string(), changes: z.string() });

export const consentApi: HttpModule = {
  name: 'privacy-consent-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const me = { tags: ['Consent'], security };
    const privacy = { tags: ['Privacy'], security };

    app.get(
      '/api/v1/privacy/notice',
      {
        schema: {
          tags: ['Privacy'],
          summary: 'The privacy notice in force and its change history (PRV-CHANGE-1); public',
          response: { 200: z.object({ current: noticeSchema.nullable(), history: z.array(noticeSchema) }) },
        },
      },
      async (request) => readPrivacyNotice(deps, request.locale),
    );

    const noticeText = z.string().trim().min(1).max(4000);
    app.post(
      '/api/v1/privacy/notice-versions',
      {
        schema: {
          ...privacy,
          summary: 'Publish a new privacy notice version with what changed (PRV-CHANGE-1); from its date the cookie banner asks again',
          body: z.object({ publishedOn: z.iso.date(), summaryEn: noticeText, summaryNl: noticeText, changesEn: noticeText, changesNl: noticeText }).strict(),
          response: { 201: z.object({ version: z.number().int() }), ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await publishNoticeVersion(deps, request.actor, request.body, originOf(request))),
    );

    app.get(
      '/api/v1/me/consents',
      { schema: { ...me, summary: 'My consents per purpose and whether I receive marketing', response: { 200: myConsentsSchema, ...problemResponses } } },
      async (request) => myConsentsJson(await getMyConsents(deps, request.actor)),
    );

    app.post(
      '/api/v1/me/consents',
      {
        schema: {
          ...me,
          summary: 'Give or withdraw my consent for one purpose (PRV-RIGHT-7); withdrawing marketing_email is the marketing opt-out (PRV-OPTOUT-1)',
          body: z.object({ purpose: z.enum(CONSENT_PURPOSES), given: z.boolean() }).strict(),
          response: { 200: myConsentsSchema, ...problemResponses },
        },
      },
      async (request) =>
        myConsentsJson(await setConsent(deps, request.actor, { purpose: request.body.purpose, given: request.body.given }, 'api', originOf(request))),
    );

    app.post(
      '/api/v1/me/marketing-objection',
      {
        schema: {
          ...me,
          summary: 'Object to direct marketing (PRV-RIGHT-5)',
          body: z.object({}).strict().optional(),
          response: { 200: myConsentsSchema, ...problemResponses },
        },
      },
      async (request) => myConsentsJson(await objectToMarketing(deps, request.actor, 'api', originOf(request))),
    );

    app.get(
      '/api/v1/privacy/page-statistics',
      {
        schema: {
          ...privacy,
          summary: 'Page views per route per day, without identifiers (PRV-BEACON-1)',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict(),
          response: {
            200: z.object({
              from: z.iso.date(),
              to: z.iso.date(),
              counts: z.array(z.object({ day: z.iso.date(), path: z.string(), views: z.number().int() })),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => readPageStatistics(deps, request.actor, request.query.days),
    );

    app.post(
      '/api/v1/privacy/marketing-mails',
      {
        schema: {
          ...privacy,
          summary: 'Send one marketing mail; refused for suppressed people (PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7)',
          body: z.object({ userId: z.uuid(), headline: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(4000) }).strict(),
          response: {
            200: z.object({ outcome: z.enum(['queued', 'suppressed']), jobId: z.string().nullable(), reason: z.string().nullable() }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const result = await sendMarketingMail(deps, request.actor, request.body, originOf(request));
        return result.outcome === 'queued'
          ? { outcome: result.outcome, jobId: result.jobId, reason: null }
          : { outcome: result.outcome, jobId: null, reason: result.reason };
      },
    );
  },
};
