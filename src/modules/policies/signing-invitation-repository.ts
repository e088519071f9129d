import type { Db } from '../../platform/db/database.ts';

/** SQL of signing invitations (migration 0021): one-time links mailed to named insureds (JPF-COND-9, JPF-CANCEL-1). */

export type SignableKind = 'endorsement' | 'cancellation';

export type SigningInvitation = {
  id: string;
  policyId: string;
  kind: SignableKind;
  requestId: string;
  namedInsured: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
};

type Row = {
  id: string;
  policy_id: string;
  cancellation_request_id: string | null;
  endorsement_request_id: string | null;
  named_insured: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
};

const COLUMNS = [
  'id',
  'policy_id',
  'cancellation_request_id',
  'endorsement_request_id',
  'named_insured',
  'invited_by',
  'created_at',
  'expires_at',
  'used_at',
  'revoked_at',
] as const;

function toInvitation(row: Row): SigningInvitation {
  const kind: SignableKind = row.endorsement_request_id === null ? 'cancellation' : 'endorsement';
  return {
    id: row.id,
    policyId: row.policy_id,
    kind,
    requestId: (row.endorsement_request_id ?? row.cancellation_request_id) as string,
    namedInsured: row.named_insured,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}

function requestColumn(kind: SignableKind) {
  return kind === 'endorsement' ? 'endorsement_request_id' : 'cancellation_request_id';
}

export async function insertInvitation(
  db: Db,
  invitation: Omit<SigningInvitation, 'usedAt' | 'revokedAt'> & { email: string; tokenHash: string },
): Promise<void> {
  await db
    .insertInto('signing_invitation')
    .values({
      id: invitation.id,
      policy_id: invitation.policyId,
      cancellation_request_id: invitation.kind === 'cancellation' ? invitation.requestId : null,
      endorsement_request_id: invitation.kind === 'endorsement' ? invitation.requestId : null,
      named_insured: invitation.namedInsured,
      email: invitation.email,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      created_at: invitation.createdAt,
      expires_at: invitation.expiresAt,
      used_at: null,
      signature_id: null,
      revoked_at: null,
    })
    .execute();
}

/** A newer invitation replaces the open ones for the same request and named insured (a mistyped address stops working). */
export async function revokeOpenInvitations(db: Db, kind: SignableKind, requestId: string, namedInsured: string, at: string): Promise<number> {
  const result = await db
    .updateTable('signing_invitation')
    .set({ revoked_at: at })
    .where(requestColumn(kind), '=', requestId)
    .where('named_insured', '=', namedInsured)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The invitation behind a link, locked when signing so that two uses of one link queue up. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<SigningInvitation | null> {
  const query = db.selectFrom('signing_invitation').select(COLUMNS).where('token_hash', '=', tokenHash);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row ? toInvitation(row) : null;
}

export async function markInvitationUsed(db: Db, id: string, signatureId: string, at: string): Promise<void> {
  await db.updateTable('signing_invitation').set({ used_at: at, signature_id: signatureId }).where('id', '=', id).execute();
}

/** Open invitations (not used, not replaced, not expired) of a policy's requests, for the policy page. */
export async function listOpenInvitations(db: Db, policyId: string, now: string): Promise<SigningInvitation[]> {
  const rows = await db
    .selectFrom('signing_invitation')
    .select(COLUMNS)
    .where('policy_id', '=', policyId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toInvitation);
}
