import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { retentionEndsAt } from '../../domain/retention.ts';
import { retentionRule } from '../../domain/retention-rules.ts';
import { CALL_RECORDING_AUDIO, CALL_RECORDING_PHONE, phoneDigits } from '../domain/encrypted-columns.ts';
import { protectionErrors } from '../errors.ts';
import { type CallRecordingRow, findCallRecording, findCallRecordings, insertCallRecording, userExists } from '../protection-repository.ts';
import { actorLabel, cipherOf } from './common.ts';

/**
 * PRV-REC-1: calls may be recorded for training and to verify agreements. Staff (privacy officers,
 * admins) register a recording; the audio and the caller's number are stored encrypted (PRV-SEC-1),
 * the number also as a blind index so a caller's recordings can be found for an access request. The
 * data map gives call_recording the retention rule 'call_recording_180_days' (PRV-RET-1), which the
 * purge job applies; a recording already past its 180 days is not taken in at all.
 */
export const CALL_RECORDING_RETENTION = 'call_recording_180_days';
export const MAX_RECORDING_BYTES = 5 * 1024 * 1024;

export type CallRecordingInput = {
  callerUserId?: string | null | undefined;
  callerPhone: string;
  staffUserId?: string | null | undefined;
  purpose: 'training' | 'verify_agreement';
  recordedAt: string;
  durationSeconds: number;
  mediaType: 'audio/mpeg' | 'audio/wav' | 'audio/ogg' | 'audio/webm';
  /** The audio, base64. */
  recording: string;
};

export type CallRecording = {
  id: string;
  callerUserId: string | null;
  callerPhone: string;
  staffUserId: string | null;
  purpose: 'training' | 'verify_agreement';
  recordedAt: string;
  durationSeconds: number;
  mediaType: string;
  /** PRV-RET-1: when the purge job deletes it (recorded_at + 180 days). */
  retentionEndsAt: string;
};

export function callRecordingRetentionEnd(recordedAt: string, timeZone: string): string {
  const end = retentionEndsAt(retentionRule(CALL_RECORDING_RETENTION), Temporal.Instant.from(recordedAt), timeZone);
  if (end === null) throw new Error('call recordings have a retention period');
  return end.toString();
}

export async function registerCallRecording(deps: Deps, actor: Actor, input: CallRecordingInput, origin: RequestOrigin): Promise<CallRecording> {
  requirePermission(actor, 'privacy:manage');
  const audio = /^[A-Za-z0-9+/]+={0,2}$/.test(input.recording) ? Buffer.from(input.recording, 'base64') : Buffer.alloc(0);
  if (audio.length === 0 || audio.length > MAX_RECORDING_BYTES) throw protectionErrors.recordingInvalid();
  const recordedAt = Temporal.Instant.from(input.recordedAt);
  const now = deps.clock.now();
  if (Temporal.Instant.compare(recordedAt, now) > 0) throw protectionErrors.recordedInFuture();
  const retentionEnd = callRecordingRetentionEnd(recordedAt.toString(), deps.config.insurerTimeZone);
  if (Temporal.Instant.compare(Temporal.Instant.from(retentionEnd), now) <= 0) throw protectionErrors.recordingPastRetention();
  const cipher = cipherOf(deps);
  return inTransaction(deps.db, async (trx) => {
    if (input.callerUserId && !(await userExists(trx, input.callerUserId))) throw protectionErrors.userNotFound('body.callerUserId');
    if (input.staffUserId && !(await userExists(trx, input.staffUserId))) throw protectionErrors.userNotFound('body.staffUserId');
    const id = newId();
    const phone = input.callerPhone.trim();
    await insertCallRecording(trx, {
      id,
      caller_user_id: input.callerUserId ?? null,
      caller_phone: await cipher.encrypt(trx, CALL_RECORDING_PHONE, phone),
      caller_phone_index: cipher.blindIndex(CALL_RECORDING_PHONE, phoneDigits(phone)),
      staff_user_id: input.staffUserId ?? null,
      purpose: input.purpose,
      recorded_at: recordedAt.toString(),
      duration_seconds: input.durationSeconds,
      media_type: input.mediaType,
      recording: await cipher.encrypt(trx, CALL_RECORDING_AUDIO, audio),
      registered_by: actorLabel(actor),
      created_at: nowText(deps.clock),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'call_recording.registered',
        subject: { type: 'call_recording', id },
        details: { purpose: input.purpose, recordedAt: recordedAt.toString(), durationSeconds: input.durationSeconds, retentionEndsAt: retentionEnd },
        personalDetails: { callerUserId: input.callerUserId ?? null },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return {
      id,
      callerUserId: input.callerUserId ?? null,
      callerPhone: phone,
      staffUserId: input.staffUserId ?? null,
      purpose: input.purpose,
      recordedAt: recordedAt.toString(),
      durationSeconds: input.durationSeconds,
      mediaType: input.mediaType,
      retentionEndsAt: retentionEnd,
    };
  });
}

/** A caller's recordings, found by phone number (blind index) or user; each listing is audited (PRV-DISC-2). */
export async function listCallRecordings(
  deps: Deps,
  actor: Actor,
  filter: { callerPhone?: string | undefined; callerUserId?: string | undefined },
  origin: RequestOrigin,
): Promise<CallRecording[]> {
  requirePermission(actor, 'privacy:read');
  const cipher = cipherOf(deps);
  return inTransaction(deps.db, async (trx) => {
    const rows = await findCallRecordings(trx, {
      ...(filter.callerPhone !== undefined && { phoneIndexes: cipher.blindIndexCandidates(CALL_RECORDING_PHONE, phoneDigits(filter.callerPhone)) }),
      ...(filter.callerUserId !== undefined && { callerUserId: filter.callerUserId }),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'call_recording.listed',
        subject: { type: 'call_recording' },
        details: { found: rows.length, byPhone: filter.callerPhone !== undefined, byUser: filter.callerUserId !== undefined },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return Promise.all(rows.map(async (row) => toCallRecording(row, await cipher.decryptText(trx, CALL_RECORDING_PHONE, row.caller_phone), deps)));
  });
}

/** The decrypted audio of one recording, for a privacy officer; every play is audited. */
export async function readCallRecordingAudio(deps: Deps, actor: Actor, id: string, origin: RequestOrigin): Promise<{ mediaType: string; audio: Buffer }> {
  requirePermission(actor, 'privacy:manage');
  const cipher = cipherOf(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await findCallRecording(trx, id);
    if (!row) throw problems.notFound();
    const audio = await cipher.decrypt(trx, CALL_RECORDING_AUDIO, row.recording);
    await recordAuditEvent(
      trx,
      { actor, action: 'call_recording.played', subject: { type: 'call_recording', id }, details: { purpose: row.purpose }, requestId: origin.requestId },
      deps.clock,
    );
    return { mediaType: row.media_type, audio };
  });
}

function toCallRecording(row: CallRecordingRow, callerPhone: string, deps: Deps): CallRecording {
  return {
    id: row.id,
    callerUserId: row.caller_user_id,
    callerPhone,
    staffUserId: row.staff_user_id,
    purpose: row.purpose,
    recordedAt: row.recorded_at,
    durationSeconds: row.duration_seconds,
    mediaType: row.media_type,
    retentionEndsAt: callRecordingRetentionEnd(row.recorded_at, deps.config.insurerTimeZone),
  };
}
