import { z } from 'zod';
import { type MasterKey, parseMasterKeys } from './platform/crypto/field-encryption-keys.ts';

/**
 * Every setting Bezel reads from the environment, validated once at start.
 * A wrong value stops the start with one line per problem that names the variable,
 * what was given and what is expected (issue #2, point 9).
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const timeZoneName = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone name such as America/New_York' },
);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'expected development, production or test' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port number from 0 to 65535')
    .max(65535, 'expected a port number from 0 to 65535')
    .default(3000),
  PUBLIC_URL: z.url({ message: 'expected an absolute URL such as https://insure.example.com' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  BEZEL_DATA_DIR: z.string().min(1).default('./data'),
  APP_SECRET: z.string().min(32, 'expected at least 32 characters of random text').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Bezel <no-reply@bezel.local>'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected fatal, error, warn, info, debug, trace or silent' })
    .default('info'),
  BEZEL_WEB: booleanFlag.default(true),
  BEZEL_WORKER: booleanFlag.default(true),
  BEZEL_SEED_DEMO: booleanFlag.optional(),
  BEZEL_TIME_ZONE: timeZoneName.default('America/New_York'),
  BEZEL_SECURE_COOKIES: booleanFlag.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  PASSWORD_HASH_COST: z.enum(['standard', 'low'], { message: 'expected standard or low' }).default('standard'),
  METRICS_TOKEN: z.string().min(16).optional(),
  // Issue #3: uploaded appraisals and receipts are size-limited; 10 MB unless set (decision 0008).
  BEZEL_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(104_857_600).default(10_485_760),
  // PRV-SEC-1: field encryption master keys (checked below, so a wrong value never echoes key material).
  BEZEL_MASTER_KEYS: z.string().optional(),
  BEZEL_ACTIVE_MASTER_KEY: z.string().optional(),
});

export type Config = {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  appSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  runWeb: boolean;
  runWorker: boolean;
  seedDemo: boolean;
  insurerTimeZone: string;
  secureCookies: boolean;
  sessionTtlHours: number;
  passwordHashCost: 'standard' | 'low';
  metricsToken: string | undefined;
  maxUploadBytes: number;
  /** PRV-SEC-1: master keys for field encryption (empty: derived from the app secret, development/test only). */
  masterKeys: readonly MasterKey[];
  activeMasterKeyId: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bezel cannot start, the configuration is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as they do in most shells' .env files.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const given = present[name];
        return `${name}=${given === undefined ? '(not set)' : JSON.stringify(given)}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
    problems.push('APP_SECRET=(not set): required in production, at least 32 characters of random text');
  }
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    problems.push('PUBLIC_URL=(not set): required in production, the https address people open');
  }
  if (env.NODE_ENV === 'production' && env.PASSWORD_HASH_COST === 'low') {
    problems.push('PASSWORD_HASH_COST="low": only for tests; production hashes passwords at the standard cost');
  }
  if (env.BEZEL_WEB === false && env.BEZEL_WORKER === false) {
    problems.push('BEZEL_WEB=false and BEZEL_WORKER=false: this instance would do nothing; enable at least one');
  }
  const masterKeys = masterKeyProblems(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/$/, '');
  return {
    environment: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: env.BEZEL_DATA_DIR,
    appSecret: env.APP_SECRET,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    runWeb: env.BEZEL_WEB,
    runWorker: env.BEZEL_WORKER,
    seedDemo: env.BEZEL_SEED_DEMO ?? env.NODE_ENV !== 'production',
    insurerTimeZone: env.BEZEL_TIME_ZONE,
    secureCookies: env.BEZEL_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    sessionTtlHours: env.SESSION_TTL_HOURS,
    passwordHashCost: env.PASSWORD_HASH_COST,
    metricsToken: env.METRICS_TOKEN,
    maxUploadBytes: env.BEZEL_MAX_UPLOAD_BYTES,
    masterKeys,
    activeMasterKeyId: masterKeys.length > 0 ? (env.BEZEL_ACTIVE_MASTER_KEY ?? masterKeys[0]?.id) : undefined,
  };
}

/** PRV-SEC-1: one line per wrong master key setting; the key material itself is never printed. */
function masterKeyProblems(
  env: { NODE_ENV: string; BEZEL_MASTER_KEYS?: string | undefined; BEZEL_ACTIVE_MASTER_KEY?: string | undefined },
  problems: string[],
): MasterKey[] {
  if (env.BEZEL_MASTER_KEYS === undefined) {
    if (env.NODE_ENV === 'production')
      problems.push('BEZEL_MASTER_KEYS=(not set): required in production, id:base64key[,id:base64key…] with 32-byte keys (field encryption)');
    if (env.BEZEL_ACTIVE_MASTER_KEY !== undefined)
      problems.push(`BEZEL_ACTIVE_MASTER_KEY=${JSON.stringify(env.BEZEL_ACTIVE_MASTER_KEY)}: set BEZEL_MASTER_KEYS too; it names one of its keys`);
    return [];
  }
  const parsed = parseMasterKeys(env.BEZEL_MASTER_KEYS);
  problems.push(...parsed.problems);
  const ids = parsed.keys.map((key) => key.id);
  if (env.BEZEL_ACTIVE_MASTER_KEY === undefined && parsed.keys.length > 1)
    problems.push(`BEZEL_ACTIVE_MASTER_KEY=(not set): required when BEZEL_MASTER_KEYS lists more than one key; one of ${ids.join(', ')}`);
  if (env.BEZEL_ACTIVE_MASTER_KEY !== undefined && parsed.problems.length === 0 && !ids.includes(env.BEZEL_ACTIVE_MASTER_KEY))
    problems.push(`BEZEL_ACTIVE_MASTER_KEY=${JSON.stringify(env.BEZEL_ACTIVE_MASTER_KEY)}: expected one of the ids in BEZEL_MASTER_KEYS (${ids.join(', ')})`);
  return parsed.keys;
}
