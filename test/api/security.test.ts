import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/demo/demo-data.js';
import { buildApp } from '../../src/platform/http/app.js';
import { logRedactPaths } from '../../src/platform/logging/logging.js';
import { moduleRoutes } from '../../src/modules/index.js';
import { createTestApp, nextTotpCode, TEST_PASSWORD, type TestApp, TestClient } from '../helpers/test-app.js';

/**
 * Security behaviour seen from outside: brute force, CSRF, cookies, session timeouts, cross-organisation
 * administration, audit access, TOTP replay. One app with demo data; every brute-force scenario uses its
 * own client address (TRUST_PROXY=1 and X-Forwarded-For) so the per-address throttle of one does not
 * disturb the others.
 */
let t: TestApp;
let admin: TestClient;
const userId = (username: string) => demoId('user', username);
const WRONG = 'Not-The-Password-1';

beforeAll(async () => {
  t = await createTestApp({
    demo: true,
    env: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_LOCKOUT_MINUTES: '15', LOGIN_IP_MAX_FAILURES: '8', LOGIN_IP_WINDOW_MINUTES: '15' },
  });
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

const fromAddress = (ip: string) => ({ 'x-forwarded-for': ip });

function expectProblem(res: Awaited<ReturnType<TestClient['get']>>, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body;
}

async function auditEvents(where: string, params: unknown[]) {
  const { rows } = await t.db.query<{ action: string; outcome: string; user_id: string | null; object_id: string | null; details: Record<string, unknown> }>(
    `SELECT action, outcome, user_id, object_id, details FROM audit_events WHERE ${where} ORDER BY id`,
    params,
  );
  return rows;
}

describe('brute-force sign-in', () => {
  it('locks the account after LOGIN_MAX_FAILURES wrong passwords (423), even for the right password', async () => {
    const c = new TestClient(t.app);
    const ip = fromAddress('198.51.100.11');
    for (let i = 1; i <= 4; i++) {
      expectProblem(await c.post('/api/v1/auth/login', { username: 'hotline.lastrada', password: WRONG }, ip), 401, 'invalid_credentials');
    }
    expectProblem(await c.post('/api/v1/auth/login', { username: 'hotline.lastrada', password: WRONG }, ip), 423, 'account_locked');
    // The right password does not help while locked, from any address.
    expectProblem(await c.post('/api/v1/auth/login', { username: 'hotline.lastrada', password: TEST_PASSWORD }, fromAddress('198.51.100.12')), 423, 'account_locked');
    const { rows } = await t.db.query<{ locked: boolean }>('SELECT locked_until > now() AS locked FROM users WHERE id = $1', [userId('hotline.lastrada')]);
    expect(rows[0]!.locked).toBe(true);
    const denied = await auditEvents("action = 'auth.login' AND object_id = $1 AND outcome = 'denied'", [userId('hotline.lastrada')]);
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });

  it('an administrator lifts the lockout with POST /users/:id/unlock', async () => {
    const unlock = await admin.post(`/api/v1/users/${userId('hotline.lastrada')}/unlock`);
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect(unlock.json().locked).toBe(false);
    const c = new TestClient(t.app);
    const login = await c.post('/api/v1/auth/login', { username: 'hotline.lastrada', password: TEST_PASSWORD }, fromAddress('198.51.100.13'));
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().mfaRequired).toBe(true);
    expect(await auditEvents("action = 'user.unlock' AND object_id = $1", [userId('hotline.lastrada')])).toHaveLength(1);
  });

  it('a wrong second-factor code counts towards the lockout as well', async () => {
    const c = new TestClient(t.app);
    const ip = fromAddress('198.51.100.14');
    expect((await c.post('/api/v1/auth/login', { username: 'official.vinnytsia', password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
    for (let i = 1; i <= 4; i++) expectProblem(await c.post('/api/v1/auth/mfa', { code: '000000' }, ip), 401);
    expectProblem(await c.post('/api/v1/auth/mfa', { code: '000000' }, ip), 423, 'account_locked');
    // The half-finished session is gone.
    expectProblem(await c.post('/api/v1/auth/mfa', { code: await nextTotpCode(t.db, 'official.vinnytsia') }, ip), 401);
    expect((await admin.post(`/api/v1/users/${userId('official.vinnytsia')}/unlock`)).statusCode).toBe(200);
  });

  it('throttles an address after LOGIN_IP_MAX_FAILURES failures (429), whatever the usernames', async () => {
    const c = new TestClient(t.app);
    const ip = fromAddress('203.0.113.21');
    for (let i = 0; i < 8; i++) {
      expectProblem(await c.post('/api/v1/auth/login', { username: `no.such.user.${i}`, password: WRONG }, ip), 401, 'invalid_credentials');
    }
    expectProblem(await c.post('/api/v1/auth/login', { username: 'analyst.mosp', password: TEST_PASSWORD }, ip), 429, 'too_many_requests');
    // Another address is not affected, and the throttled attempts did not lock the real account.
    const other = await c.post('/api/v1/auth/login', { username: 'analyst.mosp', password: TEST_PASSWORD }, fromAddress('203.0.113.22'));
    expect(other.statusCode, other.body).toBe(200);
    const throttled = await auditEvents("action = 'auth.login' AND outcome = 'denied' AND details->>'reason' = 'ip_throttled'", []);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For does not dodge the address throttle', async () => {
    const direct = await buildApp({ ...t.ctx, config: { ...t.config, trustProxy: false } }, moduleRoutes, { logger: false, serveWeb: false });
    try {
      const attempt = (i: number) =>
        direct.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '192.0.2.77',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` },
          payload: JSON.stringify({ username: `ghost.${i}`, password: WRONG }),
        });
      for (let i = 0; i < 8; i++) expect((await attempt(i)).statusCode).toBe(401);
      const r = await attempt(99);
      expect(r.statusCode).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('CSRF', () => {
  const target = () => `/api/v1/users/${userId('caseworker.dzherelo')}/unlock`;

  async function raw(method: 'POST' | 'PUT', url: string, headers: Record<string, string>, body: unknown = {}) {
    return t.app.inject({
      method,
      url,
      headers: { cookie: admin.cookie!, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  }

  it('refuses a POST without the x-csrf-token header (403 problem+json) and records it', async () => {
    const before = (await auditEvents("action = 'security.csrf_rejected'", [])).length;
    expectProblem(await raw('POST', target(), {}), 403, 'csrf');
    expect((await auditEvents("action = 'security.csrf_rejected'", [])).length).toBe(before + 1);
  });

  it('refuses a wrong, empty or another session\u2019s token, on POST and PUT', async () => {
    const other = await t.login('dpo.mosp');
    expect(other.csrfToken).not.toBe(admin.csrfToken);
    for (const token of ['wrong', '', admin.csrfToken!.slice(0, -1), `${admin.csrfToken}x`, other.csrfToken!]) {
      expectProblem(await raw('POST', target(), { 'x-csrf-token': token }), 403, 'csrf');
    }
    const user = (await admin.get(`/api/v1/users/${userId('caseworker.dzherelo')}`)).json();
    const body = { displayName: 'Змінене Імʼя', roles: user.roles, active: true, version: user.version };
    expectProblem(await raw('PUT', `/api/v1/users/${user.id}`, {}, body), 403, 'csrf');
    expectProblem(await raw('PUT', `/api/v1/users/${user.id}`, { 'x-csrf-token': other.csrfToken! }, body), 403, 'csrf');
    // Nothing changed.
    expect((await admin.get(`/api/v1/users/${user.id}`)).json().displayName).toBe(user.displayName);
  });

  it('accepts the same request with the session\u2019s token', async () => {
    const r = await raw('POST', target(), { 'x-csrf-token': admin.csrfToken! });
    expect(r.statusCode, r.body).toBe(200);
  });
});

describe('session cookie', () => {
  async function loginCookie(headers: Record<string, string>) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ username: 'decision.nss', password: TEST_PASSWORD }),
    });
    expect(r.statusCode, r.body).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'nrm_session');
    expect(cookie).toBeDefined();
    return { cookie: cookie!, header: String(r.headers['set-cookie']) };
  }

  it('is HttpOnly, SameSite=Strict, Path=/ and not Secure over plain http', async () => {
    const { cookie, header } = await loginCookie({});
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('is Secure when the request came over https through a trusted proxy', async () => {
    const { cookie, header } = await loginCookie({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.40' });
    expect(cookie.secure).toBe(true);
    expect(header).toMatch(/; Secure/i);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  it('stores only a hash of the token in the database', async () => {
    const { cookie } = await loginCookie({});
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1', [cookie.value]);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('session timeouts', () => {
  it('an idle session ends after SESSION_IDLE_MINUTES and its cookie is cleared', async () => {
    const c = await t.login('police.vinnytsia');
    expect((await c.get('/api/v1/home')).statusCode).toBe(200);
    await t.db.query("UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2 + 1) WHERE user_id = $1", [
      userId('police.vinnytsia'),
      t.config.session.idleMinutes,
    ]);
    const r = await c.get('/api/v1/home');
    expectProblem(r, 401, 'unauthenticated');
    expect(r.cookies.find((x) => x.name === 'nrm_session')?.value ?? '').toBe('');
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [userId('police.vinnytsia')]);
    expect(rows[0]!.n).toBe(0);
  });

  it('a session active just within the idle limit goes on', async () => {
    const c = await t.login('monitor.coalition');
    await t.db.query("UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2) + interval '30 seconds' WHERE user_id = $1", [
      userId('monitor.coalition'),
      t.config.session.idleMinutes,
    ]);
    expect((await c.get('/api/v1/home')).statusCode).toBe(200);
    // ...and the request counted as activity.
    const { rows } = await t.db.query<{ recent: boolean }>("SELECT last_seen_at > now() - interval '1 minute' AS recent FROM sessions WHERE user_id = $1", [
      userId('monitor.coalition'),
    ]);
    expect(rows[0]!.recent).toBe(true);
  });

  it('a session ends at its absolute expiry however active', async () => {
    const c = await t.login('orgadmin.iom');
    await t.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [userId('orgadmin.iom')]);
    expectProblem(await c.get('/api/v1/home'), 401);
  });

  it('a sign-in waiting for its second factor expires after five idle minutes', async () => {
    const c = new TestClient(t.app);
    expect((await c.post('/api/v1/auth/login', { username: 'programme.iom', password: TEST_PASSWORD }, fromAddress('198.51.100.50'))).statusCode).toBe(200);
    await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '5 minutes 1 second' WHERE user_id = $1 AND mfa_pending", [userId('programme.iom')]);
    expectProblem(await c.post('/api/v1/auth/mfa', { code: await nextTotpCode(t.db, 'programme.iom') }), 401);
  });
});

describe('organisation administrators stay in their organisation', () => {
  let orgAdmin: TestClient;
  beforeAll(async () => {
    orgAdmin = await t.login('orgadmin.lastrada');
  });

  it('cannot change, unlock or reset a user of another organisation (403, audited as denied)', async () => {
    const other = (await admin.get(`/api/v1/users/${userId('caseworker.dzherelo')}`)).json();
    expect(other.organisationId).not.toBe(demoId('organisation', 'lastrada'));
    const body = { displayName: 'Захоплений Обліковий Запис', roles: other.roles, active: false, version: other.version };
    expectProblem(await orgAdmin.put(`/api/v1/users/${other.id}`, body), 403, 'forbidden');
    const denied = await auditEvents("action = 'user.update' AND object_id = $1 AND outcome = 'denied'", [other.id]);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.user_id).toBe(userId('orgadmin.lastrada'));
    for (const action of ['unlock', 'reset-password', 'reset-mfa', 'sign-out-everywhere']) {
      const r = await orgAdmin.post(`/api/v1/users/${other.id}/${action}`);
      expect([403, 404], `${action}: ${r.body}`).toContain(r.statusCode);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const after = (await admin.get(`/api/v1/users/${other.id}`)).json();
    expect(after).toMatchObject({ displayName: other.displayName, active: true, version: other.version, mfaEnrolled: true });
  });

  it('cannot take over the system administrator account', async () => {
    const sys = (await admin.get(`/api/v1/users/${userId('admin')}`)).json();
    const r = await orgAdmin.put(`/api/v1/users/${sys.id}`, { displayName: 'x', roles: sys.roles, active: true, version: sys.version });
    expect([403, 404]).toContain(r.statusCode);
    expect((await orgAdmin.post(`/api/v1/users/${sys.id}/reset-password`)).statusCode).not.toBe(200);
  });

  it('can manage an ordinary user of their own organisation (the control case)', async () => {
    const own = (await orgAdmin.get(`/api/v1/users/${userId('hotline.lastrada')}`)).json();
    const r = await orgAdmin.put(`/api/v1/users/${own.id}`, { displayName: own.displayName, roles: own.roles, active: true, version: own.version });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('cannot give their own users a system administrator role', async () => {
    const own = (await orgAdmin.get(`/api/v1/users/${userId('hotline.lastrada')}`)).json();
    const r = await orgAdmin.put(`/api/v1/users/${own.id}`, { displayName: own.displayName, roles: ['system_admin'], active: true, version: own.version });
    expect(r.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/users/${own.id}`)).json().roles).not.toContain('system_admin');
  });
});

describe('audit trail access', () => {
  it('an analyst cannot read or export the audit trail (403), and the attempt is audited', async () => {
    const analyst = await t.login('analyst.mosp');
    expectProblem(await analyst.get('/api/v1/audit/events'), 403, 'forbidden');
    expectProblem(await analyst.get('/api/v1/audit/events.csv'), 403, 'forbidden');
    const denied = await auditEvents("action = 'access.denied' AND user_id = $1", [userId('analyst.mosp')]);
    expect(denied.map((d) => d.details.permission)).toEqual(expect.arrayContaining(['audit.read', 'audit.export']));
  });

  it('the data protection officer can (the control case)', async () => {
    const dpo = await t.login('dpo.mosp');
    const r = await dpo.get('/api/v1/audit/events?limit=5');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
  });

  it('an organisation administrator sees only their organisation\u2019s events', async () => {
    const orgAdmin = await t.login('orgadmin.iom');
    const r = await orgAdmin.get('/api/v1/audit/events?limit=200');
    expect(r.statusCode).toBe(200);
    const orgs = new Set(r.json().items.map((e: { organisationId: string | null }) => e.organisationId));
    expect([...orgs]).toEqual([demoId('organisation', 'iom')]);
  });

  it('nobody signed out reads it (401)', async () => {
    expectProblem(await new TestClient(t.app).get('/api/v1/audit/events'), 401, 'unauthenticated');
  });
});

describe('second factor', () => {
  it('a TOTP code cannot be replayed, not even by the same user a moment later', async () => {
    const code = await nextTotpCode(t.db, 'caseworker.dzherelo');
    const first = new TestClient(t.app);
    expect((await first.post('/api/v1/auth/login', { username: 'caseworker.dzherelo', password: TEST_PASSWORD }, fromAddress('198.51.100.60'))).statusCode).toBe(200);
    const ok = await first.post('/api/v1/auth/mfa', { code });
    expect(ok.statusCode, ok.body).toBe(200);

    const second = new TestClient(t.app);
    expect((await second.post('/api/v1/auth/login', { username: 'caseworker.dzherelo', password: TEST_PASSWORD }, fromAddress('198.51.100.61'))).statusCode).toBe(200);
    expectProblem(await second.post('/api/v1/auth/mfa', { code }), 401, 'mfa_invalid');
    expectProblem(await second.get('/api/v1/home'), 401);
    // A fresh code still works.
    const fresh = await second.post('/api/v1/auth/mfa', { code: await nextTotpCode(t.db, 'caseworker.dzherelo') });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('the password step alone gives no access to the API', async () => {
    const c = new TestClient(t.app);
    expect((await c.post('/api/v1/auth/login', { username: 'orgadmin.lastrada', password: TEST_PASSWORD }, fromAddress('198.51.100.62'))).statusCode).toBe(200);
    for (const url of ['/api/v1/home', '/api/v1/users', '/api/v1/audit/events', '/api/v1/organisations']) {
      expectProblem(await c.get(url), 401);
    }
  });
});

describe('logs never carry credentials', () => {
  it('the redaction paths hide passwords, codes, cookies and tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // The same logger options as buildApp gives Fastify, writing into memory.
    const logger = Fastify({ logger: { level: 'info', redact: { paths: logRedactPaths, censor: '[redacted]' }, stream: sink } }).log;
    logger.info({ body: { username: 'admin', password: 'Secret-Password-1' } }, 'login');
    logger.info({ body: { currentPassword: 'Secret-Password-2', newPassword: 'Secret-Password-3' } }, 'change');
    logger.info({ body: { code: '123456' }, session: { token: 'tok-abcdef' } }, 'mfa');
    logger.info({ req: { headers: { cookie: 'nrm_session=tok-ghijkl', authorization: 'Bearer tok-mnopqr', 'x-csrf-token': 'csrf-stuvwx' } } }, 'request');
    logger.info({ res: { headers: { 'set-cookie': 'nrm_session=tok-yzabcd; HttpOnly' } } }, 'response');
    const text = lines.join('');
    for (const secret of ['Secret-Password-1', 'Secret-Password-2', 'Secret-Password-3', '123456', 'tok-abcdef', 'tok-ghijkl', 'tok-mnopqr', 'csrf-stuvwx', 'tok-yzabcd']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('"username":"admin"');
  });
});
