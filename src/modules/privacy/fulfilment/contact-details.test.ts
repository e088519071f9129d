import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { validateContact } from './domain/contact-details.ts';
import { useFulfilmentTest } from './fulfilment-test-support.ts';
import { closeOwnAccount, decideContactCorrection, listPendingCorrections, requestContactCorrection, updateOwnContact } from './use-cases/contact-details.ts';

const t = useFulfilmentTest();
const csrfCookie = 'c'.repeat(43);

async function officer() {
  const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('admin')).executeTakeFirstOrThrow();
  return { kind: 'user' as const, userId: row.id, roles: ['admin' as const], locale: 'en' as const, via: 'session' as const };
}

describe('contact details, correction and account closure', () => {
  test('PRV-RIGHT-2: contact input is validated field by field (known answers)', () => {
    assert.deepEqual(validateContact({ displayName: ' ', phone: '12', line1: 'Kerkstraat 1' }), {
      ok: false,
      problems: [
        { field: 'displayName', code: 'name_required' },
        { field: 'phone', code: 'phone_invalid' },
        { field: 'city', code: 'address_incomplete' },
        { field: 'postalCode', code: 'address_incomplete' },
        { field: 'country', code: 'address_incomplete' },
      ],
    });
    assert.deepEqual(
      validateContact({ displayName: 'Ada', phone: '+31 20 123 4567', line1: 'Kerkstraat 1', city: 'Amsterdam', postalCode: '1011 AA', country: 'nl' }),
      {
        ok: true,
        value: {
          displayName: 'Ada',
          phone: '+31 20 123 4567',
          postalAddress: { line1: 'Kerkstraat 1', line2: null, city: 'Amsterdam', postalCode: '1011 AA', country: 'NL' },
        },
      },
    );
  });

  test('PRV-RIGHT-2: any name of 1 to 120 visible characters without address is valid, and kept trimmed', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 120 }).filter((name) => name.trim() !== ''),
        (name) => {
          const result = validateContact({ displayName: name });
          return result.ok && result.value.displayName === name.trim() && result.value.postalAddress === null;
        },
      ),
    );
  });

  test('PRV-RIGHT-2, PRV-PORTAL-1: the customer corrects their own contact data in the portal; bad input writes nothing', async () => {
    const cora = await t.customer('Cora Contact');
    const deps = t.bezel.deps;
    await assert.rejects(updateOwnContact(deps, cora.actor, { displayName: 'Cora C', phone: 'call me' }, SYSTEM_ORIGIN), {
      status: 422,
      code: 'contact_invalid',
    });
    let row = await deps.db.selectFrom('app_user').select(['display_name', 'phone']).where('id', '=', cora.actor.userId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { display_name: 'Cora Contact', phone: null });

    // Through the page, as the browser posts it.
    const login = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: cora.email, password: DEMO_PASSWORD } });
    const cookie = `bezel_session=${login.cookies.find((c) => c.name === 'bezel_session')?.value}; bezel_csrf=${csrfCookie}`;
    const csrf = csrfTokenFor(deps.appSecret, csrfCookie);
    const form = new URLSearchParams({
      _csrf: csrf,
      displayName: 'Cora Corrected',
      phone: '+1 212 555 0100',
      line1: '5 Park Ave',
      city: 'New York',
      postalCode: '10016',
      country: 'US',
    });
    const saved = await t.bezel.app.inject({
      method: 'POST',
      url: '/portal/my-data/contact',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    assert.equal(saved.statusCode, 303, saved.body);
    row = await deps.db.selectFrom('app_user').select(['display_name', 'phone']).where('id', '=', cora.actor.userId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { display_name: 'Cora Corrected', phone: '+1 212 555 0100' });
    const bad = await t.bezel.app.inject({
      method: 'POST',
      url: '/portal/my-data/contact',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, displayName: 'X', country: 'Netherlands', line1: 'a', city: 'b', postalCode: 'c' }).toString(),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /two-letter code/);
    const event = await deps.db
      .selectFrom('audit_event')
      .select(['details', 'personal_details'])
      .where('action', '=', 'privacy.contact_corrected')
      .where('actor_id', '=', cora.actor.userId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event.details, { by: 'self_service' });
    assert.equal((event.personal_details as { displayName: string }).displayName, 'Cora Corrected');
  });

  test('PRV-RIGHT-2: staff review a requested correction and apply it, or reject it with a reason; both audited', async () => {
    const carl = await t.customer('Carl Correction');
    const deps = t.bezel.deps;
    const admin = await officer();
    const first = await requestContactCorrection(deps, carl.actor, { displayName: 'Carl Korrektur', note: 'My name is spelled with a K' }, SYSTEM_ORIGIN);
    const second = await requestContactCorrection(deps, carl.actor, { displayName: 'Wrong Name' }, SYSTEM_ORIGIN);
    await assert.rejects(listPendingCorrections(deps, carl.actor), { code: 'forbidden' });
    const queue = await listPendingCorrections(deps, admin);
    assert.deepEqual(
      queue
        .filter((entry) => entry.userId === carl.actor.userId)
        .map((entry) => entry.id)
        .sort(),
      [first.id, second.id].sort(),
    );
    await decideContactCorrection(deps, admin, first.id, { apply: true }, SYSTEM_ORIGIN);
    await assert.rejects(decideContactCorrection(deps, admin, second.id, { apply: false, reason: ' ' }, SYSTEM_ORIGIN), { code: 'reason_required' });
    await decideContactCorrection(deps, admin, second.id, { apply: false, reason: 'Not supported by any document' }, SYSTEM_ORIGIN);
    await assert.rejects(decideContactCorrection(deps, admin, first.id, { apply: true }, SYSTEM_ORIGIN), { code: 'correction_already_decided' });
    const user = await deps.db.selectFrom('app_user').select('display_name').where('id', '=', carl.actor.userId).executeTakeFirstOrThrow();
    assert.equal(user.display_name, 'Carl Korrektur');
    const rows = await deps.db
      .selectFrom('contact_correction')
      .select(['id', 'status', 'decision_reason'])
      .where('user_id', '=', carl.actor.userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    assert.deepEqual(new Set(rows.map((row) => `${row.status}:${row.decision_reason}`)), new Set(['applied:null', 'rejected:Not supported by any document']));
    const actions = await deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', carl.actor.userId)
      .where('action', 'like', 'privacy.correction_%')
      .execute();
    assert.deepEqual(actions.map((row) => row.action).sort(), [
      'privacy.correction_applied',
      'privacy.correction_rejected',
      'privacy.correction_requested',
      'privacy.correction_requested',
    ]);
  });

  test('PRV-PORTAL-1: closing the account ends the sessions, revokes tokens, refuses login, and is audited', async () => {
    const cleo = await t.customer('Cleo Closing');
    const deps = t.bezel.deps;
    const login = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: cleo.email, password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200);
    const session = login.cookies.find((c) => c.name === 'bezel_session')?.value;
    await closeOwnAccount(deps, cleo.actor, SYSTEM_ORIGIN);
    await assert.rejects(closeOwnAccount(deps, cleo.actor, SYSTEM_ORIGIN), { code: 'account_closed' });
    const me = await t.bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bezel_session=${session}` } });
    assert.equal(me.statusCode, 401, `the old session no longer works: ${me.body}`);
    const again = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: cleo.email, password: DEMO_PASSWORD } });
    // Refused (a disabled account answers 403 account_disabled), and no session is made.
    assert.ok([401, 403].includes(again.statusCode), again.body);
    assert.equal(again.cookies.find((c) => c.name === 'bezel_session')?.value ?? '', '');
    const user = await deps.db.selectFrom('app_user').select(['status', 'closed_at']).where('id', '=', cleo.actor.userId).executeTakeFirstOrThrow();
    assert.equal(user.status, 'disabled');
    assert.notEqual(user.closed_at, null);
    const event = await deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'privacy.account_closed')
      .where('subject_id', '=', cleo.actor.userId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event.details, { sessionsEnded: 1, tokensRevoked: 0 });
  });
});
