import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { nowText } from '../../../platform/clock.ts';
import type { ClaimStatus, LossKind } from '../../../platform/db/schema-claims.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import { type PolicyApiTest, usePolicyApiTest } from '../../policies/http/policy-api-test-support.ts';
import { type ClaimItem, insertClaim, nextClaimNumber, updateClaimStatus } from '../claims-repository.ts';
import { seedCoverageDecision } from './coverage-test-support.ts';

export { type Json, type Reply, ring, type Who } from '../../policies/http/policy-api-test-support.ts';

/**
 * Shared set-up of the claims tests: everything usePolicyApiTest gives (a Bezel with one demo user per role,
 * `call(as, …)` as any of them, the demo product, `boundPolicy()` — Carla's $5,000 ring, item 1, $250
 * deductible, in force 2026-12-01..2027-11-30 in New York), plus `seedClaim` which writes a claim straight
 * into the database, for tests of what happens after the first notice of loss.
 *
 * The clock starts at 2026-11-21, before the policy's first day: move it (moveClockTo) into the period before
 * reporting a loss, e.g. to 2027-01-15T15:00:00Z.
 */
export type ClaimApiTest = PolicyApiTest & {
  seedClaim(policyId: string, options?: SeedClaimOptions): Promise<{ id: string; claimNumber: string }>;
};

export type SeedClaimOptions = {
  lossKind?: LossKind;
  /** Default '2027-01-10'. */
  lossDate?: string;
  /** Scheduled item numbers claimed (default [1]); each is copied with its coverage amount from the schedule. */
  itemNos?: number[];
  status?: ClaimStatus;
  policeReportReference?: string | null;
  narrative?: string;
};

export function useClaimApiTest(): ClaimApiTest {
  const policyTest = usePolicyApiTest();

  async function seedClaim(policyId: string, options: SeedClaimOptions = {}): Promise<{ id: string; claimNumber: string }> {
    const { deps } = policyTest.bezel;
    const policy = await deps.db
      .selectFrom('policy')
      .select(['holder_user_id', 'agent_user_id', 'time_zone', 'currency'])
      .where('id', '=', policyId)
      .executeTakeFirstOrThrow();
    const itemNos = options.itemNos ?? [1];
    const scheduled = await deps.db
      .selectFrom('scheduled_item')
      .selectAll()
      .where('policy_id', '=', policyId)
      .where('item_no', 'in', itemNos)
      .orderBy('item_no')
      .execute();
    assert.equal(scheduled.length, itemNos.length, 'every seeded claim item is on the schedule');
    const holder = await deps.db.selectFrom('app_user').select('display_name').where('id', '=', policy.holder_user_id).executeTakeFirstOrThrow();
    const now = nowText(deps.clock);
    const id = newId();
    const claimNumber = await nextClaimNumber(deps.db, Temporal.Instant.from(now).toZonedDateTimeISO('UTC').year);
    const items: ClaimItem[] = scheduled.map((item, index) => ({
      lineNo: index + 1,
      itemNo: item.item_no,
      description: item.description,
      category: item.category,
      coverageAmount: Money.of(item.coverage_amount, policy.currency),
      setId: item.set_id,
      newlyPurchased: false,
      purchaseDate: null,
      purchasePrice: null,
      extent: 'whole',
      partDescription: null,
    }));
    const lossKind = options.lossKind ?? 'loss';
    await deps.db.transaction().execute(async (trx) => {
      await insertClaim(
        trx,
        {
          id,
          claimNumber,
          policyId,
          holderUserId: policy.holder_user_id,
          agentUserId: policy.agent_user_id,
          jewelerUserId: null,
          adjusterUserId: null,
          reportedByUserId: policy.holder_user_id,
          channel: 'portal',
          reporterName: holder.display_name,
          reporterRelation: 'named_insured',
          insuredName: holder.display_name,
          lossKind,
          lossDate: options.lossDate ?? '2027-01-10',
          lossTime: null,
          lossPlace: 'Fifth Avenue, New York',
          lossCountry: 'US',
          narrative: options.narrative ?? 'Lost while walking home.',
          policeReportReference: options.policeReportReference ?? (lossKind === 'theft' ? 'NYPD-2027-0001' : null),
          policeAuthority: lossKind === 'theft' ? 'NYPD' : null,
          protectionConfirmed: true,
          noticeDate: options.lossDate ?? '2027-01-10',
          timeZone: policy.time_zone,
          currency: policy.currency,
          reportedAt: now,
          updatedAt: now,
        },
        items,
      );
      if (options.status && options.status !== 'reported') await updateClaimStatus(trx, id, options.status, now);
      // A claim seeded as decided carries the coverage decision that sets that status (JPF-COVER-1 settlement block).
      if (options.status) await seedCoverageDecision(trx, id, options.status, now);
    });
    return { id, claimNumber };
  }

  return Object.assign(policyTest, { seedClaim });
}
