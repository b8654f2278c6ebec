import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET } from '../../src/demo/demo-data.js';
import { totpCode } from '../../src/platform/auth/totp.js';

/**
 * The real server (src/main.ts, as `npm start` runs it) with the most verbose logging, its stdout and
 * stderr captured: after sign-ins, wrong passwords, a password change and malformed requests, no log line
 * may carry a password, a code, a session cookie or a CSRF token. Embedded database by default; a new
 * database on the test server when TEST_DATABASE_URL is set.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO_PASSWORD = 'Log-Test-Demo-Password-7301';
const SECRETS = {
  wrongPassword: 'Leaky-Wrong-Password-4417',
  currentPassword: 'Leaky-Current-Password-5523',
  newPassword: 'Leaky-New-Password-6634',
  badJsonPassword: 'Leaky-Bad-Json-Password-7741',
  largeBodyPassword: 'Leaky-Large-Body-Password-8852',
  queryText: 'Leaky-Query-Text-9963',
  bearer: 'Leaky-Bearer-Token-1074',
};

let server: ChildProcessWithoutNullStreams | null = null;
let dataDir = '';
let output = '';
let baseUrl = '';
let serverDatabase: { name: string; admin: string } | null = null;

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'opennrm-logs-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'TEST_DATABASE_URL', 'NODE_OPTIONS'].includes(k) && !k.startsWith('VITEST')),
  );
  const database: Record<string, string> = {};
  if (process.env.TEST_DATABASE_URL) {
    serverDatabase = { name: `opennrm_logs_${randomBytes(5).toString('hex')}`, admin: process.env.TEST_DATABASE_URL };
    await adminQuery(serverDatabase.admin, `CREATE DATABASE ${serverDatabase.name}`);
    const url = new URL(serverDatabase.admin);
    url.pathname = `/${serverDatabase.name}`;
    database.DATABASE_URL = url.toString();
  }
  server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: '1',
      DEMO_PASSWORD,
      LOG_LEVEL: 'trace',
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_TIME_COST: '1',
      ...database,
    },
  });
  server.stdout.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr.on('data', (d: Buffer) => (output += d.toString()));
  baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    }, 100);
    server!.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output.slice(-3000)}`));
    });
  });
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  if (serverDatabase) await adminQuery(serverDatabase.admin, `DROP DATABASE IF EXISTS ${serverDatabase.name} WITH (FORCE)`);
});

/** A tiny cookie-keeping client over fetch (the real HTTP stack, not inject). */
class HttpClient {
  cookie = '';
  csrf = '';
  async send(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('nrm_session='));
    if (set) this.cookie = set.split(';')[0]!;
    return { status: res.status, text: await res.text() };
  }
}

describe('logs never contain credentials (real server, LOG_LEVEL=trace)', () => {
  it('keeps passwords, codes, cookies and tokens out of every log line', async () => {
    const c = new HttpClient();
    expect((await c.send('POST', '/api/v1/auth/login', JSON.stringify({ username: 'admin', password: SECRETS.wrongPassword }))).status).toBe(401);
    expect((await c.send('POST', '/api/v1/auth/login', JSON.stringify({ username: 'nobody.at.all', password: SECRETS.wrongPassword }))).status).toBe(401);
    expect((await c.send('POST', '/api/v1/auth/login', JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }))).status).toBe(200);
    const pendingCookie = c.cookie;
    const code = totpCode(DEMO_TOTP_SECRET);
    const mfa = await c.send('POST', '/api/v1/auth/mfa', JSON.stringify({ code }));
    expect(mfa.status, mfa.text).toBe(200);
    const session = await c.send('GET', '/api/v1/auth/session');
    c.csrf = (JSON.parse(session.text) as { csrfToken: string }).csrfToken;
    expect(c.csrf.length).toBeGreaterThan(20);

    const change = await c.send('POST', '/api/v1/profile/password', JSON.stringify({ currentPassword: SECRETS.currentPassword, newPassword: SECRETS.newPassword }));
    expect(change.status).toBe(400);
    expect((await c.send('POST', '/api/v1/auth/login', `{"username":"admin","password":"${SECRETS.badJsonPassword}"`)).status).toBe(400);
    const large = JSON.stringify({ username: 'admin', password: SECRETS.largeBodyPassword, padding: 'x'.repeat(1_100_000) });
    expect((await c.send('POST', '/api/v1/auth/login', large)).status).toBe(413);
    expect((await c.send('GET', `/api/v1/users?q=${SECRETS.queryText}`)).status).toBe(200);
    expect((await c.send('GET', '/api/v1/home', undefined, { authorization: `Bearer ${SECRETS.bearer}` })).status).toBe(200);
    expect((await c.send('GET', `/api/v1/nothing/${SECRETS.queryText}`)).status).toBe(404);
    // A server error path too: an unknown route with a body.
    await c.send('POST', '/api/v1/home', JSON.stringify({ password: SECRETS.wrongPassword }));
    await new Promise((r) => setTimeout(r, 500)); // let the last log lines arrive

    const logLines = output.split('\n').filter((l) => l.startsWith('{'));
    // The test saw real log lines (so it can fail): every request is logged at trace level.
    expect(logLines.length).toBeGreaterThan(20);
    expect(logLines.some((l) => l.includes('"/api/v1/auth/login"'))).toBe(true);
    const everything = output;
    for (const [what, secret] of Object.entries(SECRETS)) expect(everything, what).not.toContain(secret);
    for (const token of [pendingCookie.split('=')[1]!, c.cookie.split('=')[1]!, c.csrf]) expect(everything).not.toContain(token);
    // The demo password is shown once on purpose in the start-up banner; never in a log line.
    const logText = logLines.join('\n');
    expect(logText).not.toContain(DEMO_PASSWORD);
    expect(logText).not.toMatch(new RegExp(`"code"\\s*:\\s*"${code}"`));
    expect(logText).not.toContain(DEMO_TOTP_SECRET);
  });
});
