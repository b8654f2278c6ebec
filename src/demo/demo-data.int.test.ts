import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { loadConfig } from '../platform/config/config.js';
import { loadDemoData } from './demo-data.js';
import { ukraineDemoOrganisations, ukraineDemoUsers } from './ukraine-profile.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => t?.close());

const silent = { info() {}, warn() {} };

describe('the Ukraine demo profile', () => {
  it('lets every demo user sign in with the shared password and TOTP secret', async () => {
    for (const user of ukraineDemoUsers) {
      const client = await t.login(user.username);
      const home = await client.get('/api/v1/home');
      expect(home.statusCode, user.username).toBe(200);
      expect(home.json().roles.map((r: { code: string }) => r.code)).toEqual(user.roles);
    }
  });

  it('covers every role and the organisations the issue names', async () => {
    const roles = (await t.db.query<{ code: string }>('SELECT code FROM roles')).rows.map((r) => r.code);
    const given = new Set(ukraineDemoUsers.flatMap((u) => u.roles));
    expect(roles.filter((r) => !given.has(r))).toEqual([]);
    const ngos = ukraineDemoOrganisations.filter((o) => o.type === 'ngo' && o.jurisdiction.length === 1);
    expect(ngos.length).toBeGreaterThanOrEqual(10);
    const count = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations')).rows[0]!.n;
    expect(count).toBe(ukraineDemoOrganisations.length);
  });

  it('is loaded once, and refused in production', async () => {
    expect(await loadDemoData(t.ctx, silent)).toBe(false);
    const production = { ...t.ctx, config: { ...t.ctx.config, env: 'production' as const } };
    await expect(loadDemoData(production, silent)).rejects.toThrow(/refused/);
    expect(() => loadConfig({ NODE_ENV: 'production', OPENNRM_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), DEMO: '1' })).toThrow(/DEMO/);
  });
});
