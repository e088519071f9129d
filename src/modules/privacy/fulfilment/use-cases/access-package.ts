import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { enqueueJob } from '../../../../platform/jobs/index.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { DATA_MAP } from '../../data-map/index.ts';
import { type AccessPackage, buildAccessPackage } from '../domain/package-content.ts';
import { fulfilmentErrors } from '../errors.ts';
import { newPackagePassword, renderPackagePdf, sealPassword, sha256OfBytes, unsealPassword } from '../package-pdf.ts';
import { reachPerson } from '../person-data-repository.ts';

export const BUILD_PACKAGE_JOB = 'privacy.access_package.build';
/** How long the download link works (PRV-RIGHT-1: an expiring link). */
export const PACKAGE_DAYS = 7;

export type PackagePurpose = 'access' | 'portability';
export type AccessPackageSummary = {
  id: string;
  purpose: PackagePurpose;
  status: 'preparing' | 'ready';
  createdAt: string;
  expiresAt: string;
  passwordShown: boolean;
  expired: boolean;
  byteSize: number | null;
};

/** Reads the person's data now, as the package's JSON (PRV-RIGHT-1, PRV-RIGHT-8). */
export async function collectAccessPackage(deps: Deps, db: Deps['db'], userId: string): Promise<AccessPackage> {
  return buildAccessPackage(DATA_MAP, await reachPerson(db, DATA_MAP, userId), userId, nowText(deps.clock));
}

/**
 * Starts an access package for a verified person inside the caller's transaction (the privacy request
 * executor's, or requestOwnAccessPackage's): the row and the job that builds it, and the audit event.
 */
export async function startAccessPackage(
  deps: Deps,
  trx: Trx,
  actor: Actor,
  userId: string,
  options: { purpose: PackagePurpose; privacyRequestId?: string | null; requestId?: string | null },
): Promise<{ packageId: string }> {
  const id = newId();
  const now = deps.clock.now();
  await trx
    .insertInto('access_package')
    .values({
      id,
      user_id: userId,
      purpose: options.purpose,
      privacy_request_id: options.privacyRequestId ?? null,
      status: 'preparing',
      // The password waits sealed until the person has seen it once (decision 0012).
      sealed_password: sealPassword(deps.appSecret, newPackagePassword()),
      created_at: now.toString(),
      expires_at: now.add({ hours: 24 * PACKAGE_DAYS }).toString(),
    })
    .execute();
  await enqueueJob(trx, { kind: BUILD_PACKAGE_JOB, payload: { packageId: id } }, deps.clock);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'privacy.access_package_requested',
      subject: { type: 'user', id: userId },
      details: { packageId: id, purpose: options.purpose, privacyRequestId: options.privacyRequestId ?? null },
      requestId: options.requestId ?? null,
    },
    deps.clock,
  );
  return { packageId: id };
}

/** PRV-RIGHT-1 from the portal: the logged-in customer (verified by their session, PRV-RIGHT-10) asks for their data. */
export async function requestOwnAccessPackage(deps: Deps, actor: Actor, purpose: PackagePurpose, origin: RequestOrigin): Promise<{ packageId: string }> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, (trx) => startAccessPackage(deps, trx, actor, actor.userId, { purpose, requestId: origin.requestId }));
}

/** The job: reads the person's data, renders the encrypted PDF, stores it. A rerun of a built package does nothing. */
export async function buildAccessPackageFile(deps: Deps, packageId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('access_package').selectAll().where('id', '=', packageId).forUpdate().executeTakeFirst();
    if (!row || row.status === 'ready' || row.sealed_password === null) return;
    const content = await collectAccessPackage(deps, trx, row.user_id);
    const pdf = await renderPackagePdf(content, unsealPassword(deps.appSecret, row.sealed_password), 'Bezel — your personal data');
    await trx
      .updateTable('access_package')
      .set({ status: 'ready', content: pdf, sha256: sha256OfBytes(pdf), byte_size: pdf.byteLength, ready_at: nowText(deps.clock) })
      .where('id', '=', packageId)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor: { kind: 'system', name: 'privacy' },
        action: 'privacy.access_package_built',
        subject: { type: 'user', id: row.user_id },
        details: { packageId, tables: content.tables.map((table) => ({ table: table.table, rows: table.rows.length })) },
      },
      deps.clock,
    );
  });
}

export function fulfilmentJobHandlers(deps: Deps): Record<string, (payload: Record<string, unknown>) => Promise<void>> {
  return {
    [BUILD_PACKAGE_JOB]: async (payload) => {
      if (typeof payload.packageId === 'string') await buildAccessPackageFile(deps, payload.packageId);
    },
  };
}

function summarise(
  row: {
    id: string;
    purpose: PackagePurpose;
    status: 'preparing' | 'ready';
    created_at: string;
    expires_at: string;
    password_shown_at: string | null;
    byte_size: number | null;
  },
  now: Temporal.Instant,
): AccessPackageSummary {
  return {
    id: row.id,
    purpose: row.purpose,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    passwordShown: row.password_shown_at !== null,
    expired: Temporal.Instant.compare(Temporal.Instant.from(row.expires_at), now) <= 0,
    byteSize: row.byte_size,
  };
}

export async function listOwnAccessPackages(deps: Deps, actor: Actor): Promise<AccessPackageSummary[]> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const rows = await deps.db
    .selectFrom('access_package')
    .select(['id', 'purpose', 'status', 'created_at', 'expires_at', 'password_shown_at', 'byte_size'])
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((row) => summarise(row, deps.clock.now()));
}

/** Only the person it is about reaches a package: anyone else gets 404. */
async function ownPackage(trx: Trx, actor: Actor, packageId: string) {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const row = await trx.selectFrom('access_package').selectAll().where('id', '=', packageId).where('user_id', '=', actor.userId).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

/** Shows the password once (decision 0012): after this, Bezel no longer knows it. */
export async function revealPackagePassword(deps: Deps, actor: Actor, packageId: string, origin: RequestOrigin): Promise<{ password: string }> {
  requirePermission(actor, 'portal:enter');
  return inTransaction(deps.db, async (trx) => {
    const row = await ownPackage(trx, actor, packageId);
    if (row.status !== 'ready') throw fulfilmentErrors.packageNotReady();
    if (row.sealed_password === null) throw fulfilmentErrors.passwordAlreadyShown();
    const password = unsealPassword(deps.appSecret, row.sealed_password);
    await trx
      .updateTable('access_package')
      .set({ sealed_password: null, password_shown_at: nowText(deps.clock) })
      .where('id', '=', packageId)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.access_package_password_shown',
        subject: { type: 'user', id: row.user_id },
        details: { packageId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { password };
  });
}

/** The encrypted file, for its person only, until the link expires; each download is audited. */
export async function downloadOwnAccessPackage(
  deps: Deps,
  actor: Actor,
  packageId: string,
  origin: RequestOrigin,
): Promise<{ bytes: Buffer; fileName: string }> {
  requirePermission(actor, 'portal:enter');
  return inTransaction(deps.db, async (trx) => {
    const row = await ownPackage(trx, actor, packageId);
    if (row.status !== 'ready' || row.content === null) throw fulfilmentErrors.packageNotReady();
    if (Temporal.Instant.compare(Temporal.Instant.from(row.expires_at), deps.clock.now()) <= 0) throw fulfilmentErrors.packageExpired();
    const now = nowText(deps.clock);
    await trx
      .updateTable('access_package')
      .set({ downloads: row.downloads + 1, last_downloaded_at: now })
      .where('id', '=', packageId)
      .execute();
    await recordAuditEvent(
      trx,
      { actor, action: 'privacy.access_package_downloaded', subject: { type: 'user', id: row.user_id }, details: { packageId }, requestId: origin.requestId },
      deps.clock,
    );
    return { bytes: Buffer.from(row.content), fileName: `bezel-personal-data-${now.slice(0, 10)}.pdf` };
  });
}
