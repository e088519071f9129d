import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { changeUserRoles, createUser, listAccounts, seedDemoUsers } from '../modules/accounts/index.ts';
import { rotateDataKeys } from '../modules/privacy/index.ts';
import { seedDemoProduct } from '../modules/products/index.ts';
import { resolveAppSecret } from '../platform/app-secret.ts';
import { sealAuditEvents, verifyAuditChain } from '../platform/audit/index.ts';
import { isRole, systemActor } from '../platform/auth/actor.ts';
import { systemClock } from '../platform/clock.ts';
import { listDataKeys } from '../platform/crypto/field-encryption-store.ts';
import { DataDirInUseError } from '../platform/db/data-dir-lock.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import type { Role } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/http/problem.ts';
import { translate } from '../platform/i18n/index.ts';
import { listJobs, retryJob } from '../platform/jobs/index.ts';
import { createLogger } from '../platform/logging.ts';
import { SYSTEM_ORIGIN } from '../platform/request-origin.ts';

/**
 * `bezel` (run as `npm run bezel -- <command>`): administration from a shell. Each command opens
 * the configured database, migrates it, does one thing and exits: 0 on success, 1 when the thing
 * failed (a broken audit chain, a refused user), 2 on wrong usage.
 */
const USAGE = `Usage: bezel <command> [options]

  users create --email E --name N --role R [--role R…] [--locale en|nl] [--password-stdin]
                                 add a user; without a password a set-password link is mailed
  users list [--search TEXT]     list users
  users set-roles --email E --role R [--role R…]
                                 replace a user's roles
  audit verify                   seal pending events, then check the audit hash chain
  migrate                        apply pending database migrations
  seed-demo                      add one demo user per role (only on an empty database)
                                 and the demo jewelry product (only when it is missing)
  jobs list [--status queued|running|succeeded|dead]
  jobs retry <job-id>            queue a dead job again
  keys rotate [--batch-size N]   PRV-SEC-1: new data key under the active master key, re-encrypt every
                                 encrypted value, destroy the old data keys (resumes an interrupted run)
  keys list                      data keys: id, master key, status (never key material)
`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      locale: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      search: { type: 'string' },
      status: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, command, argument] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(database);
    const deps: Deps = {
      config,
      database,
      db: database.db,
      clock: systemClock,
      logger: createLogger('warn'),
      appSecret: await resolveAppSecret(database.db, config.appSecret),
    };
    const actor = systemActor('cli');
    const roles = (): Role[] => {
      const given = values.role ?? [];
      const wrong = given.filter((role) => !isRole(role));
      if (given.length === 0 || wrong.length > 0) throw new UsageError(`--role must be one or more of the roles (got ${wrong.join(', ') || 'none'})`);
      return given as Role[];
    };
    const required = (name: 'email' | 'name'): string => {
      const value = values[name];
      if (!value) throw new UsageError(`--${name} is required`);
      return value;
    };
    switch (`${group} ${command ?? ''}`.trim()) {
      case 'users create': {
        const locale = values.locale ?? 'en';
        if (locale !== 'en' && locale !== 'nl') throw new UsageError('--locale must be en or nl');
        const password = values['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
        const user = await createUser(
          deps,
          actor,
          { email: required('email'), displayName: required('name'), roles: roles(), locale, password },
          SYSTEM_ORIGIN,
        );
        process.stdout.write(`Created ${user.email} (${user.roles.join(', ')}) id ${user.id}${password ? '' : '; a link to choose a password was mailed'}\n`);
        return 0;
      }
      case 'users list': {
        let cursor: string | undefined;
        do {
          const page = await listAccounts(deps, actor, { limit: 200, cursor, search: values.search });
          for (const user of page.items) process.stdout.write(`${user.id}  ${user.status.padEnd(20)} ${user.email.padEnd(40)} ${user.roles.join(',')}\n`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return 0;
      }
      case 'users set-roles': {
        const email = required('email').trim().toLowerCase();
        const page = await listAccounts(deps, actor, { limit: 200, search: email });
        const user = page.items.find((item) => item.email === email);
        if (!user) throw new UsageError(`No user with email ${email}`);
        const changed = await changeUserRoles(deps, actor, user.id, roles(), SYSTEM_ORIGIN);
        process.stdout.write(`${changed.email} now has roles: ${changed.roles.join(', ')}\n`);
        return 0;
      }
      case 'audit verify': {
        await sealAuditEvents(deps.db, deps.clock);
        const report = await verifyAuditChain(deps.db);
        if (report.ok) {
          process.stdout.write(`Audit chain intact: ${report.checked} events checked, ${report.unsealed} not yet sealed.\n`);
          return 0;
        }
        process.stdout.write(
          `Audit chain BROKEN at event #${report.brokenAt.chainSeq} (id ${report.brokenAt.id}): ${report.brokenAt.reason}. ${report.checked} events checked before it.\n`,
        );
        return 1;
      }
      case 'migrate':
        process.stdout.write('Database is up to date.\n');
        return 0;
      case 'seed-demo': {
        const result = await seedDemoUsers(deps);
        process.stdout.write(result.seeded ? `Seeded ${result.logins.length} demo users.\n` : 'Users exist already; nothing seeded.\n');
        const product = await seedDemoProduct(deps);
        process.stdout.write(product.seeded ? `Seeded the demo product ${product.code}.\n` : `The product ${product.code} exists already; not seeded again.\n`);
        return 0;
      }
      case 'jobs list': {
        const status = values.status;
        if (status !== undefined && !['queued', 'running', 'succeeded', 'dead'].includes(status))
          throw new UsageError('--status must be queued, running, succeeded or dead');
        const jobs = await listJobs(deps.db, { ...(status && { status: status as 'queued' }), limit: 200 });
        for (const job of jobs)
          process.stdout.write(
            `${job.id.padStart(8)}  ${job.status.padEnd(9)} ${job.kind.padEnd(22)} attempts ${job.attempts}/${job.max_attempts}  run at ${job.run_at}${job.last_error ? `  last error: ${job.last_error}` : ''}\n`,
          );
        if (jobs.length === 0) process.stdout.write('No jobs.\n');
        return 0;
      }
      case 'jobs retry': {
        if (!argument || !/^\d+$/.test(argument)) throw new UsageError('jobs retry needs a job id');
        const retried = await retryJob(deps.db, argument, deps.clock);
        process.stdout.write(retried ? `Job ${argument} queued again.\n` : `Job ${argument} is not dead (or does not exist); nothing changed.\n`);
        return retried ? 0 : 1;
      }
      case 'keys rotate': {
        const batchSize = values['batch-size'] === undefined ? 200 : Number(values['batch-size']);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError('--batch-size must be a whole number from 1 to 10000');
        const report = await rotateDataKeys(deps, actor, { batchSize }, SYSTEM_ORIGIN);
        const counts = Object.entries(report.reencrypted).map(([column, count]) => `${column} ${count}`);
        process.stdout.write(
          `${report.resumed ? 'Resumed the unfinished rotation' : 'Rotated'}: data key ${report.activeDataKeyId} under master key ${report.masterKeyId}; re-encrypted ${counts.join(', ')}; destroyed ${report.destroyedDataKeyIds.length} old data key(s).\n`,
        );
        return 0;
      }
      case 'keys list': {
        for (const key of await listDataKeys(deps.db)) process.stdout.write(`${key.id}  ${key.status.padEnd(9)} master key ${key.masterKeyId}\n`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof AppError) {
      const problems = (error.extensions.errors as { field: string; messageKey?: string }[] | undefined) ?? [];
      process.stderr.write(`${translate('en', error.messageKey, error.params)}\n`);
      for (const problem of problems)
        process.stderr.write(`  ${problem.field}: ${problem.messageKey ? translate('en', problem.messageKey as never) : 'invalid'}\n`);
      process.exit(1);
    }
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
