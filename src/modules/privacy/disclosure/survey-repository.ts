import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

/** SQL of surveys (PRV-SURVEY-1). Answers are written without any reference to a person or an invitation. */

export type Survey = { id: string; title: string; questions: string[]; createdAt: string };

export async function insertSurvey(
  db: Db,
  row: { id: string; title: string; questions: string[]; created_at: string; created_by: string | null },
): Promise<void> {
  await db.insertInto('survey').values(row).execute();
}

export async function findSurvey(db: Db, id: string): Promise<Survey | null> {
  const row = await db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, title: row.title, questions: row.questions, createdAt: row.created_at } : null;
}

export async function listSurveys(db: Db): Promise<Survey[]> {
  const rows = await db.selectFrom('survey').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
  return rows.map((row) => ({ id: row.id, title: row.title, questions: row.questions, createdAt: row.created_at }));
}

/** The invitee's address and language; null for a user that does not exist or has no address any more. */
export async function inviteeOf(db: Db, userId: string): Promise<{ email: string; name: string; locale: 'en' | 'nl' } | null> {
  const row = await db.selectFrom('app_user').select(['email', 'display_name', 'locale', 'status']).where('id', '=', userId).executeTakeFirst();
  if (row?.status !== 'active') return null;
  return { email: row.email, name: row.display_name, locale: row.locale };
}

/** Records that the person was invited; false when they were invited to this survey before (nothing written). */
export async function insertInvitation(db: Db, row: { id: string; survey_id: string; user_id: string; sent_at: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('survey_invitation')
    .values(row)
    .onConflict((conflict) => conflict.columns(['survey_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Stores the batch's links, hashed, in one insert ordered by hash: neither a column nor the order of the rows
 * says which link went to whom.
 */
export async function insertTokens(db: Db, surveyId: string, tokenHashes: readonly string[], expiresAt: string): Promise<void> {
  if (tokenHashes.length === 0) return;
  const rows = [...tokenHashes].sort().map((token_hash) => ({ token_hash, survey_id: surveyId, expires_at: expiresAt }));
  await db.insertInto('survey_token').values(rows).execute();
}

/** Marks the link used, once: its survey, or null when the link is unknown, expired or used already. No time is kept. */
export async function useToken(db: Db, tokenHash: string, now: string): Promise<{ surveyId: string } | null> {
  const row = await db
    .updateTable('survey_token')
    .set({ used: true })
    .where('token_hash', '=', tokenHash)
    .where('used', '=', false)
    .where('expires_at', '>', now)
    .returning('survey_id')
    .executeTakeFirst();
  return row ? { surveyId: row.survey_id } : null;
}

export async function openToken(db: Db, tokenHash: string, now: string): Promise<{ surveyId: string } | null> {
  const row = await db
    .selectFrom('survey_token')
    .select('survey_id')
    .where('token_hash', '=', tokenHash)
    .where('used', '=', false)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { surveyId: row.survey_id } : null;
}

export async function insertAnswer(db: Db, row: { id: string; survey_id: string; ratings: Record<string, number> }): Promise<void> {
  await db.insertInto('survey_answer').values(row).execute();
}

export type SurveyResults = { answers: number; invited: number; minimumAnswers: number; averages: Record<string, string | null> };

/**
 * PRV-SURVEY-1: averages are shown only from this many answers. With one answer the average is that person's
 * rating, and with two either respondent can work out the other's from it; from three no respondent can.
 */
export const MINIMUM_SURVEY_ANSWERS = 3;

/**
 * Aggregates only: the number of answers and, per question, the average rating (2 decimals, as text) — withheld
 * (null) until MINIMUM_SURVEY_ANSWERS have answered, so a result never reveals one person's answer.
 */
export async function surveyResults(db: Db, survey: Survey): Promise<SurveyResults> {
  const [answers, invited] = await Promise.all([
    db
      .selectFrom('survey_answer')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('survey_invitation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow(),
  ]);
  const averages: Record<string, string | null> = {};
  const count = Number(answers.n);
  if (count < MINIMUM_SURVEY_ANSWERS) {
    for (const question of survey.questions) averages[question] = null;
    return { answers: count, invited: Number(invited.n), minimumAnswers: MINIMUM_SURVEY_ANSWERS, averages };
  }
  for (const question of survey.questions) {
    const row = await db
      .selectFrom('survey_answer')
      .select(sql<string | null>`round(avg((ratings ->> ${question})::numeric), 2)::text`.as('average'))
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow();
    averages[question] = row.average;
  }
  return { answers: count, invited: Number(invited.n), minimumAnswers: MINIMUM_SURVEY_ANSWERS, averages };
}
