import type { FastifyRequest } from 'fastify';
import { nowText } from '../clock.ts';
import { inTransaction, type Trx } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { problems } from './problem.ts';
import { canonicalRequestHash } from './request-hash.ts';

/**
 * `Idempotency-Key` on POSTs that create things (DESIGN §6). The first response to a key is stored
 * in the same transaction as the change it made, so a retry after a lost response gets the very
 * same response and the change happens once:
 *  - same key, same body  → the stored response, nothing runs again;
 *  - same key, other body → 422 idempotency_key_reused, nothing runs;
 *  - two identical requests at once → one commits; the other's insert of the key conflicts, its
 *    transaction rolls back, and it answers with the winner's stored response.
 * The stored response is looked up only when the key turns out to be taken (the insert conflicts) or the work
 * fails (a retry of a bind finds the application bound): the first request — the usual case — costs one
 * statement, the insert. A retry runs the work again inside a transaction that is rolled back.
 * Keys are scoped to the actor, so two clients cannot collide or read each other's responses.
 */
export type IdempotentResult = { status: number; body: unknown };

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

class LostRace extends Error {}

function actorScope(request: FastifyRequest): string {
  const actor = request.actor;
  const who = actor.kind === 'user' ? `user:${actor.userId}` : actor.kind === 'system' ? `system:${actor.name}` : 'anonymous';
  return `${who} ${request.method} ${request.routeOptions.url ?? request.url}`;
}

export async function runIdempotent(
  deps: Deps,
  request: FastifyRequest,
  work: (deps: Deps) => Promise<IdempotentResult>,
): Promise<IdempotentResult & { replayed: boolean }> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return { ...(await work(deps)), replayed: false };
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw problems.idempotencyKeyInvalid();
  const scope = actorScope(request);
  const requestHash = canonicalRequestHash(request.method, request.url, request.body);

  const replay = async (): Promise<(IdempotentResult & { replayed: boolean }) | null> => {
    const stored = await deps.db
      .selectFrom('idempotency_record')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('scope', '=', scope)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!stored) return null;
    if (stored.request_hash !== requestHash) throw problems.idempotencyKeyReused();
    return { status: stored.status_code, body: stored.response_body, replayed: true };
  };

  try {
    const result = await inTransaction(deps.db, async (trx: Trx) => {
      const outcome = await work({ ...deps, db: trx });
      // Only successful outcomes are remembered: a failed request changed nothing and may be retried.
      if (outcome.status < 400) {
        const inserted = await trx
          .insertInto('idempotency_record')
          .values({
            scope,
            idempotency_key: key,
            request_hash: requestHash,
            status_code: outcome.status,
            response_body: JSON.stringify(outcome.body),
            created_at: nowText(deps.clock),
          })
          .onConflict((conflict) => conflict.columns(['scope', 'idempotency_key']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows === 0n) throw new LostRace();
      }
      return outcome;
    });
    if (result.status >= 400) {
      // A failed outcome may be a retry whose first attempt succeeded: answer with that, as the key promises.
      const earlier = await replay();
      if (earlier) return earlier;
    }
    return { ...result, replayed: false };
  } catch (error) {
    // Everything the attempt did is rolled back; if the key was used before, its stored response is the answer
    // (or 422 when the body differs); otherwise the error stands.
    const earlier = await replay();
    if (earlier) return earlier;
    throw error;
  }
}
