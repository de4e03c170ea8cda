import { z } from 'zod';
import { resolve } from 'node:path';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, 'must start with postgres://, postgresql://, sqlite: or file:')
    .optional(),
  /** Seed the demo bureau into an empty database: auto = yes unless `jiyao init` ran. */
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Cookies get the Secure flag; default: yes when PUBLIC_URL is https. */
  SESSION_COOKIE_SECURE: bool.optional(),
  SESSION_COOKIE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default('jiyao_session'),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  /** Largest attachment accepted, in MB. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** smtp://user:pass@host:587 or smtps://…: notices also go out by e-mail; unset: e-mail is off. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:pass@host:port or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('纪要系统 <jiyao@localhost>'),
  /** Send the built SPA's .br/.gz files to browsers that accept them (off: the plain files). */
  STATIC_PRECOMPRESSED: bool.default(true),
  /** Hashed assets under /assets/ are cached a year, immutable (off: max-age=0, revalidated each time). */
  STATIC_IMMUTABLE: bool.default(true),
  /** Run the scheduled jobs (reminders, overdue marks, e-mail delivery) in this process. */
  JOBS: bool.default(true),
  /**
   * The secret that signs the audit chain's checkpoints. Unset: a random key is
   * created in DATA_DIR/audit-checkpoint.key. Set it from outside the data folder
   * (and the database) so whoever can rewrite both cannot re-sign checkpoints.
   */
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * End-to-end tests only: a file holding a number of milliseconds the server's clock runs ahead of
   * the wall clock (re-read when the file changes), and the jobs tick every 2 s. Never set it in use.
   */
  TEST_CLOCK_FILE: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  seedDemo: 'auto' | 'true' | 'false';
  cookieSecure: boolean;
  cookieName: string;
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string;
  uploadMaxBytes: number;
  smtpUrl: string | null;
  mailFrom: string;
  jobs: boolean;
  auditCheckpointKey: string | null;
  staticPrecompressed: boolean;
  staticImmutable: boolean;
  testClockFile: string | null;
}

export class ConfigError extends Error {}

/**
 * Parses the environment once at start. A bad value stops start-up with one line
 * naming the variable, e.g. `配置错误：PORT — Too big: expected number to be <=65535`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (VAR= in a shell or a compose file).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? '?';
    throw new ConfigError(`配置错误：${name}=${JSON.stringify(env[name] ?? '')} — ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'jiyao.db')}`,
    seedDemo: e.SEED_DEMO,
    cookieSecure: e.SESSION_COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    cookieName: e.SESSION_COOKIE_NAME,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    publicUrl,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    jobs: e.JOBS,
    auditCheckpointKey: e.AUDIT_CHECKPOINT_KEY ?? null,
    staticPrecompressed: e.STATIC_PRECOMPRESSED,
    staticImmutable: e.STATIC_IMMUTABLE,
    testClockFile: e.TEST_CLOCK_FILE ? resolve(e.TEST_CLOCK_FILE) : null,
  };
}
