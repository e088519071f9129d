import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { systemActor } from '../../../../platform/auth/actor.ts';
import { tableDeclaration } from '../../data-map/index.ts';
import type { ColumnDeclaration } from '../../domain/data-map-types.ts';
import { retentionEndsAt } from '../../domain/retention.ts';
import { retentionRule } from '../../domain/retention-rules.ts';
import { runRetentionPurge } from '../../retention/use-cases/run-retention-purge.ts';
import { AUDIO, recordingBody, useProtectionTest } from '../protection-test-support.ts';

/** PRV-REC-1 and PRV-RET-1: call recordings through the API on a real database. */
const t = useProtectionTest();

describe('PRV-REC-1: call recordings', () => {
  test('PRV-REC-1: a privacy officer registers a recording for training or to verify an agreement; customers and auditors cannot', async () => {
    const forbidden = await t.call('customer', 'POST', '/api/v1/privacy/call-recordings', recordingBody());
    assert.equal(forbidden.statusCode, 403);
    assert.equal((await t.call('auditor', 'POST', '/api/v1/privacy/call-recordings', recordingBody())).statusCode, 403);
    const customer = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'customer@demo.bezel.test').executeTakeFirstOrThrow();
    const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ callerUserId: customer.id }));
    assert.equal(reply.statusCode, 201, reply.body);
    const recording = reply.json();
    assert.equal(recording.purpose, 'verify_agreement');
    assert.equal(recording.callerUserId, customer.id);
    const other = await t.call('admin', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ purpose: 'training', callerPhone: '+1 (212) 555-0100' }));
    assert.equal(other.statusCode, 201, other.body);
    const unknownPurpose = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ purpose: 'marketing' }));
    assert.equal(unknownPurpose.statusCode, 400, 'only training and verify_agreement are purposes for recording');
    const notAudio = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ recording: 'not base64!' }));
    assert.equal(notAudio.statusCode, 422);
    assert.equal(notAudio.json().code, 'recording_invalid');
    assert.equal(
      await t.bezel.deps.db
        .selectFrom('call_recording')
        .select('id')
        .execute()
        .then((rows) => rows.length),
      2,
      'refused requests wrote nothing',
    );

    // Found by the caller's number however it is written (blind index), and the audio plays back; both audited.
    const byPhone = await t.call('privacy_officer', 'GET', `/api/v1/privacy/call-recordings?callerPhone=${encodeURIComponent('+31612345678')}`);
    assert.equal(byPhone.statusCode, 200, byPhone.body);
    assert.deepEqual(
      byPhone.json().items.map((item: { id: string; callerPhone: string }) => [item.id, item.callerPhone]),
      [[recording.id, '+31 6 1234 5678']],
    );
    const byUser = await t.call('auditor', 'GET', `/api/v1/privacy/call-recordings?callerUserId=${customer.id}`);
    assert.equal(byUser.json().items.length, 1);
    const none = await t.call('privacy_officer', 'GET', `/api/v1/privacy/call-recordings?callerPhone=${encodeURIComponent('+31612345679')}`);
    assert.equal(none.json().items.length, 0);
    const audio = await t.call('privacy_officer', 'GET', `/api/v1/privacy/call-recordings/${recording.id}/audio`);
    assert.equal(audio.statusCode, 200);
    assert.equal(audio.headers['content-type'], 'audio/mpeg');
    assert.deepEqual(audio.rawPayload, AUDIO);
    assert.equal((await t.call('customer', 'GET', `/api/v1/privacy/call-recordings/${recording.id}/audio`)).statusCode, 403);
    const events = await t.bezel.deps.db.selectFrom('audit_event').select('action').where('action', 'like', 'call_recording.%').execute();
    assert.deepEqual(events.map((event) => event.action).sort(), [
      'call_recording.listed',
      'call_recording.listed',
      'call_recording.listed',
      'call_recording.played',
      'call_recording.registered',
      'call_recording.registered',
    ]);
  });

  test('PRV-RET-1: a recording is kept until recorded_at + 180 days under the map’s rule call_recording_180_days', async () => {
    const declaration = tableDeclaration('call_recording');
    assert.ok(declaration);
    for (const column of ['recording', 'caller_phone', 'caller_phone_index', 'recorded_at', 'caller_user_id']) {
      const entry: ColumnDeclaration | undefined = declaration.columns[column];
      assert.ok(entry?.personal, column);
      assert.equal(entry.retention, 'call_recording_180_days', column);
      assert.deepEqual(entry.erasure, { action: 'delete' }, column);
    }
    const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ recordedAt: '2026-06-01T09:00:00Z' }));
    assert.equal(reply.statusCode, 201, reply.body);
    // 2026-06-01 05:00 in New York + 180 days = 2026-11-28 05:00 EST (the clock change on 1 Nov keeps the wall time) = 10:00Z.
    assert.equal(reply.json().retentionEndsAt, '2026-11-28T10:00:00Z');
    const stored = await t.bezel.deps.db.selectFrom('call_recording').select('recorded_at').where('id', '=', reply.json().id).executeTakeFirstOrThrow();
    const end = retentionEndsAt(retentionRule('call_recording_180_days'), Temporal.Instant.from(stored.recorded_at), t.bezel.config.insurerTimeZone);
    assert.equal(end?.toString(), '2026-11-28T10:00:00Z');
    // A recording already past its 180 days is not taken in (2026-05-24 + 180 days = 2026-11-20, before today 2026-11-21).
    const tooOld = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ recordedAt: '2026-05-24T09:00:00Z' }));
    assert.equal(tooOld.statusCode, 422);
    assert.equal(tooOld.json().code, 'recording_past_retention');
    const future = await t.call('privacy_officer', 'POST', '/api/v1/privacy/call-recordings', recordingBody({ recordedAt: '2026-11-22T09:00:00Z' }));
    assert.equal(future.json().code, 'recorded_in_future');

    // The map's purge job deletes it on its last instant, not a second before (the clock is moved, then put back).
    const id = reply.json().id;
    const present = async () => (await t.bezel.deps.db.selectFrom('call_recording').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    const today = t.bezel.clock.now().toString();
    try {
      t.bezel.clock.set('2026-11-28T09:59:59Z');
      await runRetentionPurge(t.bezel.deps, systemActor('test'));
      assert.equal(await present(), true, 'kept until recorded_at + 180 days');
      t.bezel.clock.set('2026-11-28T10:00:00Z');
      await runRetentionPurge(t.bezel.deps, systemActor('test'));
      assert.equal(await present(), false, 'purged at recorded_at + 180 days');
    } finally {
      t.bezel.clock.set(today);
    }
  });
});
