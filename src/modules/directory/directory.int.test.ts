import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TEST_PASSWORD, nextTotpCode, TestClient } from '../../../test/helpers/test-app.js';
import { demoId } from '../../demo/demo-data.js';

let t: TestApp;
let admin: TestClient;
const lastrada = demoId('organisation', 'lastrada');
const iom = demoId('organisation', 'iom');
const VINNYTSIA_OBLAST = 'UA05000000000010236';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('asks for the second factor, then sets a fresh session cookie and hands out the CSRF token', async () => {
    const c = new TestClient(t.app);
    const first = await c.post('/api/v1/auth/login', { username: 'hotline.lastrada', password: TEST_PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true, enrolmentRequired: false });
    const pendingCookie = c.cookie;
    expect(pendingCookie).toMatch(/^nrm_session=/);
    // A pending session cannot use the API yet.
    expect((await c.get('/api/v1/home')).statusCode).toBe(401);
    const wrong = await c.post('/api/v1/auth/mfa', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const ok = await c.post('/api/v1/auth/mfa', { code: await nextTotpCode(t.db, 'hotline.lastrada') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe('hotline.lastrada');
    expect(c.cookie).not.toBe(pendingCookie);
    const session = (await c.get('/api/v1/auth/session')).json();
    expect(session.authenticated).toBe(true);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(session.permissions.map((p: { action: string }) => p.action)).toContain('home.read');
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const c = new TestClient(t.app);
    const wrong = await c.post('/api/v1/auth/login', { username: 'analyst.mosp', password: 'not-the-password-1' });
    const unknown = await c.post('/api/v1/auth/login', { username: 'nobody.here', password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().title).toBe(unknown.json().title);
  });

  it('accepts a recovery code once', async () => {
    const c = await t.login('programme.iom');
    const enrol = await c.post('/api/v1/profile/mfa/recovery-codes', { code: await nextTotpCode(t.db, 'programme.iom') });
    expect(enrol.statusCode).toBe(200);
    const codes: string[] = enrol.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    const use = async () => {
      const x = new TestClient(t.app);
      await x.post('/api/v1/auth/login', { username: 'programme.iom', password: TEST_PASSWORD });
      return x.post('/api/v1/auth/mfa', { code: codes[0] });
    };
    expect((await use()).statusCode).toBe(200);
    expect((await use()).statusCode).toBe(401);
  });

  it('makes a user whose second factor was reset enrol again at sign-in', async () => {
    const created = await admin.post('/api/v1/users', {
      username: 'new.worker',
      displayName: 'Новий Працівник',
      organisationId: lastrada,
      roles: ['case_worker'],
    });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(user.mustChangePassword).toBe(true);
    const c = new TestClient(t.app);
    const login = await c.post('/api/v1/auth/login', { username: 'new.worker', password: temporaryPassword });
    expect(login.json()).toEqual({ mfaRequired: true, enrolmentRequired: true });
    const enrolment = await c.post('/api/v1/auth/mfa/enrolment');
    expect(enrolment.statusCode).toBe(200);
    const { secret, qrSvg, otpauthUri } = enrolment.json();
    expect(qrSvg).toContain('<svg');
    expect(otpauthUri).toContain('otpauth://totp/');
    const { totpCode } = await import('../../platform/auth/totp.js');
    const done = await c.post('/api/v1/auth/mfa', { code: totpCode(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.json().recoveryCodes).toHaveLength(10);
    await c.refreshCsrf();
    // The temporary password must be replaced; the policy refuses a common one.
    const common = await c.post('/api/v1/profile/password', { currentPassword: temporaryPassword, newPassword: 'password1234' });
    expect(common.statusCode).toBe(422);
    expect(common.json().errors).toContainEqual({ field: 'password', message: 'common' });
    const short = await c.post('/api/v1/profile/password', { currentPassword: temporaryPassword, newPassword: 'short' });
    expect(short.json().errors).toContainEqual({ field: 'password', message: 'too_short' });
    const good = await c.post('/api/v1/profile/password', { currentPassword: temporaryPassword, newPassword: 'Correct-Horse-Battery-7' });
    expect(good.statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/session')).json().user.mustChangePassword).toBe(false);
  });

  it('signs out everywhere', async () => {
    const a = await t.login('decision.nss');
    const b = await t.login('decision.nss');
    const r = await a.post('/api/v1/auth/logout-everywhere');
    expect(r.json().sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await b.get('/api/v1/home')).statusCode).toBe(401);
  });
});

describe('organisations', () => {
  it('creates, reads and updates with optimistic concurrency', async () => {
    const created = await admin.post('/api/v1/organisations', {
      nameUk: "  ГО «Нова обʼєднана громада» ",
      nameEn: 'NGO New Community',
      typeCode: 'ngo',
      contacts: { phone: '+380 67 000 00 00', email: 'info@example.org' },
      jurisdiction: [VINNYTSIA_OBLAST],
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org.nameUk).toBe('ГО «Нова обʼєднана громада»');
    expect(org.jurisdiction[0]).toMatchObject({ code: VINNYTSIA_OBLAST, nameUk: 'Вінницька' });
    const update = { nameUk: org.nameUk, nameEn: 'NGO New United Community', typeCode: 'ngo', contacts: {}, jurisdiction: [], active: true };
    const first = await admin.put(`/api/v1/organisations/${org.id}`, { ...update, version: org.version });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(org.version + 1);
    const stale = await admin.put(`/api/v1/organisations/${org.id}`, { ...update, nameEn: 'Lost update', version: org.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await admin.get(`/api/v1/organisations/${org.id}`)).json().nameEn).toBe('NGO New United Community');
  });

  it('refuses unknown types, unknown units and unknown fields', async () => {
    const base = { nameUk: 'Тест', nameEn: 'Test', typeCode: 'ngo', jurisdiction: [] };
    expect((await admin.post('/api/v1/organisations', { ...base, typeCode: 'spaceship' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/organisations', { ...base, jurisdiction: ['UA99999999999999999'] })).statusCode).toBe(400);
    const extra = await admin.post('/api/v1/organisations', { ...base, colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('validation');
  });

  it('pages through the directory with a cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin.get(`/api/v1/organisations?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      for (const o of body.items) seen.add(o.id);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const total = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations')).rows[0]!.n;
    expect(seen.size).toBe(total);
    expect(pages).toBeGreaterThan(1);
  });
});

describe('user administration', () => {
  it('lets an organisation administrator manage only their own organisation', async () => {
    const orgAdmin = await t.login('orgadmin.lastrada');
    const list = (await orgAdmin.get('/api/v1/users?limit=100')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u: { organisationId: string }) => u.organisationId === lastrada)).toBe(true);
    const created = await orgAdmin.post('/api/v1/users', { username: 'volunteer.lastrada', displayName: 'Волонтерка', organisationId: lastrada, roles: ['hotline_operator'] });
    expect(created.statusCode).toBe(201);
    const elsewhere = await orgAdmin.post('/api/v1/users', { username: 'spy.iom', displayName: 'X', organisationId: iom, roles: ['case_worker'] });
    expect(elsewhere.statusCode).toBe(403);
    const escalate = await orgAdmin.post('/api/v1/users', { username: 'boss.lastrada', displayName: 'X', organisationId: lastrada, roles: ['system_admin'] });
    expect(escalate.statusCode).toBe(403);
    const iomUser = demoId('user', 'programme.iom');
    expect((await orgAdmin.get(`/api/v1/users/${iomUser}`)).statusCode).toBe(404);
    const touch = await orgAdmin.post(`/api/v1/users/${iomUser}/reset-password`);
    expect(touch.statusCode).toBe(403);
    const denied = await t.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'user.password_reset' AND outcome = 'denied' AND object_id = $1",
      [iomUser],
    );
    expect(denied.rows).toHaveLength(1);
  });

  it('updates roles, deactivates (ending sessions) and unlocks', async () => {
    const victim = await t.login('police.vinnytsia');
    const id = demoId('user', 'police.vinnytsia');
    const currentRes = await admin.get(`/api/v1/users/${id}`);
    expect(currentRes.statusCode, currentRes.body).toBe(200);
    const current = currentRes.json();
    const upd = await admin.put(`/api/v1/users/${id}`, {
      displayName: current.displayName,
      roles: ['police_liaison', 'case_worker'],
      active: false,
      version: current.version,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().roles).toEqual(['case_worker', 'police_liaison']);
    expect((await victim.get('/api/v1/home')).statusCode).toBe(401);
    const again = await admin.put(`/api/v1/users/${id}`, { displayName: current.displayName, roles: ['police_liaison'], active: true, version: current.version });
    expect(again.statusCode).toBe(409);
    await t.db.query("UPDATE users SET locked_until = now() + interval '1 hour', failed_login_count = 5 WHERE id = $1", [id]);
    expect((await admin.get(`/api/v1/users/${id}`)).json().locked).toBe(true);
    expect((await admin.post(`/api/v1/users/${id}/unlock`)).json().locked).toBe(false);
  });

  it('changes the second-factor requirement of a role', async () => {
    const r = await admin.put('/api/v1/roles/analyst', { mfaRequired: true });
    expect(r.statusCode).toBe(200);
    expect(r.json().mfaRequired).toBe(true);
    const roles = (await admin.get('/api/v1/roles')).json().items;
    expect(roles.find((x: { code: string }) => x.code === 'analyst').mfaRequired).toBe(true);
    const analyst = await t.login('analyst.mosp');
    expect((await analyst.put('/api/v1/roles/analyst', { mfaRequired: false })).statusCode).toBe(403);
  });
});

describe('audit viewer', () => {
  it('filters events and exports formula-safe CSV', async () => {
    const dpo = await t.login('dpo.mosp');
    const logins = (await dpo.get('/api/v1/audit/events?action=auth.login&outcome=success&limit=5')).json();
    expect(logins.items).toHaveLength(5);
    expect(logins.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect(logins.nextCursor).not.toBeNull();
    const next = (await dpo.get(`/api/v1/audit/events?action=auth.login&outcome=success&limit=5&cursor=${logins.nextCursor}`)).json();
    expect(next.items[0].id).toBeLessThan(logins.items[4].id);
    // An organisation name starting with "=" must not become a formula in the export: the admin's own
    // organisation (shown in the "organisation" column of the admin's events) is renamed to one.
    const mosp = demoId('organisation', 'mosp');
    const before = (await admin.get(`/api/v1/organisations/${mosp}`)).json();
    const body = (o: typeof before, nameUk: string) => ({
      nameUk, nameEn: o.nameEn, typeCode: o.typeCode, contacts: o.contacts, active: true,
      jurisdiction: o.jurisdiction.map((j: { code: string }) => j.code), version: o.version,
    });
    const renamed = await admin.put(`/api/v1/organisations/${mosp}`, body(before, '=HYPERLINK("http://evil")'));
    expect(renamed.statusCode).toBe(200);
    const csv = await dpo.get('/api/v1/audit/events.csv?action=organisation.update');
    await admin.put(`/api/v1/organisations/${mosp}`, body(renamed.json(), before.nameUk));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="opennrm-audit-/);
    expect(csv.body).toContain(mosp);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const exported = await t.db.query("SELECT 1 FROM audit_events WHERE action = 'audit.export'");
    expect(exported.rows.length).toBeGreaterThan(0);
    const verify = (await dpo.get('/api/v1/audit/verify')).json();
    expect(verify.intact).toBe(true);
  });

  it('reads date-only bounds as calendar days in the deployment time zone (Europe/Kyiv)', async () => {
    const dpo = await t.login('dpo.mosp');
    const kyivDay = (offsetDays: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date(Date.now() + offsetDays * 86_400_000));
    const today = (await dpo.get(`/api/v1/audit/events?from=${kyivDay(0)}&to=${kyivDay(0)}&limit=5`)).json();
    expect(today.items.length).toBeGreaterThan(0);
    const yesterday = (await dpo.get(`/api/v1/audit/events?to=${kyivDay(-1)}&limit=5`)).json();
    expect(yesterday.items).toEqual([]);
    const reversed = await dpo.get(`/api/v1/audit/events?from=${kyivDay(0)}&to=${kyivDay(-1)}`);
    expect(reversed.statusCode).toBe(400);
  });

  it('is closed to roles without audit permission', async () => {
    const analyst = await t.login('analyst.mosp');
    expect((await analyst.get('/api/v1/audit/events')).statusCode).toBe(403);
  });
});

describe('home', () => {
  it('shows role-aware figures', async () => {
    const h = (await admin.get('/api/v1/home')).json();
    expect(h.displayName).toBe('Олександр Бондаренко');
    expect(h.widgets.map((w: { key: string }) => w.key)).toEqual(
      expect.arrayContaining(['organisations', 'activeUsers', 'lockedUsers', 'auditEventsToday']),
    );
    const worker = await t.login('caseworker.dzherelo');
    expect((await worker.get('/api/v1/home')).json().widgets).toEqual([]);
  });
});
