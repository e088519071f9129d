import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { randomToken, sha256Hex } from '../../../../platform/crypto.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { enqueueMail } from '../../../../platform/mail/index.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { disclosureErrors } from '../errors.ts';
import {
  findSurvey,
  insertAnswer,
  insertInvitation,
  insertSurvey,
  insertTokens,
  inviteeOf,
  listSurveys,
  openToken,
  type Survey,
  type SurveyResults,
  surveyResults,
  useToken,
} from '../survey-repository.ts';
import { now } from './common.ts';

/**
 * PRV-SURVEY-1: "satisfaction surveys by an independent processor; only anonymous results come back".
 * Each invitation carries a random single-use link sent through the outbox. The database keeps who was invited
 * (survey_invitation) apart from the links (survey_token: hashed, no person, no invitation); the answer is
 * stored with its survey and ratings only — no person, no link, no time — and only the link is marked used,
 * so neither an answer nor the fact of answering can be traced to anyone.
 */
export const SURVEY_INVITATION_DAYS = 30;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export async function createSurvey(
  deps: Deps,
  actor: Actor,
  input: { title: string; questions: string[] },
  origin: RequestOrigin = SYSTEM_ORIGIN,
): Promise<Survey> {
  requirePermission(actor, 'privacy:manage');
  const questions = [...new Set(input.questions)];
  return inTransaction(deps.db, async (trx) => {
    const id = newId();
    const createdAt = now(deps);
    await insertSurvey(trx, { id, title: input.title, questions, created_at: createdAt, created_by: actor.kind === 'user' ? actor.userId : null });
    await recordAuditEvent(
      trx,
      { actor, action: 'survey.created', subject: { type: 'survey', id }, details: { questions }, requestId: origin.requestId },
      deps.clock,
    );
    return { id, title: input.title, questions, createdAt };
  });
}

export async function readSurveys(deps: Deps, actor: Actor): Promise<Survey[]> {
  requirePermission(actor, 'privacy:read');
  return listSurveys(deps.db);
}

/** Sends one invitation per person (a second one to the same person for the same survey is skipped). */
export async function inviteToSurvey(
  deps: Deps,
  actor: Actor,
  surveyId: string,
  input: { userIds: string[] },
  origin: RequestOrigin = SYSTEM_ORIGIN,
): Promise<{ invited: number; skipped: number }> {
  requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, async (trx) => {
    const survey = await findSurvey(trx, surveyId);
    if (!survey) throw problems.notFound();
    const sentAt = now(deps);
    const expiresAt = Temporal.Instant.from(sentAt)
      .add({ hours: 24 * SURVEY_INVITATION_DAYS })
      .toString();
    const tokenHashes: string[] = [];
    for (const userId of new Set(input.userIds)) {
      const invitee = await inviteeOf(trx, userId);
      if (!invitee) continue;
      if (!(await insertInvitation(trx, { id: newId(), survey_id: surveyId, user_id: userId, sent_at: sentAt }))) continue;
      const token = randomToken();
      tokenHashes.push(sha256Hex(token));
      await enqueueMail(
        trx,
        {
          to: invitee.email,
          locale: invitee.locale,
          template: 'survey_invitation',
          params: { name: invitee.name, link: `${deps.config.publicUrl}/surveys/${token}`, title: survey.title },
        },
        deps.clock,
      );
    }
    await insertTokens(trx, surveyId, tokenHashes, expiresAt);
    const invited = tokenHashes.length;
    const skipped = new Set(input.userIds).size - invited;
    await recordAuditEvent(
      trx,
      { actor, action: 'survey.invitations_sent', subject: { type: 'survey', id: surveyId }, details: { invited, skipped }, requestId: origin.requestId },
      deps.clock,
    );
    return { invited, skipped };
  });
}

/** The survey behind an open invitation link, for the answer form; 404 for an unknown, used or expired link. */
export async function openSurvey(deps: Deps, token: string): Promise<Survey> {
  const invitation = await openToken(deps.db, sha256Hex(token), now(deps));
  const survey = invitation ? await findSurvey(deps.db, invitation.surveyId) : null;
  if (!survey) throw disclosureErrors.surveyLinkInvalid();
  return survey;
}

/** Checks the ratings: exactly the survey's questions, each a whole number from 1 to 5. */
export function validRatings(survey: Survey, ratings: Record<string, unknown>): Record<string, number> | null {
  const keys = Object.keys(ratings);
  if (keys.length !== survey.questions.length || !survey.questions.every((question) => Object.hasOwn(ratings, question))) return null;
  const checked: Record<string, number> = {};
  for (const question of survey.questions) {
    const value = ratings[question];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < RATING_MIN || value > RATING_MAX) return null;
    checked[question] = value;
  }
  return checked;
}

/**
 * Anyone with the link answers once. The answer row gets a random id and names only the survey; the
 * audit event names only the survey too (not the link), so neither can be joined back to a person.
 */
export async function answerSurvey(deps: Deps, token: string, ratings: Record<string, unknown>): Promise<void> {
  const tokenHash = sha256Hex(token);
  await inTransaction(deps.db, async (trx) => {
    const open = await openToken(trx, tokenHash, now(deps));
    const survey = open ? await findSurvey(trx, open.surveyId) : null;
    if (!survey) throw disclosureErrors.surveyLinkInvalid();
    // Checked before the invitation is used, so a mistake does not burn the link.
    const checked = validRatings(survey, ratings);
    if (!checked) throw disclosureErrors.surveyAnswersInvalid();
    const used = await useToken(trx, tokenHash, now(deps));
    if (!used) throw disclosureErrors.surveyLinkInvalid();
    await insertAnswer(trx, { id: newId(), survey_id: survey.id, ratings: checked });
    await recordAuditEvent(trx, { actor: { kind: 'anonymous' }, action: 'survey.answered', subject: { type: 'survey', id: survey.id } }, deps.clock);
  });
}

export async function readSurveyResults(deps: Deps, actor: Actor, surveyId: string): Promise<{ survey: Survey; results: SurveyResults }> {
  requirePermission(actor, 'privacy:read');
  const survey = await findSurvey(deps.db, surveyId);
  if (!survey) throw problems.notFound();
  return { survey, results: await surveyResults(deps.db, survey) };
}
