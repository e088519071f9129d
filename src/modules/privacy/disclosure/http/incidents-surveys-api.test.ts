import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { useDisclosureTest } from './disclosure-test-support.ts';

/** The incident register (PRV-FRAUD-1) and anonymous surveys (PRV-SURVEY-1), through the API on a real database. */
const t = useDisclosureTest();

describe('incident register', () => {
  test('PRV-FRAUD-1: underwriters, billing and admins record and read incidents; every other role gets 404; each step is audited', async () => {
    const customerId = await t.userId('customer');
    const recorded = await t.call('billing', 'POST', '/api/v1/incidents', {
      kind: 'non_payment',
      subjectUserId: customerId,
      summary: 'Third reminder unanswered',
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const id = recorded.json().id;
    assert.equal(recorded.json().status, 'open');

    for (const role of ['underwriter', 'admin'] as const) {
      const list = await t.call(role, 'GET', '/api/v1/incidents');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().items.map((i: { id: string }) => i.id),
        [id],
      );
    }
    for (const role of ['customer', 'agent', 'jeweler', 'partner', 'adjuster', 'privacy_officer', 'secretary', 'auditor'] as const) {
      assert.equal((await t.call(role, 'GET', '/api/v1/incidents')).statusCode, 404, role);
      assert.equal((await t.call(role, 'GET', `/api/v1/incidents/${id}`)).statusCode, 404, role);
      assert.equal(
        (await t.call(role, 'POST', '/api/v1/incidents', { kind: 'suspected_fraud', subjectUserId: customerId, summary: 'made up' })).statusCode,
        404,
        role,
      );
      assert.equal((await t.call(role, 'GET', '/backoffice/incidents', undefined, { accept: 'text/html' })).statusCode, 404, role);
    }
    const rows = await t.bezel.deps.db.selectFrom('incident').select('id').execute();
    assert.equal(rows.length, 1, 'no role without incidents:manage wrote anything');

    // The page shows the register to those who may see it.
    const page = await t.call('underwriter', 'GET', '/backoffice/incidents', undefined, { accept: 'text/html' });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Third reminder unanswered'));

    const read = await t.call('underwriter', 'GET', `/api/v1/incidents/${id}`, undefined, { 'bezel-purpose': 'underwriting review of renewal' });
    assert.equal(read.statusCode, 200);
    const closed = await t.call('admin', 'POST', `/api/v1/incidents/${id}/close`, { note: 'Paid in full' });
    assert.equal(closed.json().status, 'closed');
    assert.equal((await t.call('admin', 'POST', `/api/v1/incidents/${id}/close`, { note: 'again' })).statusCode, 409);

    assert.equal((await t.auditEvents('incident.recorded')).length, 1);
    assert.equal((await t.auditEvents('incident.closed')).length, 1);
    const reads = (await t.auditEvents('personal_data.read')).filter((event) => event.details.view === 'incident');
    assert.ok(reads.some((event) => event.subject_id === id && event.purpose === 'underwriting review of renewal'));
    assert.ok(reads.every((event) => event.purpose !== null && event.purpose !== ''));
  });

  test('PRV-FRAUD-1: an incident about an unknown person or policy is refused and nothing is written', async () => {
    const before = (await t.bezel.deps.db.selectFrom('incident').select('id').execute()).length;
    const unknownPerson = await t.call('billing', 'POST', '/api/v1/incidents', {
      kind: 'non_payment',
      subjectUserId: '00000000-0000-4000-8000-000000000001',
      summary: 'nobody',
    });
    assert.equal(unknownPerson.json().code, 'user_not_found');
    const unknownPolicy = await t.call('billing', 'POST', '/api/v1/incidents', {
      kind: 'suspected_fraud',
      policyId: '00000000-0000-4000-8000-000000000002',
      summary: 'no policy',
    });
    assert.equal(unknownPolicy.json().code, 'policy_not_found');
    assert.equal(
      (await t.call('billing', 'POST', '/api/v1/incidents', { kind: 'theft', subjectUserId: await t.userId('customer'), summary: 'bad kind' })).statusCode,
      400,
    );
    assert.equal((await t.bezel.deps.db.selectFrom('incident').select('id').execute()).length, before);
  });
});

describe('surveys', () => {
  test('PRV-SURVEY-1: invitations go out by mail with a random link; the answer is stored without any link to the person, and averages show only from 3 answers', async () => {
    const created = await t.call('privacy_officer', 'POST', '/api/v1/privacy/surveys', { title: 'Claims service 2026', questions: ['overall', 'speed'] });
    assert.equal(created.statusCode, 201, created.body);
    const surveyId = created.json().id;
    const invitees = [await t.userId('customer'), await t.userId('agent')];
    const sent = await t.call('privacy_officer', 'POST', `/api/v1/privacy/surveys/${surveyId}/invitations`, { userIds: invitees });
    assert.deepEqual(sent.json(), { invited: 2, skipped: 0 });
    // Sending again invites no one twice.
    assert.deepEqual((await t.call('privacy_officer', 'POST', `/api/v1/privacy/surveys/${surveyId}/invitations`, { userIds: invitees })).json(), {
      invited: 0,
      skipped: 2,
    });

    // Through the outbox: the mails leave when the worker runs.
    await t.bezel.runJobs();
    const mails = (await t.bezel.mails()).filter((mail) => mail.subject.includes('anonymous survey'));
    assert.equal(mails.length, 2);
    const tokens = mails.map((mail) => /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '');
    assert.ok(tokens.every((token) => token.length >= 40));
    // The links are stored hashed only, apart from the invitations.
    const stored = await t.bezel.deps.db.selectFrom('survey_token').select('token_hash').execute();
    assert.equal(stored.length, 2);
    assert.ok(stored.every((row) => !tokens.includes(row.token_hash)));

    // The answer page works without an account.
    const form = await t.bezel.app.inject({ method: 'GET', url: `/surveys/${tokens[0]}`, headers: { accept: 'text/html' } });
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('Claims service 2026'));

    // An incomplete answer is refused without using the link; then the full answer is taken once.
    const answer = (token: string, ratings: Record<string, number>) =>
      t.bezel.app.inject({ method: 'POST', url: '/api/v1/survey-answers', payload: { token, ratings } });
    assert.equal((await answer(tokens[0] as string, { overall: 5 })).statusCode, 422);
    assert.equal((await answer(tokens[0] as string, { overall: 5, speed: 9 })).statusCode, 422);
    assert.equal((await answer(tokens[0] as string, { overall: 5, speed: 4 })).statusCode, 204);
    assert.equal((await answer(tokens[0] as string, { overall: 1, speed: 1 })).statusCode, 404, 'a link works once');

    // One of two invitees has answered: nothing in the database tells which one. The invitations differ only in
    // their own id and person, and the links' table names no person and no invitation.
    const strip = ({ id: _id, user_id: _user, ...rest }: Record<string, unknown>) => rest;
    const [first, second] = await t.bezel.deps.db.selectFrom('survey_invitation').selectAll().execute();
    assert.deepEqual(strip(first ?? {}), strip(second ?? {}));
    const tokenColumns = await sql<{
      column_name: string;
    }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_token' ORDER BY column_name`.execute(t.bezel.deps.db);
    assert.deepEqual(
      tokenColumns.rows.map((row) => row.column_name),
      ['expires_at', 'survey_id', 'token_hash', 'used'],
    );
    assert.equal((await answer(tokens[1] as string, { overall: 3, speed: 2 })).statusCode, 204);
    assert.equal((await answer('x'.repeat(43), { overall: 3, speed: 2 })).statusCode, 404);

    // No answer row can be joined back to a person: the table has no column naming a person, an invitation
    // or a time, and no column of it holds any value that appears in the invitations or app_user.
    const columns = await sql<{
      column_name: string;
    }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_answer' ORDER BY column_name`.execute(t.bezel.deps.db);
    assert.deepEqual(
      columns.rows.map((row) => row.column_name),
      ['id', 'ratings', 'survey_id'],
    );
    const answers = await t.bezel.deps.db.selectFrom('survey_answer').selectAll().execute();
    assert.equal(answers.length, 2);
    const invitations = await t.bezel.deps.db.selectFrom('survey_invitation').selectAll().execute();
    const people = await t.bezel.deps.db.selectFrom('app_user').select(['id', 'email']).execute();
    const known = new Set([...invitations.flatMap((row) => [row.id, row.user_id, row.sent_at]), ...people.flatMap((row) => [row.id, row.email])]);
    for (const row of answers) {
      assert.ok(!known.has(row.id));
      assert.ok(!JSON.stringify(row.ratings).includes('@'));
    }
    // Only the links are marked used, without a time of use.
    const links = await t.bezel.deps.db.selectFrom('survey_token').select('used').execute();
    assert.deepEqual(
      links.map((row) => row.used),
      [true, true],
    );
    // The audit event of an answer names the survey only.
    const answered = await t.auditEvents('survey.answered');
    assert.equal(answered.length, 2);
    assert.ok(answered.every((event) => event.actor_id === null && event.subject_id === surveyId && Object.keys(event.details).length === 0));

    // Two answers: an average would let either respondent work out the other's rating, so none is shown.
    const early = await t.call('privacy_officer', 'GET', `/api/v1/privacy/surveys/${surveyId}/results`);
    assert.deepEqual(early.json().results, { answers: 2, invited: 2, minimumAnswers: 3, averages: { overall: null, speed: null } });
    // A third answer (stored as the processor returns it: no person, no time).
    await t.bezel.deps.db
      .insertInto('survey_answer')
      .values({ id: crypto.randomUUID(), survey_id: surveyId, ratings: { overall: 4, speed: 3 } })
      .execute();
    // Results are aggregates: (5+3+4)/3 = 4.00 overall, (4+2+3)/3 = 3.00 speed.
    const results = await t.call('privacy_officer', 'GET', `/api/v1/privacy/surveys/${surveyId}/results`);
    assert.deepEqual(results.json().results, { answers: 3, invited: 2, minimumAnswers: 3, averages: { overall: '4.00', speed: '3.00' } });
  });
});
