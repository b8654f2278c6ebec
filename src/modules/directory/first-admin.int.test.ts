import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/helpers/test-app.js';
import { totpCode } from '../../platform/auth/totp.js';
import { createSystemAdministrator } from './first-admin.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const input = {
  username: 'first.admin',
  displayName: 'Перший Адміністратор',
  organisationNameUk: 'Міністерство соціальної політики України',
  organisationNameEn: 'Ministry of Social Policy of Ukraine',
  organisationType: 'ministry_social_policy',
};

describe('the first system administrator of a fresh installation', () => {
  it('signs in with the temporary password, sets up the second factor and must change the password', async () => {
    const created = await createSystemAdministrator(t.ctx, input);
    const c = new TestClient(t.app);
    const login = await c.post('/api/v1/auth/login', { username: 'first.admin', password: created.temporaryPassword });
    expect(login.json()).toEqual({ mfaRequired: true, enrolmentRequired: true });
    const { secret } = (await c.post('/api/v1/auth/mfa/enrolment')).json();
    const done = await c.post('/api/v1/auth/mfa', { code: totpCode(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ roles: ['system_admin'], mustChangePassword: true });
    await c.refreshCsrf();
    expect((await c.get('/api/v1/users')).statusCode).toBe(200);
    const events = await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE details->>'via' = 'cli' ORDER BY id");
    expect(events.rows.map((e) => e.action)).toEqual(['organisation.create', 'user.create']);
  });

  it('refuses a taken username and an unknown organisation type, changing nothing', async () => {
    await expect(createSystemAdministrator(t.ctx, input)).rejects.toThrow(/taken/);
    await expect(createSystemAdministrator(t.ctx, { ...input, username: 'second.admin', organisationType: 'castle' })).rejects.toThrow(/unknown/);
    const users = await t.db.query('SELECT 1 FROM users');
    expect(users.rows).toHaveLength(1);
  });
});
