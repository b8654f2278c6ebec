import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../../src/platform/config/config.js';
import { createContext } from '../../src/platform/bootstrap.js';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../src/platform/db/db.js';
import { buildApp, type AppInstance } from '../../src/platform/http/app.js';
import type { AppContext } from '../../src/platform/http/context.js';
import { moduleRoutes } from '../../src/modules/index.js';
import { loadReferenceData } from '../../src/modules/reference-data.js';
import { loadDemoData, DEMO_TOTP_SECRET } from '../../src/demo/demo-data.js';
import { totpCode } from '../../src/platform/auth/totp.js';

/**
 * A fresh OpenNRM for one test file: in-memory PGlite by default, or a new database on the PostgreSQL
 * server named by TEST_DATABASE_URL (scripts/with-postgres.mjs starts one). Nothing is shared between files.
 */
export type TestApp = {
  app: AppInstance;
  ctx: Omit<AppContext, 'log'>;
  db: Database;
  config: AppConfig;
  close(): Promise<void>;
  /** Signs a demo user in (password + TOTP) and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<TestClient>;
};

export const TEST_PASSWORD = 'Test-Password-2026';

export async function createTestApp(opts: { demo?: boolean; geography?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_PASSWORD: TEST_PASSWORD,
    LOG_LEVEL: 'silent',
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_TIME_COST: '1',
    ...opts.env,
  });
  const { db, drop } = await freshDatabase();
  const masterKey = randomBytes(32);
  const base = await createContext(config, db, masterKey);
  const app = await buildApp(base, moduleRoutes, { logger: false, serveWeb: false });
  await app.ready();
  const silent = { info() {}, warn() {}, error() {} } as unknown as AppContext['log'];
  if (opts.geography || opts.demo) await loadReferenceData(base, silent);
  if (opts.demo) await loadDemoData(base, silent);
  return {
    app,
    ctx: base,
    db,
    config,
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
    async login(username, password = TEST_PASSWORD) {
      const client = new TestClient(app);
      const first = await client.post('/api/v1/auth/login', { username, password });
      if (first.statusCode !== 200) throw new Error(`login ${username}: ${first.statusCode} ${first.body}`);
      if (first.json().mfaRequired) {
        const second = await client.post('/api/v1/auth/mfa', { code: await nextTotpCode(db, username) });
        if (second.statusCode !== 200) throw new Error(`mfa ${username}: ${second.statusCode} ${second.body}`);
      }
      await client.refreshCsrf();
      return client;
    },
  };
}

async function freshDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { db: await openEmbeddedDatabase(null), drop: async () => {} };
  const name = `opennrm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openServerDatabase(url.toString(), 5);
  return {
    db,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

type InjectResponse = Awaited<ReturnType<AppInstance['inject']>>;

/** A cookie-keeping client over app.inject, sending the CSRF token on state-changing requests. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  constructor(private readonly app: AppInstance) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<InjectResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = res.cookies.find((c) => c.name === 'nrm_session');
    if (setCookie) this.cookie = setCookie.value ? `nrm_session=${setCookie.value}` : null;
    return res;
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);

  async refreshCsrf(): Promise<void> {
    const res = await this.get('/api/v1/auth/session');
    this.csrfToken = res.json().csrfToken;
  }
}

/**
 * A valid code for the demo secret that this user has not used yet: replay protection refuses a time
 * step at or before the last accepted one, so tests signing the same user in twice take the next step
 * inside the ±1 window (and wait for the clock only when all three are used).
 */
export async function nextTotpCode(db: Database, username: string): Promise<string> {
  for (;;) {
    const { rows } = await db.query<{ totp_last_step: number | null }>(
      'SELECT totp_last_step FROM users WHERE lower(username) = lower($1)',
      [username],
    );
    const last = rows[0]?.totp_last_step ?? null;
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    for (const step of [current - 1, current, current + 1]) {
      if (last === null || step > last) return totpCode(DEMO_TOTP_SECRET, step * 30_000 + 15_000);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
