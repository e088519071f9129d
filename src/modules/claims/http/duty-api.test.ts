import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { nowText } from '../../../platform/clock.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { deadlineEntry, firstNoticeDeadlines } from '../domain/claim-deadlines.ts';
import { useClaimApiTest } from './claim-api-test-support.ts';

/**
 * Duties and deadlines over HTTP (issue #4): duty requests, the insured's answer, fulfilment, duty records, the
 * claim's diary and the adjuster's diary. Carla's ring policy; the loss on 10 Jan 2027, today 15 Jan 2027 in New York.
 */
const t = useClaimApiTest();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
let policyId: string;
let claimId: string;

async function dutyRequestCount(id: string): Promise<number> {
  const rows = await t.bezel.deps.db.selectFrom('claim_duty_request').select('id').where('claim_id', '=', id).execute();
  return rows.length;
}

async function diaryOf(id: string) {
  return t.bezel.deps.db.selectFrom('claim_diary_entry').selectAll().where('claim_id', '=', id).orderBy('due_on').execute();
}

async function uploadDocument(as: 'customer' | 'customer3'): Promise<string> {
  const reply = await t.upload(as, 'claim_document', PDF, 'application/pdf');
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json().id as string;
}

// Root-level hooks of node:test do not wait for usePolicyApiTest's set-up when the tests are in suites: one suite holds all.
describe('duties and deadlines', () => {
  before(async () => {
    policyId = (await t.boundPolicy()).id;
    t.moveClockTo('2027-01-15T15:00:00Z'); // 10:00 in New York
    claimId = (await t.seedClaim(policyId, { lossDate: '2027-01-10' })).id;
  });

  describe('JPF-DUTY-5 / JPF-DUTY-2: duty requests', () => {
    test('JPF-DUTY-5: the adjuster asks for records by a date; the diary gets the insured’s deadline and the holder is mailed', async () => {
      const reply = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
        kind: 'produce_records',
        dueOn: '2027-02-01',
        details: 'The purchase receipt and the last appraisal of the ring',
      });
      assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
      const request = reply.json();
      assert.deepEqual([request.kind, request.clause, request.status, request.dueOn], ['produce_records', 'JPF-DUTY-5', 'open', '2027-02-01']);
      const entry = (await diaryOf(claimId)).find((row) => row.reference_id === request.id);
      assert.deepEqual(
        [entry?.kind, entry?.party, entry?.clause, entry?.due_on, entry?.status],
        ['document_request_due', 'insured', 'JPF-DUTY-5', '2027-02-01', 'open'],
      );
      const mail = await t.bezel.deps.db
        .selectFrom('job')
        .select('payload')
        .where('kind', '=', 'mail.send')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const payload = mail.payload as { template: string; to: string; params: Record<string, string> };
      assert.equal(payload.template, 'claim_duty_requested');
      assert.equal(payload.to, 'customer@demo.bezel.test');
      assert.match(payload.params.duty ?? '', /Records and documents we asked for: The purchase receipt/);
      assert.equal(payload.params.due, 'by February 1, 2027 (in 17 days)'); // 15 Jan + 17 = 1 Feb
    });

    test('JPF-DUTY-5: the policyholder sees what is asked of them; another customer gets 404', async () => {
      const mine = await t.call('customer', 'GET', `/api/v1/claims/${claimId}/duties`);
      assert.equal(mine.statusCode, 200, JSON.stringify(mine.json()));
      assert.equal(mine.json().today, '2027-01-15');
      assert.ok(mine.json().requests.some((request: { kind: string }) => request.kind === 'produce_records'));
      const entry = mine.json().diary.find((row: { kind: string }) => row.kind === 'document_request_due');
      assert.equal(entry.state, 'upcoming');
      const other = await t.call('customer3', 'GET', `/api/v1/claims/${claimId}/duties`);
      assert.equal(other.statusCode, 404);
      const staff = await t.call('auditor', 'GET', `/api/v1/claims/${claimId}/duties`);
      assert.equal(staff.statusCode, 200);
    });

    test('JPF-DUTY-5: an examination under oath without its place, or a due date in the past, is refused and writes nothing', async () => {
      const before = await dutyRequestCount(claimId);
      const noPlace = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
        kind: 'examination_under_oath',
        dueOn: '2027-02-03',
        examinationOn: '2027-02-03',
      });
      assert.equal(noPlace.statusCode, 422);
      assert.equal(noPlace.json().code, 'duty_request_invalid');
      assert.deepEqual(
        noPlace.json().errors.map((error: { field: string }) => error.field),
        ['body.place'],
      );
      const past = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, { kind: 'exhibit_property', dueOn: '2027-01-14' });
      assert.equal(past.statusCode, 422);
      assert.equal(past.json().errors[0].code, 'due_before_today');
      assert.equal(await dutyRequestCount(claimId), before);
    });

    test('only claims handlers ask: a customer gets 403, another customer’s claim is 404 even for a valid body', async () => {
      const body = { kind: 'exhibit_property', dueOn: '2027-02-01' };
      assert.equal((await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests`, body)).statusCode, 403);
      assert.equal((await t.call('auditor', 'POST', `/api/v1/claims/${claimId}/duty-requests`, body)).statusCode, 403);
      assert.equal((await t.call('adjuster', 'POST', '/api/v1/claims/00000000-0000-4000-8000-000000000000/duty-requests', body)).statusCode, 404);
    });

    test('JPF-DUTY-5: the holder answers a records request with an uploaded document; the diary entry closes, the adjuster records the fulfilment', async () => {
      const asked = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
        kind: 'produce_records',
        dueOn: '2027-02-05',
        details: 'Bank statement',
      });
      const requestId = asked.json().id as string;
      // A records request needs at least one document.
      const empty = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { note: 'Sent by post' });
      assert.equal(empty.statusCode, 422);
      assert.equal(empty.json().code, 'answer_needs_files');
      // Another customer's file is not theirs to attach; nothing changes.
      const foreign = await uploadDocument('customer3');
      const refused = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { fileIds: [foreign] });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().code, 'attachment_invalid');
      // Another customer cannot answer it at all.
      const fileId = await uploadDocument('customer');
      assert.equal((await t.call('customer3', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { fileIds: [foreign] })).statusCode, 404);

      const answered = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, {
        fileIds: [fileId],
        note: 'Here it is',
      });
      assert.equal(answered.statusCode, 200, JSON.stringify(answered.json()));
      assert.deepEqual([answered.json().status, answered.json().fileIds], ['answered', [fileId]]);
      const entry = (await diaryOf(claimId)).find((row) => row.reference_id === requestId);
      assert.equal(entry?.status, 'done');
      const file = await t.bezel.deps.db.selectFrom('stored_file').select(['linked_type', 'linked_id']).where('id', '=', fileId).executeTakeFirstOrThrow();
      assert.deepEqual(file, { linked_type: 'claim', linked_id: claimId });
      const again = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { note: 'again' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'duty_request_answered');

      const early = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/fulfil`, { fulfilledOn: '2027-01-14' });
      assert.equal(early.statusCode, 422);
      assert.equal(early.json().errors[0].code, 'fulfilled_before_request');
      const fulfilled = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/fulfil`, {
        fulfilledOn: '2027-01-15',
        note: 'Statement received',
      });
      assert.equal(fulfilled.statusCode, 200, JSON.stringify(fulfilled.json()));
      assert.deepEqual([fulfilled.json().status, fulfilled.json().fulfilledOn], ['fulfilled', '2027-01-15']);
      const twice = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/fulfil`, { fulfilledOn: '2027-01-15' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().code, 'duty_request_closed');
    });

    test('JPF-DUTY-2: the holder confirms the loss in writing with a note; the deadline closes', async () => {
      const asked = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, { kind: 'written_confirmation', dueOn: '2027-01-25' });
      assert.equal(asked.json().clause, 'JPF-DUTY-2');
      const requestId = asked.json().id as string;
      const nothing = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, {});
      assert.equal(nothing.statusCode, 422);
      assert.equal(nothing.json().code, 'answer_empty');
      const answered = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, {
        note: 'I confirm that my ring was lost on 10 January 2027 on Fifth Avenue.',
      });
      assert.equal(answered.statusCode, 200);
      const entry = (await diaryOf(claimId)).find((row) => row.reference_id === requestId);
      assert.deepEqual([entry?.kind, entry?.clause, entry?.status], ['written_confirmation_due', 'JPF-DUTY-2', 'done']);
    });

    test('JPF-DUTY-5: an examination under oath is attended, not answered; the adjuster records it and its diary entry closes', async () => {
      const asked = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
        kind: 'examination_under_oath',
        dueOn: '2027-01-20',
        examinationOn: '2027-01-20',
        examinationTime: '10:30',
        place: 'Bezel claims office, 5th Avenue',
      });
      assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
      const requestId = asked.json().id as string;
      const answer = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { note: 'I will come' });
      assert.equal(answer.statusCode, 409);
      assert.equal(answer.json().code, 'duty_request_not_answerable');
      const entry = (await diaryOf(claimId)).find((row) => row.reference_id === requestId);
      assert.deepEqual([entry?.kind, entry?.due_on, entry?.status], ['examination_under_oath', '2027-01-20', 'open']);
      const future = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/fulfil`, { fulfilledOn: '2027-01-20' });
      assert.equal(future.statusCode, 422);
      assert.equal(future.json().errors[0].code, 'fulfilled_in_future');
      t.moveClockTo('2027-01-20T20:00:00Z');
      const held = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/fulfil`, { fulfilledOn: '2027-01-20' });
      assert.equal(held.statusCode, 200);
      assert.equal((await diaryOf(claimId)).find((row) => row.reference_id === requestId)?.status, 'done');
      t.moveClockTo('2027-01-15T15:00:00Z');
    });

    test('a finished (closed) claim takes no duty requests or records: 409 claim_closed', async () => {
      const closed = await t.seedClaim(policyId, { lossDate: '2027-01-05', status: 'closed' });
      const reply = await t.call('adjuster', 'POST', `/api/v1/claims/${closed.id}/duty-requests`, { kind: 'exhibit_property', dueOn: '2027-02-01' });
      assert.equal(reply.statusCode, 409);
      assert.equal(reply.json().code, 'claim_closed');
      const record = await t.call('adjuster', 'POST', `/api/v1/claims/${closed.id}/duty-records`, {
        kind: 'cooperation_issue',
        occurredOn: '2027-01-12',
        description: 'x',
      });
      assert.equal(record.statusCode, 409);
    });
  });

  describe('JPF-DUTY-6 / JPF-DUTY-7: duty records', () => {
    test('JPF-DUTY-6: a cooperation issue is recorded on the claim', async () => {
      const reply = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-records`, {
        kind: 'cooperation_issue',
        occurredOn: '2027-01-14',
        description: 'Did not return three calls about the appraisal',
      });
      assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
      assert.deepEqual([reply.json().clause, reply.json().decision], ['JPF-DUTY-6', null]);
    });

    test('JPF-DUTY-7: an abandonment offer is refused by default; consent only with the written consent’s reference', async () => {
      const offer = { kind: 'abandonment_offer', occurredOn: '2027-01-13', description: 'Offered us the broken ring' };
      const refused = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-records`, offer);
      assert.equal(refused.statusCode, 201);
      assert.deepEqual([refused.json().clause, refused.json().decision, refused.json().consentReference], ['JPF-DUTY-7', 'refused', null]);
      const unwritten = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-records`, { ...offer, decision: 'consented' });
      assert.equal(unwritten.statusCode, 422);
      assert.equal(unwritten.json().errors[0].code, 'consent_reference_missing');
      const written = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-records`, {
        ...offer,
        decision: 'consented',
        consentReference: 'LTR-2027-7',
      });
      assert.deepEqual([written.statusCode, written.json().decision, written.json().consentReference], [201, 'consented', 'LTR-2027-7']);
      const listed = await t.call('customer', 'GET', `/api/v1/claims/${claimId}/duties`);
      assert.equal(listed.json().records.filter((record: { kind: string }) => record.kind === 'abandonment_offer').length, 2);
    });
  });

  describe('the adjuster’s diary', () => {
    let diaryClaim: string;
    before(async () => {
      diaryClaim = (await t.seedClaim(policyId, { lossDate: '2026-12-20' })).id;
      const adjuster = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'adjuster@demo.bezel.test').executeTakeFirstOrThrow();
      await t.bezel.deps.db.updateTable('claim').set({ adjuster_user_id: adjuster.id }).where('id', '=', diaryClaim).execute();
      const now = nowText(t.bezel.clock);
      // JPF-DUTY-4: loss 20 Dec 2026 → proof of loss due 20 Mar 2027; JPF-SUIT-1: 20 Dec 2027; JPF-SETTLE-9 settlement due 14 Jan 2027 (overdue today).
      await addDiaryEntries(
        t.bezel.deps.db,
        [...firstNoticeDeadlines(diaryClaim, '2026-12-20'), deadlineEntry(diaryClaim, 'settlement_due', '2027-01-14')],
        now,
      );
    });

    test('JPF-SETTLE-9: an open settlement deadline before today is overdue; the overdue filter finds it', async () => {
      const reply = await t.call('adjuster', 'GET', '/api/v1/claims/diary?overdue=true');
      assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
      const mine = reply.json().items.filter((row: { claimId: string }) => row.claimId === diaryClaim);
      assert.deepEqual(
        mine.map((row: { kind: string; state: string; clause: string }) => [row.kind, row.state, row.clause]),
        [['settlement_due', 'overdue', 'JPF-SETTLE-9']],
      );
      for (const row of reply.json().items) assert.equal(row.state, 'overdue');
    });

    test('mine: only the reader’s claims, sorted by due date, in keyset pages', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/claims/diary?mine=true&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.call('adjuster', 'GET', url);
        assert.equal(page.statusCode, 200);
        assert.ok(page.json().items.length <= 1);
        for (const row of page.json().items) seen.push(`${row.dueOn} ${row.kind}`);
        cursor = page.json().nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ['2027-01-14 settlement_due', '2027-03-20 proof_of_loss_due', '2027-12-20 suit_limitation']);
      const before = await t.call('adjuster', 'GET', '/api/v1/claims/diary?mine=true&dueBefore=2027-03-20');
      assert.deepEqual(
        before.json().items.map((row: { kind: string }) => row.kind),
        ['settlement_due'],
      );
    });

    test('the diary is for claims staff: a customer gets 403; a broken cursor is 400', async () => {
      assert.equal((await t.call('customer', 'GET', '/api/v1/claims/diary')).statusCode, 403);
      assert.equal((await t.call('adjuster', 'GET', '/api/v1/claims/diary?cursor=bm9wZQ')).statusCode, 400);
    });
  });
});
