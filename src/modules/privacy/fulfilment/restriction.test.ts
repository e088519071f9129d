import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { bindPolicy, quoteApplication, runRenewal, startRenewalRun } from '../../policies/index.ts';
import { objectToMarketing } from '../consent/index.ts';
import { useFulfilmentTest } from './fulfilment-test-support.ts';
import { requestOwnAccessPackage } from './use-cases/access-package.ts';
import { isRestricted, liftRestriction, restrictProcessing } from './use-cases/restriction.ts';

const t = useFulfilmentTest();

async function officer() {
  const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('admin')).executeTakeFirstOrThrow();
  return { kind: 'user' as const, userId: row.id, roles: ['admin' as const], locale: 'en' as const, via: 'session' as const };
}

async function officerId(): Promise<string> {
  const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('privacy_officer')).executeTakeFirstOrThrow();
  return row.id;
}

describe('restriction and non-discrimination', () => {
  test('PRV-RIGHT-4: a restricted person’s data stays but a new application and a bind refuse with processing_restricted; lifting is audited', async () => {
    const rita = await t.customer('Rita Restricted');
    const deps = t.bezel.deps;
    const admin = await officer();
    const { applicationId } = await t.quote(rita);
    await restrictProcessing(deps, admin, rita.actor.userId, { reason: 'Contests the accuracy of her address' }, SYSTEM_ORIGIN);
    assert.equal(await isRestricted(deps.db, rita.actor.userId), true);
    await assert.rejects(restrictProcessing(deps, admin, rita.actor.userId, { reason: 'again' }, SYSTEM_ORIGIN), { code: 'already_restricted' });

    const before = await deps.db.selectFrom('application').select('id').where('applicant_user_id', '=', rita.actor.userId).execute();
    await assert.rejects(quoteApplication(deps, rita.actor, t.quoteInput('Rita Restricted'), SYSTEM_ORIGIN), { status: 409, code: 'processing_restricted' });
    await assert.rejects(bindPolicy(deps, rita.actor, applicationId, { inceptionDate: '2026-12-01' }, SYSTEM_ORIGIN), {
      status: 409,
      code: 'processing_restricted',
    });
    // Nothing written, and her data is still there (stored, not used).
    const after = await deps.db.selectFrom('application').select('id').where('applicant_user_id', '=', rita.actor.userId).execute();
    assert.deepEqual(after, before);
    assert.equal((await deps.db.selectFrom('policy').select('id').where('holder_user_id', '=', rita.actor.userId).execute()).length, 0);

    await assert.rejects(liftRestriction(deps, admin, rita.actor.userId, { reason: '  ' }, SYSTEM_ORIGIN), { code: 'reason_required' });
    await assert.rejects(liftRestriction(deps, rita.actor, rita.actor.userId, { reason: 'I want to' }, SYSTEM_ORIGIN), { code: 'forbidden' });
    // The officer lifts it from the back-office queue, with a reason.
    const login = await t.bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demoEmail('privacy_officer'), password: DEMO_PASSWORD },
    });
    const cookie = `bezel_session=${login.cookies.find((c) => c.name === 'bezel_session')?.value}; bezel_csrf=${'c'.repeat(43)}`;
    const csrf = csrfTokenFor(deps.appSecret, 'c'.repeat(43));
    const queue = await t.bezel.app.inject({ method: 'GET', url: '/backoffice/privacy/fulfilment', headers: { cookie } });
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(rita.email));
    const lifted = await t.bezel.app.inject({
      method: 'POST',
      url: `/backoffice/privacy/fulfilment/restrictions/${rita.actor.userId}/lift`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, reason: 'Address verified' }).toString(),
    });
    assert.equal(lifted.statusCode, 303, lifted.body);
    assert.equal(await isRestricted(deps.db, rita.actor.userId), false);
    await assert.rejects(liftRestriction(deps, admin, rita.actor.userId, { reason: 'twice' }, SYSTEM_ORIGIN), { code: 'not_restricted' });
    const events = await deps.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', rita.actor.userId)
      .where('action', 'in', ['privacy.restriction_started', 'privacy.restriction_lifted'])
      .orderBy('id')
      .execute();
    assert.deepEqual(events, [
      { action: 'privacy.restriction_started', actor_id: admin.userId },
      { action: 'privacy.restriction_lifted', actor_id: await officerId() },
    ]);
    // Lifted: processing works again.
    await bindPolicy(deps, rita.actor, applicationId, { inceptionDate: '2026-12-01' }, SYSTEM_ORIGIN);
  });

  test('PRV-RIGHT-4: no renewal offer is made for a restricted holder; the run lists the failure', async () => {
    const rene = await t.customer('Rene Renewal');
    const deps = t.bezel.deps;
    const admin = await officer();
    const policy = await t.boundPolicy(rene);
    await restrictProcessing(deps, admin, rene.actor.userId, { reason: 'Objects to the use of his data' }, SYSTEM_ORIGIN);
    const start = t.bezel.clock.now();
    try {
      // 40 days before the anniversary (2027-12-01): inside the 45-day offer lead.
      t.bezel.clock.set('2027-10-22T12:00:00Z');
      const started = await startRenewalRun(deps, systemActor('test'), { trigger: 'manual', enqueue: false }, SYSTEM_ORIGIN);
      await runRenewal(deps, systemActor('test'), started.run.id);
    } finally {
      t.bezel.clock.set(start);
    }
    const offers = await deps.db.selectFrom('renewal_offer').select('id').where('policy_id', '=', policy.policyId).execute();
    assert.equal(offers.length, 0);
    const failure = await deps.db.selectFrom('renewal_failure').select('problems').where('policy_id', '=', policy.policyId).executeTakeFirstOrThrow();
    assert.deepEqual(failure.problems, [{ code: 'processing_restricted' }]);
  });

  test('PRV-RIGHT-9: the premium quoted for the same application is identical before and after the person exercised access, restriction (lifted) and objection', async () => {
    const nina = await t.customer('Nina Nondiscrimination');
    const deps = t.bezel.deps;
    const admin = await officer();
    const before = await t.quote(nina);
    // Access: a data package.
    await requestOwnAccessPackage(deps, nina.actor, 'access', SYSTEM_ORIGIN);
    await t.bezel.runJobs();
    // Restriction, then lifted.
    await restrictProcessing(deps, admin, nina.actor.userId, { reason: 'Contests accuracy' }, SYSTEM_ORIGIN);
    await liftRestriction(deps, admin, nina.actor.userId, { reason: 'Resolved' }, SYSTEM_ORIGIN);
    // Objection to direct marketing (PRV-RIGHT-5), through the consent module.
    await objectToMarketing(deps, nina.actor, 'portal', SYSTEM_ORIGIN);
    const after = await t.quote(nina);
    // Same application, same premium: 5000/100 × 1.10 × 1.05 (NY) × 0.92 ($250 deductible) = 53.13.
    assert.equal(before.premium, '53.13');
    assert.equal(after.premium, before.premium);
    const [first, second] = await Promise.all(
      [before.applicationId, after.applicationId].map((id) =>
        deps.db.selectFrom('application').select(['worksheet', 'status']).where('id', '=', id).executeTakeFirstOrThrow(),
      ),
    );
    assert.deepEqual(second?.worksheet, first?.worksheet, 'the whole rating worksheet is the same');
    assert.equal(second?.status, first?.status, 'the same underwriting outcome');
  });
});
