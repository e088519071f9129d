import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { recordAuditEvent, sealAuditEvents, verifyAuditChain } from '../../../platform/audit/index.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { type Person, useFulfilmentTest } from './fulfilment-test-support.ts';
import { erasePersonData } from './use-cases/erase-person.ts';

const t = useFulfilmentTest();
const csrfCookie = 'c'.repeat(43);

async function login(email: string): Promise<{ status: number; cookie: string }> {
  const reply = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
  return { status: reply.statusCode, cookie: reply.cookies.find((c) => c.name === 'bezel_session')?.value ?? '' };
}

async function staffSearch(q: string): Promise<unknown[]> {
  const { cookie } = await login(demoEmail('underwriter'));
  const reply = await t.bezel.app.inject({
    method: 'GET',
    url: `/api/v1/policies/search?q=${encodeURIComponent(q)}`,
    headers: { cookie: `bezel_session=${cookie}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(t.bezel.deps.appSecret, csrfCookie) },
  });
  assert.equal(reply.statusCode, 200, reply.body);
  return (reply.json() as { items: unknown[] }).items;
}

/** A policy that ended in 2018: its records' retention (the policy's life and 7 years) is over by 2026-11-21. */
async function endedLongAgo(policyId: string): Promise<void> {
  const db = t.bezel.deps.db;
  await db.updateTable('policy').set({ status: 'expired', first_day: '2018-01-01', last_day: '2018-12-31' }).where('id', '=', policyId).execute();
  await db.updateTable('invoice').set({ issued_on: '2018-01-01', due_on: '2018-01-15' }).where('policy_id', '=', policyId).execute();
  await sql`UPDATE payment SET received_on = '2018-01-10' WHERE account_id IN (SELECT account_id FROM invoice WHERE policy_id = ${policyId})`.execute(db);
}

async function everything(person: Person): Promise<string> {
  // The whole database as text, except the erased person's random id (kept as a link, decision in erasure-plan.ts).
  const { rows } = await sql<{ dump: string }>`
    SELECT string_agg(to_jsonb(t)::text, E'\n') AS dump FROM (
      SELECT to_jsonb(a) AS t FROM app_user a UNION ALL SELECT to_jsonb(x) FROM application x UNION ALL SELECT to_jsonb(p) FROM policy p
      UNION ALL SELECT to_jsonb(s) FROM scheduled_item s UNION ALL SELECT to_jsonb(e) FROM audit_event e UNION ALL SELECT to_jsonb(j) FROM job j
      UNION ALL SELECT to_jsonb(r) FROM policy_transaction r UNION ALL SELECT to_jsonb(i) FROM invoice i
    ) q`.execute(t.bezel.deps.db);
  void person;
  return rows[0]?.dump ?? '';
}

describe('erasure', () => {
  test('PRV-RIGHT-3: erasure removes the identity from search, exports and logs, keeps the audit chain verifiable, and reports what was kept', async () => {
    const erin = await t.customer('Erin Erasure');
    const other = await t.customer('Olga Other');
    const policy = await t.boundPolicy(erin);
    await t.boundPolicy(other);
    await endedLongAgo(policy.policyId);
    const deps = t.bezel.deps;
    await enqueueMail(
      deps.db,
      { to: erin.email, locale: 'en', template: 'reset_password', params: { name: erin.name, link: 'http://127.0.0.1:3000/x' } },
      deps.clock,
    );
    assert.equal((await login(erin.email)).status, 200);
    assert.equal((await staffSearch('Erin')).length, 1, 'found by name before erasure');
    assert.equal((await staffSearch(erin.email)).length, 1, 'found by email before erasure');
    await sealAuditEvents(deps.db, deps.clock);

    const report = await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), erin.actor.userId));
    await sealAuditEvents(deps.db, deps.clock);

    // Read back: the identity is nowhere in the tables the person reached, the mail log or the audit log.
    const dump = await everything(erin);
    // The policy number is no identity and stays in hashed audit details; the search no longer finds it (below).
    const evidence = await deps.db
      .selectFrom('application')
      .select('submitted_ip')
      .where('applicant_user_id', '=', erin.actor.userId)
      .where('submitted_ip', 'is not', null)
      .execute();
    assert.deepEqual(evidence, [], 'the application evidence (PRV-IP-1) went with the policy record');
    for (const identity of [erin.email, erin.name, 'Erin']) assert.ok(!dump.includes(identity), `${identity} is gone`);
    assert.ok(dump.includes('Olga Other') && dump.includes(other.email), 'another person is untouched');
    const user = await deps.db.selectFrom('app_user').selectAll().where('id', '=', erin.actor.userId).executeTakeFirstOrThrow();
    assert.equal(user.email, `erased-${erin.actor.userId}@erased.invalid`);
    assert.equal(user.password_hash, null);
    assert.notEqual(user.erased_at, null);
    assert.equal((await deps.db.selectFrom('user_session').select('token_hash').where('user_id', '=', erin.actor.userId).execute()).length, 0);
    // No search shows her; she cannot log in.
    assert.equal((await staffSearch('Erin')).length, 0);
    assert.equal((await staffSearch(erin.email)).length, 0);
    assert.equal((await staffSearch(policy.policyNumber)).length, 0);
    assert.equal((await login(erin.email)).status, 401);
    // The audit chain still verifies: only personal_details (outside the hashed part) was erased.
    const chain = await verifyAuditChain(deps.db);
    assert.equal(chain.ok, true, JSON.stringify(chain));
    const personal = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_event WHERE (actor_id = ${erin.actor.userId} OR subject_id = ${erin.actor.userId}) AND personal_details IS NOT NULL`.execute(
      deps.db,
    );
    assert.equal(personal.rows[0]?.n, 0);
    // Invoices of 2018 are past their 7 years too: they went; the erasure record says what happened.
    assert.ok(report.erased.some((entry) => entry.table === 'app_user' && entry.anonymised === 1));
    assert.ok(report.erased.some((entry) => entry.table === 'user_session' && entry.deleted >= 1));
    assert.ok(
      report.kept.some((entry) => entry.table === 'audit_event' && entry.reason.kind === 'basis'),
      'the audit log is kept, with its basis',
    );
    const record = await deps.db.selectFrom('erasure_record').selectAll().where('user_id', '=', erin.actor.userId).executeTakeFirstOrThrow();
    assert.equal(record.id, report.erasureId);
  });

  test('PRV-RIGHT-3: events about others that name the person lose their personal part, found by their mentions (issue #5)', async () => {
    const mona = await t.customer('Mona Mention');
    // The application names another insured: that whole name counts as a mention of Mona; its words alone do not.
    await t.quote(mona, 'Rae Quill');
    const deps = t.bezel.deps;
    const staff = systemActor('staff-desk');
    const texts = {
      byName: '  MONA   mention ',
      bySurname: 'Mention',
      byEmail: `Call from ${mona.email.toUpperCase()}.`,
      byInsured: 'Rae Quill',
      insuredWord: 'Quill',
      longerWord: 'mentionable',
      other: 'Otto Other',
    };
    const ids: Record<string, string> = {};
    for (const [key, text] of Object.entries(texts)) {
      ids[key] = newId();
      await deps.db
        .transaction()
        .execute((trx) =>
          recordAuditEvent(trx, { actor: staff, action: 'test.noted', subject: { type: 'note', id: ids[key] }, personalDetails: { text } }, deps.clock),
        );
    }
    await sealAuditEvents(deps.db, deps.clock);

    await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), mona.actor.userId));

    const rows = await deps.db.selectFrom('audit_event').select(['subject_id', 'personal_details', 'mentions']).where('action', '=', 'test.noted').execute();
    const left = Object.fromEntries(rows.map((row) => [Object.keys(ids).find((key) => ids[key] === row.subject_id), row.personal_details]));
    for (const key of ['byName', 'bySurname', 'byEmail', 'byInsured']) assert.equal(left[key], null, `${key} erased`);
    assert.deepEqual(left.insuredWord, { text: 'Quill' }, "a co-insured's surname alone is not Mona");
    assert.deepEqual(left.longerWord, { text: 'mentionable' }, 'a word is matched whole');
    assert.deepEqual(left.other, { text: 'Otto Other' });
    assert.ok(
      rows.every((row) => (row.personal_details === null) === (row.mentions === null)),
      'mentions go with the personal part',
    );
    assert.equal((await verifyAuditChain(deps.db)).ok, true);
  });

  test('PRV-RIGHT-3: with a policy in force, the policy, its application and open invoice are kept and the person is told why', async () => {
    const ivan = await t.customer('Ivan Inforce');
    const policy = await t.boundPolicy(ivan, { paid: false });
    const deps = t.bezel.deps;
    assert.equal((await login(ivan.email)).status, 200);
    const report = await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), ivan.actor.userId));

    const kept = new Set(report.kept.filter((entry) => entry.reason.kind === 'policy_in_force').map((entry) => entry.table));
    for (const table of ['policy', 'application', 'scheduled_item', 'invoice', 'app_user']) assert.ok(kept.has(table), `${table} kept for the policy in force`);
    const row = await deps.db.selectFrom('policy').select(['policy_number', 'status']).where('id', '=', policy.policyId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { policy_number: policy.policyNumber, status: 'in_force' });
    const invoice = await deps.db.selectFrom('invoice').select('status').where('policy_id', '=', policy.policyId).executeTakeFirstOrThrow();
    assert.equal(invoice.status, 'open');
    const application = await deps.db.selectFrom('application').select('named_insureds').where('id', '=', policy.applicationId).executeTakeFirstOrThrow();
    assert.deepEqual(application.named_insureds, ['Ivan Inforce']);
    const user = await deps.db
      .selectFrom('app_user')
      .select(['email', 'password_hash', 'status', 'erased_at'])
      .where('id', '=', ivan.actor.userId)
      .executeTakeFirstOrThrow();
    // Contact data stays for the contract; credentials go and the account is closed.
    assert.deepEqual(user, { email: ivan.email, password_hash: null, status: 'disabled', erased_at: null });
    assert.equal((await login(ivan.email)).status, 401);
  });

  test('PRV-RIGHT-3: while a claim is open its records, its policy and the account are kept and the person is told why; once closed they follow retention', async () => {
    const clara = await t.customer('Clara Claimant');
    const policy = await t.boundPolicy(clara);
    await endedLongAgo(policy.policyId);
    const deps = t.bezel.deps;
    const claimId = newId();
    const now = '2026-11-20T10:00:00Z';
    await deps.db
      .insertInto('claim')
      .values({
        id: claimId,
        claim_number: `CL-2026-${claimId.slice(0, 6)}`,
        policy_id: policy.policyId,
        holder_user_id: clara.actor.userId,
        agent_user_id: null,
        jeweler_user_id: null,
        adjuster_user_id: null,
        reported_by_user_id: clara.actor.userId,
        channel: 'portal',
        reporter_name: 'Clara Claimant',
        reporter_relation: 'named_insured',
        insured_name: 'Clara Claimant',
        loss_kind: 'loss',
        loss_date: '2018-06-01',
        loss_time: null,
        loss_place: 'Rotterdam Centraal',
        loss_country: 'NL',
        narrative: 'Clara lost her ring on the platform.',
        police_report_reference: null,
        police_authority: null,
        protection_confirmed: true,
        notice_date: '2018-06-02',
        status: 'reported',
        time_zone: 'America/New_York',
        currency: 'USD',
        reported_at: now,
        updated_at: now,
      })
      .execute();
    await deps.db
      .insertInto('claim_item')
      .values({
        claim_id: claimId,
        line_no: 1,
        item_no: 1,
        description: 'Clara’s ring',
        category: 'ring',
        coverage_amount: '5000.00',
        set_id: null,
        purchase_date: null,
        purchase_price: null,
        part_description: null,
      })
      .execute();

    const report = await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), clara.actor.userId));
    const keptForClaim = new Set(report.kept.filter((entry) => entry.reason.kind === 'claim_open').map((entry) => entry.table));
    for (const table of ['claim', 'claim_item', 'policy', 'application', 'app_user']) assert.ok(keptForClaim.has(table), `${table} kept for the open claim`);
    const claim = await deps.db.selectFrom('claim').select(['narrative', 'insured_name']).where('id', '=', claimId).executeTakeFirstOrThrow();
    assert.deepEqual(claim, { narrative: 'Clara lost her ring on the platform.', insured_name: 'Clara Claimant' });
    const user = await deps.db.selectFrom('app_user').select(['display_name', 'erased_at']).where('id', '=', clara.actor.userId).executeTakeFirstOrThrow();
    assert.deepEqual(user, { display_name: 'Clara Claimant', erased_at: null });

    // Closed, on a policy whose retention ended long ago: the claim goes like the rest of the policy record.
    await deps.db.updateTable('claim').set({ status: 'closed' }).where('id', '=', claimId).execute();
    const second = await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), clara.actor.userId));
    assert.equal(
      second.kept.some((entry) => entry.reason.kind === 'claim_open'),
      false,
    );
    const after = await deps.db.selectFrom('claim').select(['narrative', 'insured_name']).where('id', '=', claimId).executeTakeFirst();
    assert.notEqual(after?.narrative, 'Clara lost her ring on the platform.');
    const item = await deps.db.selectFrom('claim_item').select('description').where('claim_id', '=', claimId).executeTakeFirst();
    assert.notEqual(item?.description, 'Clara’s ring');
  });

  test('PRV-RIGHT-3: erasure of data under a legal hold is refused for that data, with the reason', async () => {
    const hank = await t.customer('Hank Held');
    const policy = await t.boundPolicy(hank);
    await endedLongAgo(policy.policyId);
    const deps = t.bezel.deps;
    const officer = await deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('underwriter')).executeTakeFirstOrThrow();
    await deps.db
      .insertInto('legal_hold' as never)
      .values({
        id: newId(),
        subject_type: 'policy',
        subject_id: policy.policyId,
        reason: 'Lawsuit 2026-17 about this policy',
        placed_by: officer.id,
        placed_at: '2026-11-01T00:00:00Z',
      } as never)
      .execute();
    const report = await deps.db.transaction().execute((trx) => erasePersonData(deps, trx, systemActor('test'), hank.actor.userId));

    const refusedTables = report.refused.map((entry) => entry.table);
    for (const table of ['policy', 'application', 'scheduled_item', 'invoice']) assert.ok(refusedTables.includes(table), `${table} refused`);
    assert.ok(report.refused.every((entry) => entry.reason === 'Lawsuit 2026-17 about this policy'));
    const row = await deps.db.selectFrom('policy').select('policy_number').where('id', '=', policy.policyId).executeTakeFirstOrThrow();
    assert.equal(row.policy_number, policy.policyNumber, 'held data unchanged');
    const application = await deps.db.selectFrom('application').select('named_insureds').where('id', '=', policy.applicationId).executeTakeFirstOrThrow();
    assert.deepEqual(application.named_insureds, ['Hank Held']);
    // What is not held still goes: the account's identity.
    const user = await deps.db.selectFrom('app_user').select('email').where('id', '=', hank.actor.userId).executeTakeFirstOrThrow();
    assert.equal(user.email, `erased-${hank.actor.userId}@erased.invalid`);
  });
});
