import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import { DATA_MAP } from '../../data-map/index.ts';
import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { decideRow, type KeptReason, type TiedPolicy } from '../domain/erasure-plan.ts';
import { openClaimTies, policyTies } from '../domain/reach.ts';
import { columnTypes, legalHoldsOn, reachPerson, scrubAuditMentions, scrubMailJobs, tryDeleteRow, updateRow } from '../person-data-repository.ts';

/** Told when a database rule (a unique key, a format check) keeps a value that the map lets go. */
export const INTEGRITY_BASIS = 'Record integrity: the value is an identifier other records depend on.';

/** What was kept, per table and reason: told to the person (PRV-RIGHT-3). */
export type KeptEntry = { table: string; rows: number; reason: KeptReason };
export type ErasedEntry = { table: string; deleted: number; anonymised: number };
export type ErasureReport = {
  erasureId: string;
  erased: ErasedEntry[];
  kept: KeptEntry[];
  /** Erasure refused for data under a legal hold, with the hold's reason. */
  refused: { table: string; rows: number; reason: string }[];
};

/**
 * PRV-RIGHT-3: erases everything about a person that may go, driven by the data map, inside the caller's
 * transaction (the privacy request executor's, or eraseOwnData's): rows go or lose their personal columns,
 * what law, an in-force policy or a legal hold requires stays, and the report says what and why. The
 * audit chain keeps verifying: only personal_details of events (outside the hashed part) is erased.
 */
export async function erasePersonData(
  deps: Deps,
  trx: Trx,
  actor: Actor,
  userId: string,
  options: { requestId?: string | null; privacyRequestId?: string | null; map?: readonly TableDeclaration[] } = {},
): Promise<ErasureReport> {
  const map = options.map ?? DATA_MAP;
  const byTable = new Map(map.map((declaration) => [declaration.table, declaration]));
  const identity = await trx.selectFrom('app_user').select(['email', 'display_name']).where('id', '=', userId).forUpdate().executeTakeFirst();
  const email = identity?.email;
  const reached = await reachPerson(trx, map, userId, true);
  const types = await columnTypes(trx, [...reached.keys()]);
  const ties = policyTies(reached);
  const claimTies = openClaimTies(reached);
  const anyOpenClaim = claimTies.size > 0;
  const policies = new Map<string, TiedPolicy>(
    (reached.get('policy') ?? []).map((row) => [
      String(row.values.id),
      { id: String(row.values.id), status: String(row.values.status), lastDay: String(row.values.last_day) },
    ]),
  );
  const holds = await legalHoldsOn(trx, [userId, ...policies.keys()]);
  const personHold = holds.get(userId) ?? null;
  const anyInForce = [...policies.values()].some((policy) => policy.status === 'in_force');
  const today = Temporal.Instant.from(nowText(deps.clock)).toZonedDateTimeISO(deps.config.insurerTimeZone).toPlainDate();

  const erased = new Map<string, ErasedEntry>();
  const kept = new Map<string, KeptEntry>();
  const refused = new Map<string, { table: string; rows: number; reason: string }>();
  const count = (table: string, kind: 'deleted' | 'anonymised') => {
    const entry = erased.get(table) ?? { table, deleted: 0, anonymised: 0 };
    entry[kind] += 1;
    erased.set(table, entry);
  };
  const applyUpdate = async (table: string, rowRef: string, set: Parameters<typeof updateRow>[3]) => {
    const refusedColumns = await updateRow(trx, table, rowRef, set);
    if (refusedColumns.length < Object.keys(set).length) count(table, 'anonymised');
    if (refusedColumns.length > 0) {
      const reason: KeptReason = { kind: 'basis', basis: INTEGRITY_BASIS };
      const key = `${table}|${JSON.stringify(reason)}`;
      const entry = kept.get(key) ?? { table, rows: 0, reason };
      entry.rows += 1;
      kept.set(key, entry);
    }
  };
  // Deeper tables first, so a child row goes before the row it points at.
  for (const table of [...reached.keys()].reverse()) {
    const declaration = byTable.get(table);
    if (!declaration) continue;
    for (const row of reached.get(table) ?? []) {
      const tiedIds = [...(ties.get(`${table}:${row.rowRef}`) ?? [])];
      const tiedPolicies = tiedIds.flatMap((id) => policies.get(id) ?? []);
      // The person's own account row serves every policy they hold.
      const effectivePolicies = table === 'app_user' && anyInForce ? [...policies.values()] : tiedPolicies;
      // The person's account row stays while a claim of theirs is open (it is how the claim reaches them).
      const tiedToOpenClaim = (claimTies.get(`${table}:${row.rowRef}`)?.size ?? 0) > 0 || (table === 'app_user' && anyOpenClaim);
      const legalHold = personHold ?? tiedIds.map((id) => holds.get(id)).find((reason) => reason !== undefined) ?? null;
      const decision = decideRow({
        table: declaration,
        values: row.values,
        columnTypes: types.get(table) ?? {},
        tiedPolicies: effectivePolicies,
        tiedToOpenClaim,
        legalHold,
        today,
        userId,
        rowRef: row.rowRef,
      });
      for (const reason of decision.kind === 'delete' ? [] : decision.kept) {
        if (reason.kind === 'legal_hold') {
          const entry = refused.get(table) ?? { table, rows: 0, reason: reason.reason };
          entry.rows += 1;
          refused.set(table, entry);
          continue;
        }
        const key = `${table}|${JSON.stringify(reason)}`;
        const entry = kept.get(key) ?? { table, rows: 0, reason };
        entry.rows += 1;
        kept.set(key, entry);
      }
      if (decision.kind === 'delete') {
        if (await tryDeleteRow(trx, table, row.rowRef)) {
          count(table, 'deleted');
          continue;
        }
        // Still pointed at: empty what can be emptied instead.
        const fallback = decideRow({
          table: {
            ...declaration,
            columns: Object.fromEntries(Object.entries(declaration.columns).map(([c, d]) => [c, d.personal ? { ...d, erasure: { action: 'anonymise' } } : d])),
          },
          values: row.values,
          columnTypes: types.get(table) ?? {},
          tiedPolicies: effectivePolicies,
          tiedToOpenClaim,
          legalHold,
          today,
          userId,
          rowRef: row.rowRef,
        });
        if (fallback.kind === 'update') await applyUpdate(table, row.rowRef, fallback.set);
      } else if (decision.kind === 'update') await applyUpdate(table, row.rowRef, decision.set);
    }
  }
  const identityErased = !anyInForce && !anyOpenClaim && personHold === null;
  const now = nowText(deps.clock);
  if (identityErased) {
    if (email) await scrubMailJobs(trx, email);
    // A search may have used one word of the name: each word of four letters or more counts as a mention.
    // The names on the person's applications are mentions as whole names (a co-insured's surname alone is not).
    if (identity)
      await scrubAuditMentions(trx, { whole: [identity.email, ...namedInsureds(reached.get('application') ?? [])], words: [identity.display_name] });
    await trx.updateTable('app_user').set({ erased_at: now, status: 'disabled', closed_at: now, updated_at: now }).where('id', '=', userId).execute();
  } else {
    // The account can no longer be used (its credentials are gone), the contact data stays for the contract.
    await trx.updateTable('app_user').set({ status: 'disabled', closed_at: now, updated_at: now }).where('id', '=', userId).execute();
  }
  await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();

  const report: ErasureReport = { erasureId: newId(), erased: [...erased.values()], kept: [...kept.values()], refused: [...refused.values()] };
  await trx
    .insertInto('erasure_record')
    .values({
      id: report.erasureId,
      user_id: userId,
      privacy_request_id: options.privacyRequestId ?? null,
      performed_at: now,
      performed_by: actorName(actor),
      erased: JSON.stringify(report.erased),
      kept: JSON.stringify({ kept: report.kept, refused: report.refused }),
    })
    .execute();
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'privacy.erasure_performed',
      subject: { type: 'user', id: userId },
      details: {
        erasureId: report.erasureId,
        erased: report.erased.map((entry) => ({ ...entry })),
        keptTables: report.kept.map((entry) => entry.table),
        refusedTables: report.refused.map((entry) => entry.table),
        identityErased,
      },
      requestId: options.requestId ?? null,
    },
    deps.clock,
  );
  return report;
}

function namedInsureds(applications: readonly { values: Record<string, unknown> }[]): string[] {
  return applications.flatMap((row) => {
    const names = row.values.named_insureds;
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  });
}

export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}
