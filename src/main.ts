import { createBezel } from './bootstrap.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type DemoLogin, seedDemoUsers } from './modules/accounts/index.ts';
import { seedDemoProduct } from './modules/products/index.ts';
import { DataDirInUseError } from './platform/db/data-dir-lock.ts';

/**
 * `npm start`: validate configuration, open the database (PGlite in BEZEL_DATA_DIR, or PostgreSQL
 * at DATABASE_URL), migrate, seed demo users on an empty database, listen, and print where to go.
 * SIGTERM/SIGINT: stop taking requests, finish the ones in flight, release jobs, close the database.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  let bezel: Awaited<ReturnType<typeof createBezel>>;
  try {
    bezel = await createBezel(config);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(75); // EX_TEMPFAIL
    }
    throw error;
  }
  const { deps } = bezel;
  let logins: DemoLogin[] = [];
  if (config.seedDemo) {
    const seeded = await seedDemoUsers(deps);
    logins = seeded.logins;
    await seedDemoProduct(deps);
  }
  let address = '';
  if (bezel.app) {
    await bezel.app.listen({ host: config.host, port: config.port });
    const bound = bezel.app.server.address();
    const port = typeof bound === 'object' && bound ? bound.port : config.port;
    address = config.publicUrl.endsWith(`:${config.port}`) ? config.publicUrl.replace(`:${config.port}`, `:${port}`) : config.publicUrl;
  }
  bezel.worker?.start();

  const lines = [
    '',
    `Bezel is running (${deps.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}), ready in ${Math.round(performance.now() - startedAt)} ms.`,
    address ? `Open ${address}/login` : 'Web is off (BEZEL_WEB=false); this instance runs jobs only.',
  ];
  if (address) lines.push(`API docs: ${address}/api/docs`);
  if (logins.length > 0) {
    lines.push('', `Demo logins (password for all: ${logins[0]?.password}):`);
    for (const login of logins) lines.push(`  ${login.role.padEnd(16)} ${login.email}`);
  }
  if (!config.smtpUrl) lines.push('', `Mail is not sent; it is written to ${config.dataDir}/mail/ (set SMTP_URL to send).`);
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      deps.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await bezel.close();
      process.exit(0);
    } catch (error) {
      deps.logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Bezel failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
