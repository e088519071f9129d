import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { accountsApi, accountsPages, createAuthenticator, deleteExpiredSessions, homePages } from './modules/accounts/index.ts';
import { billingApi } from './modules/billing/index.ts';
import { CLAIMS_HTTP_MODULES, CLAIMS_SCHEDULES, claimsJobHandlers } from './modules/claims/index.ts';
import { documentsApi, documentsJobHandlers } from './modules/documents/index.ts';
import { filesApi } from './modules/files/index.ts';
import { policiesApi, policyPages, renewalJobHandlers, renewalSchedule } from './modules/policies/index.ts';
import {
  consentApi,
  consentPages,
  cookiePages,
  deidentifiedExportApi,
  fulfilmentBackofficePages,
  fulfilmentJobHandlers,
  fulfilmentPages,
  privacyDisclosureApi,
  privacyDisclosurePages,
  privacyProtectionApi,
  privacyRequestPages,
  privacyRequestsApi,
  privacyRetentionHttp,
  retentionJobHandlers,
  retentionPurgeSchedule,
} from './modules/privacy/index.ts';
import { productPages, productsApi } from './modules/products/index.ts';
import { resolveAppSecret } from './platform/app-secret.ts';
import { auditJobHandlers, auditSealerSchedule } from './platform/audit/index.ts';
import { type Clock, nowText, systemClock } from './platform/clock.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import type { Deps } from './platform/deps.ts';
import { buildApp, type HttpModule } from './platform/http/app.ts';
import { deleteExpiredRateLimitCounters } from './platform/http/rate-limit.ts';
import { createWorker, defineSchedule, type JobHandlers, purgeSucceededJobs, type Worker } from './platform/jobs/index.ts';
import { createLogger } from './platform/logging.ts';
import { mailHandlers } from './platform/mail/index.ts';
import { registerAssets } from './platform/ui/assets.ts';
import { renderErrorPage } from './platform/ui/pages/error-page.tsx';

/**
 * The composition root: config → database → migrations → deps → web app and job worker.
 * main.ts, the CLI, the tests and the benchmark all build Bezel through here, so they run the
 * same wiring. BEZEL_WEB / BEZEL_WORKER switch the two halves, so one build runs as N web
 * instances and M workers (DESIGN §2).
 */
export type Bezel = {
  deps: Deps;
  app: FastifyInstance | null;
  worker: Worker | null;
  close(): Promise<void>;
};

export type BezelOptions = {
  clock?: Clock;
  logger?: Logger;
  /** An already-open database (tests); otherwise opened from the config. */
  database?: Database;
  /** Build the worker even when not starting it (tests call runOnce). */
  startWorker?: boolean;
};

export const HTTP_MODULES: HttpModule[] = [
  accountsApi,
  productsApi,
  policiesApi,
  billingApi,
  documentsApi,
  accountsPages,
  homePages,
  policyPages,
  filesApi,
  productPages,
  privacyProtectionApi,
  // PRV-COOKIE-1: the cookie banner on every page, GPC, the privacy notice and page counts (PRV-BEACON-1).
  cookiePages,
  consentPages,
  consentApi,
  // PRV-RIGHT-1..13, PRV-CONTACT-1: privacy requests (API and pages).
  privacyRequestsApi,
  privacyRequestPages,
  // PRV-DISC-1/3, PRV-PROC-1, PRV-FRAUD-1, PRV-SURVEY-1, PRV-DEID-1: recipients, disclosures, incidents, surveys, de-identified export.
  privacyDisclosureApi,
  privacyDisclosurePages,
  deidentifiedExportApi,
  // PRV-USE-1, PRV-RET-1: the register of processing (page, JSON, CSV) and legal holds.
  privacyRetentionHttp,
  // PRV-RIGHT-1, -2, -3, -8, PRV-PORTAL-1: the customer's own data: package, contact details, erasure, closure.
  fulfilmentPages,
  fulfilmentBackofficePages,
  // Issue #4: claims (first notice of loss to recovery), API and pages.
  ...CLAIMS_HTTP_MODULES,
];

export function jobHandlers(deps: Deps): JobHandlers {
  return {
    ...mailHandlers(deps),
    ...auditJobHandlers(deps),
    ...documentsJobHandlers(deps),
    ...renewalJobHandlers(deps),
    // PRV-RIGHT-1: builds the encrypted access packages.
    ...fulfilmentJobHandlers(deps),
    // PRV-RET-1, PRV-REC-1: the nightly retention purge.
    ...retentionJobHandlers(deps),
    // Issue #4: claim diary reminders and other claims jobs.
    ...claimsJobHandlers(deps),
    'maintenance.cleanup': async () => {
      const now = nowText(deps.clock);
      await deleteExpiredSessions(deps.db, now);
      await deleteExpiredRateLimitCounters(deps.db, deps.clock);
      await purgeSucceededJobs(deps.db, deps.clock);
    },
  };
}

export function schedules(config: Config) {
  return [
    defineSchedule({ ...auditSealerSchedule, timeZone: 'UTC' }),
    defineSchedule({ name: 'maintenance.cleanup', cron: '17 * * * *', timeZone: config.insurerTimeZone, kind: 'maintenance.cleanup' }),
    // JPF-COND-7: renewal offers, renewals and lapses every night at 02:30 in the insurer's time zone (docs/operations/renewal.md).
    defineSchedule({ ...renewalSchedule, timeZone: config.insurerTimeZone }),
    // PRV-RET-1: the retention purge every night at 03:40 in the insurer's time zone.
    defineSchedule({ ...retentionPurgeSchedule, timeZone: config.insurerTimeZone }),
    // Issue #4: the claims module's schedules (diary reminders), in the insurer's time zone.
    ...CLAIMS_SCHEDULES.map((schedule) => defineSchedule({ ...schedule, timeZone: config.insurerTimeZone })),
  ];
}

export async function createBezel(config: Config, options: BezelOptions = {}): Promise<Bezel> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  try {
    const report = await migrate(database);
    if (report.applied.length > 0) logger.info({ applied: report.applied.map((m) => `${m.version}_${m.name}`) }, 'database migrated');
    const appSecret = await resolveAppSecret(database.db, config.appSecret);
    const deps: Deps = { config, database, db: database.db, clock, logger, appSecret };
    const app = config.runWeb
      ? await buildApp(deps, {
          modules: HTTP_MODULES,
          authenticator: createAuthenticator(deps),
          renderHtmlError: renderErrorPage,
          beforeModules: registerAssets,
        })
      : null;
    const worker = config.runWorker || options.startWorker ? createWorker({ deps, handlers: jobHandlers(deps), schedules: schedules(config) }) : null;
    let closed = false;
    return {
      deps,
      app,
      worker,
      async close() {
        if (closed) return;
        closed = true;
        // Stop taking requests and finish those in flight, then let running jobs finish or release them.
        await app?.close();
        await worker?.stop();
        await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
