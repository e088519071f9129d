import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { findRecipient, listRecipients, type Recipient } from '../disclosure-repository.ts';
import { hasCurrentAgreement, type RecipientType } from '../domain/disclosure-rules.ts';
import { insurerToday } from './common.ts';

export type RecipientView = Recipient & { mayReceive: boolean };

/** PRV-DISC-3 / PRV-PROC-1: the registry for privacy officers and auditors, with whether each may receive data today. */
export async function readRecipients(deps: Deps, actor: Actor, filter: { type?: RecipientType | undefined } = {}): Promise<RecipientView[]> {
  requirePermission(actor, 'privacy:read');
  const today = insurerToday(deps);
  return (await listRecipients(deps.db, filter)).map((recipient) => withStanding(recipient, today));
}

export async function readRecipient(deps: Deps, actor: Actor, id: string): Promise<RecipientView> {
  requirePermission(actor, 'privacy:read');
  const recipient = await findRecipient(deps.db, id);
  if (!recipient) throw problems.notFound();
  return withStanding(recipient, insurerToday(deps));
}

function withStanding(recipient: Recipient, today: string): RecipientView {
  const mayReceive = recipient.retiredAt === null && (recipient.type !== 'service_provider' || hasCurrentAgreement(recipient.agreements, today));
  return { ...recipient, mayReceive };
}
