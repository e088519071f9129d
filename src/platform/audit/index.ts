import type { Deps } from '../deps.ts';
import { sealAuditEvents } from './seal-audit-events.ts';

/**
 * The audit chain (DESIGN.md section 5, issue #2 point 5): use cases record events in their own
 * transaction; a job seals them into a hash chain a few seconds later; `bezel audit verify` walks it.
 */
export { auditEventHash, canonicalInstant, GENESIS_PREV_HASH, hashedPart } from './audit-hash.ts';
export { CanonicalJsonError, canonicalJson, type JsonValue } from './canonical-json.ts';
export {
  type AnyAuditedChangeQuery,
  type AuditEventInput,
  type AuditedChange,
  type AuditedChangeQuery,
  actorColumns,
  changesWithAuditEvents,
  changeWithAuditEvents,
  recordAuditEvent,
  recordAuditEvents,
} from './record-audit-event.ts';
export { AUDIT_SEAL_LOCK_KEY, type SealOptions, sealAuditEvents } from './seal-audit-events.ts';
export { type AuditChainBreak, type AuditChainReport, type VerifyOptions, verifyAuditChain } from './verify-audit-chain.ts';

/**
 * When the sealer runs: every 5 seconds (croner's six-field pattern, seconds first). Every instance
 * may schedule it; the advisory lock makes concurrent runs take turns, and a run with nothing to
 * seal costs two index lookups.
 */
export const auditSealerSchedule = { name: 'audit.seal', cron: '*/5 * * * * *', kind: 'audit.seal' } as const;

/** Job handlers for the worker, keyed by job kind. The sealer needs no payload. */
export function auditJobHandlers(deps: Pick<Deps, 'db' | 'clock'>): { 'audit.seal': () => Promise<void> } {
  return {
    'audit.seal': async () => {
      await sealAuditEvents(deps.db, deps.clock);
    },
  };
}
