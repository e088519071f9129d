import { Temporal } from 'temporal-polyfill';
import { recordAuditEvents } from '../../../../platform/audit/index.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import type { CheckedBirthDate } from '../domain/child-intake.ts';
import { INSURED_DATE_OF_BIRTH } from '../domain/encrypted-columns.ts';
import { insertBirthDates, insertGuardianConsents } from '../protection-repository.ts';
import { actorLabel, cipherOf } from './common.ts';

/**
 * PRV-CHILD-1 and PRV-SEC-1, inside the application's own transaction (called by the policies module
 * after checkChildIntake passed): each date of birth is stored encrypted, and each minor's guardian
 * consent is recorded with the application, so the application exists only together with its consents.
 */
export async function recordChildIntake(
  deps: Deps,
  trx: Trx,
  actor: Actor,
  input: { applicationId: string; applicantUserId: string; checked: readonly CheckedBirthDate[]; requestId: string | null },
): Promise<void> {
  if (input.checked.length === 0) return;
  const cipher = cipherOf(deps);
  const at = nowText(deps.clock);
  const birthDates = await Promise.all(
    input.checked.map(async (entry) => ({
      id: newId(),
      application_id: input.applicationId,
      insured_no: entry.insuredNo,
      subject_user_id: input.applicantUserId,
      date_of_birth: await cipher.encrypt(trx, INSURED_DATE_OF_BIRTH, entry.dateOfBirth.toString()),
      created_at: at,
    })),
  );
  const consents = input.checked.flatMap((entry) =>
    entry.guardianConsent === null
      ? []
      : [
          {
            id: newId(),
            application_id: input.applicationId,
            insured_no: entry.insuredNo,
            subject_user_id: input.applicantUserId,
            guardian_name: entry.guardianConsent.guardianName.trim(),
            relation: entry.guardianConsent.relation,
            method: entry.guardianConsent.method,
            consented_at: Temporal.Instant.from(entry.guardianConsent.consentedAt).toString(),
            recorded_by: actorLabel(actor),
            created_at: at,
          },
        ],
  );
  await insertBirthDates(trx, birthDates);
  await insertGuardianConsents(trx, consents);
  await recordAuditEvents(
    trx,
    [
      {
        actor,
        action: 'insured_birth_date.recorded',
        subject: { type: 'application', id: input.applicationId },
        details: { insuredNos: birthDates.map((row) => row.insured_no), minors: consents.length, encrypted: true },
        requestId: input.requestId,
      },
      ...consents.map((consent) => ({
        actor,
        action: 'guardian_consent.recorded',
        subject: { type: 'guardian_consent', id: consent.id },
        details: {
          applicationId: input.applicationId,
          insuredNo: consent.insured_no,
          relation: consent.relation,
          method: consent.method,
          consentedAt: consent.consented_at,
        },
        // The guardian's name is personal data: outside the hashed part, so erasure can remove it.
        personalDetails: { guardianName: consent.guardian_name },
        requestId: input.requestId,
      })),
    ],
    deps.clock,
  );
}
