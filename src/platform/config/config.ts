import path from 'node:path';
import { z } from 'zod';

/** Raised when the environment is wrong; the message is one line naming the variable and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: positiveInt(0, 65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_SIZE: positiveInt(1, 200).default(10),
    DEMO: booleanFlag.optional(),
    DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('Demo-Password-2026'),
    OPENNRM_MASTER_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64')
      .optional(),
    TIME_ZONE: z
      .string()
      .default('Europe/Kyiv')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Kyiv'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: booleanFlag.default(false),
    SESSION_IDLE_MINUTES: positiveInt(1, 24 * 60).default(15),
    SESSION_ABSOLUTE_HOURS: positiveInt(1, 7 * 24).default(12),
    LOGIN_MAX_FAILURES: positiveInt(1, 100).default(5),
    LOGIN_LOCKOUT_MINUTES: positiveInt(1, 7 * 24 * 60).default(15),
    LOGIN_IP_MAX_FAILURES: positiveInt(1, 10000).default(30),
    LOGIN_IP_WINDOW_MINUTES: positiveInt(1, 24 * 60).default(15),
    ARGON2_MEMORY_KIB: positiveInt(8 * 1024, 1024 * 1024).default(64 * 1024),
    ARGON2_TIME_COST: positiveInt(1, 20).default(2),
    ARGON2_PARALLELISM: positiveInt(1, 8).default(1),
  })
  .strip();

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'embedded'; dir: string } | { kind: 'server'; url: string; poolSize: number };
  demo: boolean;
  demoPassword: string;
  masterKey: Buffer | null;
  logLevel: string;
  /** The deployment's time zone: calendar days in filters and reports are days here. */
  timeZone: string;
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockoutMinutes: number; ipMaxFailures: number; ipWindowMinutes: number };
  argon2: { memoryKib: number; timeCost: number; parallelism: number };
};

/** Parses and validates the environment. Throws ConfigError with one clear line on the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${variable}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const embedded = e.DATABASE_URL === undefined;
  const demo = e.DEMO ?? embedded;
  if (e.NODE_ENV === 'production') {
    if (!e.OPENNRM_MASTER_KEY) {
      throw new ConfigError(
        'Configuration error: OPENNRM_MASTER_KEY: required when NODE_ENV=production (32 random bytes in base64, e.g. `openssl rand -base64 32`)',
      );
    }
    if (demo) {
      throw new ConfigError('Configuration error: DEMO: demo data is refused when NODE_ENV=production');
    }
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: embedded
      ? { kind: 'embedded', dir: path.join(dataDir, 'pg') }
      : { kind: 'server', url: e.DATABASE_URL!, poolSize: e.DATABASE_POOL_SIZE },
    demo,
    demoPassword: e.DEMO_PASSWORD,
    masterKey: e.OPENNRM_MASTER_KEY ? Buffer.from(e.OPENNRM_MASTER_KEY, 'base64') : null,
    logLevel: e.LOG_LEVEL,
    timeZone: e.TIME_ZONE,
    trustProxy: e.TRUST_PROXY,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      ipWindowMinutes: e.LOGIN_IP_WINDOW_MINUTES,
    },
    argon2: { memoryKib: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST, parallelism: e.ARGON2_PARALLELISM },
  };
}
