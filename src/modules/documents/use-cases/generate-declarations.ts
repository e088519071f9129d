import { createHash } from 'node:crypto';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { getAccount } from '../../accounts/index.ts';
import { getPolicy } from '../../policies/index.ts';
import { insertDocumentOnce, type StoredDocument, storeContent } from '../documents-repository.ts';
import { declarationsPage } from '../domain/declarations-page.ts';
import { renderPdf } from '../render-pdf.ts';

/** The job that makes a policy's declarations page; the policies module enqueues it when it issues a policy. */
export const DECLARATIONS_JOB = 'documents.declarations';

/**
 * Creates and stores the declarations page of a policy in the holder's language (issue #3, "Bind and
 * issue"). Idempotent: the page is dated at the policy's issue time, so rendering it again gives the
 * same bytes and the same hash, and the same document is answered instead of a second one.
 */
export async function generateDeclarations(deps: Deps, actor: Actor, policyId: string): Promise<StoredDocument> {
  const policy = await getPolicy(deps, actor, policyId);
  // The holder's language is an account setting; the system reads it whoever asked for the page.
  const holder = await getAccount(deps, systemActor('documents'), policy.holderUserId);
  const pdf = await renderPdf(declarationsPage(policy, holder.locale));
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    await storeContent(trx, sha256, pdf, now);
    const id = newId();
    const document = await insertDocumentOnce(trx, {
      id,
      policyId,
      kind: 'declarations',
      locale: holder.locale,
      sha256,
      byteSize: pdf.length,
      createdAt: now,
    });
    // Only a new document is an event; the same page generated again is the stored one.
    if (document.id === id) {
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'document.generated',
          subject: { type: 'document', id: document.id },
          details: { policyId, kind: document.kind, locale: document.locale, sha256 },
          requestId: SYSTEM_ORIGIN.requestId,
        },
        deps.clock,
      );
    }
    return document;
  });
}
