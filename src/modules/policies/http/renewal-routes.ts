import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { instantText, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import type { RenewalRun } from '../renewal-repository.ts';
import { getRenewalRun, listRenewalRuns } from '../use-cases/read-renewal-runs.ts';
import { startRenewalRun } from '../use-cases/start-renewal-run.ts';

/** Renewal runs (JPF-COND-7) in the API, registered from api-routes.ts; staff with renewals:manage. */

const renewalRunSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(['schedule', 'manual']),
  startedBy: z.string().describe("A user id, or 'system:<name>'"),
  asOf: instantText.describe('The instant the run counts today from, in each insured’s time zone'),
  status: z.enum(['running', 'completed']),
  phase: z.enum(['offer', 'settle', 'done']).describe('offer: making offers; settle: renewing paid offers and lapsing unpaid ones'),
  progress: z.object({
    batches: z.number().int(),
    processed: z.number().int().describe('Policies (offer phase) and offers (settle phase) looked at'),
    offered: z.number().int(),
    skipped: z.number().int().describe('Nothing left on the schedule to renew, or offered by another run already'),
    failed: z.number().int().describe('Could not be rated at the anniversary; tried again by the next run'),
    renewed: z.number().int(),
    lapsed: z.number().int(),
    withdrawn: z.number().int().describe('The policy was cancelled or voided after the offer'),
  }),
  startedAt: instantText,
  updatedAt: instantText,
  finishedAt: instantText.nullable(),
});

// Strict and empty: a run takes no options; anything sent is refused (400) before anything is written.
const startBody = z.object({}).strict();

export function renewalRunJson(run: RenewalRun) {
  return {
    id: run.id,
    trigger: run.trigger,
    startedBy: run.startedBy,
    asOf: run.asOf,
    status: run.status,
    phase: run.phase,
    progress: {
      batches: run.batches,
      processed: run.processed,
      offered: run.offered,
      skipped: run.skipped,
      failed: run.failed,
      renewed: run.renewed,
      lapsed: run.lapsed,
      withdrawn: run.withdrawn,
    },
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
  };
}

export function registerRenewalRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.get(
    '/api/v1/renewal-runs',
    {
      schema: {
        ...tags,
        summary: 'Renewal runs with their progress, newest first (JPF-COND-7; underwriter, admin)',
        response: { 200: z.object({ items: z.array(renewalRunSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listRenewalRuns(deps, request.actor)).map(renewalRunJson) }),
  );
  app.get(
    '/api/v1/renewal-runs/:id',
    {
      schema: {
        ...tags,
        summary: 'One renewal run with its progress (JPF-COND-7; underwriter, admin)',
        params: uuidParam,
        response: { 200: renewalRunSchema, ...problemResponses },
      },
    },
    async (request) => renewalRunJson(await getRenewalRun(deps, request.actor, request.params.id)),
  );
  app.post(
    '/api/v1/renewal-runs',
    {
      schema: {
        ...tags,
        summary: 'Start a renewal run now, or continue the one running (JPF-COND-7; underwriter, admin)',
        description:
          'Answers 202 with the run; a worker works it in batches and its progress counters grow. When a run is still running ' +
          '(e.g. after a crash) it is continued and answered with `continued: true`; there is never more than one running run.',
        body: startBody,
        response: { 202: renewalRunSchema.extend({ continued: z.boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const started = await startRenewalRun(deps, request.actor, { trigger: 'manual' }, originOf(request));
      return reply.status(202).send({ ...renewalRunJson(started.run), continued: started.continued });
    },
  );
}
