import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with no environment at all: embedded database, demo data, port 8080', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(8080);
    expect(c.database).toEqual({ kind: 'embedded', dir: path.resolve('./data', 'pg') });
    expect(c.demo).toBe(true);
    expect(c.masterKey).toBeNull();
    expect(c.login).toEqual({ maxFailures: 5, lockoutMinutes: 15, ipMaxFailures: 30, ipWindowMinutes: 15 });
    expect(c.argon2.memoryKib).toBeGreaterThanOrEqual(19 * 1024); // OWASP minimum for argon2id
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, without demo data unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/nrm', DATABASE_POOL_SIZE: '20' });
    expect(c.database).toEqual({ kind: 'server', url: 'postgres://u:p@db:5432/nrm', poolSize: 20 });
    expect(c.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/nrm', DEMO: '1' }).demo).toBe(true);
  });

  it('reads flags, numbers and the master key', () => {
    const c = loadConfig({
      PORT: '0',
      TRUST_PROXY: 'yes',
      DEMO: 'false',
      SESSION_IDLE_MINUTES: '3',
      LOGIN_MAX_FAILURES: '2',
      OPENNRM_MASTER_KEY: MASTER_KEY,
      DATA_DIR: '/tmp/nrm-data',
    });
    expect(c.port).toBe(0);
    expect(c.trustProxy).toBe(true);
    expect(c.demo).toBe(false);
    expect(c.session.idleMinutes).toBe(3);
    expect(c.login.maxFailures).toBe(2);
    expect(c.masterKey).toEqual(Buffer.alloc(32, 7));
    expect(c.dataDir).toBe('/tmp/nrm-data');
  });

  it('treats an empty variable as unset and ignores unrelated variables', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', HOME: '/root', SOMETHING_ELSE: 'x' });
    expect(c.port).toBe(8080);
    expect(c.database.kind).toBe('embedded');
  });

  const bad: [string, string][] = [
    ['NODE_ENV', 'staging'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://root:hunter2secret@db/nrm'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', '2.5'],
    ['DEMO', 'maybe'],
    ['DEMO_PASSWORD', 'short-pw'],
    ['OPENNRM_MASTER_KEY', Buffer.alloc(16, 1).toString('base64')],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'perhaps'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_ABSOLUTE_HOURS', '1000'],
    ['LOGIN_MAX_FAILURES', 'many'],
    ['LOGIN_LOCKOUT_MINUTES', '0'],
    ['LOGIN_IP_MAX_FAILURES', '0'],
    ['LOGIN_IP_WINDOW_MINUTES', '100000'],
    ['ARGON2_MEMORY_KIB', '1024'],
    ['ARGON2_TIME_COST', '0'],
    ['ARGON2_PARALLELISM', '64'],
  ];
  it.each(bad)('refuses %s=%s with one line naming the variable', (variable, value) => {
    const err = configError({ [variable]: value });
    expect(err.message).toMatch(new RegExp(`^Configuration error: ${variable}: \\S`));
    expect(err.message).not.toContain('\n');
  });

  it('never echoes a secret value in the error', () => {
    expect(configError({ DATABASE_URL: 'mysql://root:hunter2secret@db/nrm' }).message).not.toContain('hunter2secret');
    expect(configError({ DEMO_PASSWORD: 'short-pw' }).message).not.toContain('short-pw');
    const key = 'c2VjcmV0LWJ1dC10b28tc2hvcnQ=';
    expect(configError({ OPENNRM_MASTER_KEY: key }).message).not.toContain(key);
  });

  it('names the first bad variable when several are bad', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toMatch(/^Configuration error: (PORT|LOG_LEVEL): /);
  });

  it('refuses production without OPENNRM_MASTER_KEY, saying how to make one', () => {
    const err = configError({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/nrm' });
    expect(err.message).toMatch(/^Configuration error: OPENNRM_MASTER_KEY: required when NODE_ENV=production/);
    expect(err.message).toContain('openssl rand -base64 32');
  });

  it('refuses demo data in production, asked for or implied by the embedded database', () => {
    const prod = { NODE_ENV: 'production', OPENNRM_MASTER_KEY: MASTER_KEY };
    expect(configError({ ...prod, DATABASE_URL: 'postgres://db/nrm', DEMO: '1' }).message).toMatch(/^Configuration error: DEMO: /);
    expect(configError(prod).message).toMatch(/^Configuration error: DEMO: /);
  });

  it('accepts a proper production configuration', () => {
    const c = loadConfig({ NODE_ENV: 'production', OPENNRM_MASTER_KEY: MASTER_KEY, DATABASE_URL: 'postgres://db/nrm' });
    expect(c.env).toBe('production');
    expect(c.demo).toBe(false);
    expect(c.masterKey?.length).toBe(32);
  });
});
