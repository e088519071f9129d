import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { todayIn } from '../domain/claim-deadlines.ts';
import { checkDutyRecord, DUTY_RECORD_CLAUSES, type DutyRecordInput } from '../domain/duty-requests.ts';
import { dutyErrors } from '../duty-errors.ts';
import { type DutyRecord, insertDutyRecord } from '../duty-repository.ts';
import { claimForDuties } from './duty-support.ts';

/**
 * JPF-DUTY-6 / JPF-DUTY-7: the adjuster records on the claim a cooperation issue (the insured did not do an act the
 * policy requires) or an offer to abandon the property to the insurer with the insurer's decision: refused unless
 * the insurer consents, and then only in writing (the consent letter's reference). One transaction with its audit
 * event; a record that does not hold together (a consent without the written consent, a date after today) writes
 * nothing.
 */
export async function recordDuty(deps: Deps, actor: Actor, claimId: string, input: DutyRecordInput, origin: RequestOrigin): Promise<DutyRecord> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimForDuties(trx, actor, claimId);
    const checked = checkDutyRecord(input, Temporal.PlainDate.from(claim.lossDate), todayIn(claim.timeZone, deps.clock.now()));
    if (!checked.ok) throw dutyErrors.recordInvalid(checked.problems);
    const record: DutyRecord = {
      id: newId(),
      claimId: claim.id,
      kind: input.kind,
      clause: DUTY_RECORD_CLAUSES[input.kind],
      occurredOn: input.occurredOn,
      description: input.description.trim(),
      decision: checked.value.decision,
      consentReference: checked.value.consentReference,
      recordedBy: actor.userId,
      recordedAt: nowText(deps.clock),
    };
    await insertDutyRecord(trx, record);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.duty_recorded',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          recordId: record.id,
          kind: record.kind,
          clause: record.clause,
          occurredOn: record.occurredOn,
          decision: record.decision,
          consentReference: record.consentReference,
        },
        personalDetails: { description: record.description },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return record;
  });
}
