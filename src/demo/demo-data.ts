import { createHash } from 'node:crypto';
import type { AppContext } from '../platform/http/context.js';
import { SYSTEM_ACTOR } from '../platform/audit/audit-log.js';
import { seal } from '../platform/crypto/secret-box.js';
import { ukraineDemoOrganisations, ukraineDemoUsers } from './ukraine-profile.js';

/** Every demo user shares this TOTP secret (documented in the README; demo mode only). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

type Ctx = Pick<AppContext, 'db' | 'audit' | 'masterKey' | 'passwords' | 'config'>;
type Log = Pick<AppContext['log'], 'info' | 'warn'>;

/** Deterministic ids, so the same demo organisation has the same id on every machine. */
export function demoId(kind: string, key: string): string {
  const h = createHash('sha256').update(`opennrm-demo:${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Loads the Ukraine demo profile (organisations and one or more users per role). Refused in production.
 * Returns false when it was already loaded (idempotent).
 */
export async function loadDemoData(ctx: Ctx, log: Log): Promise<boolean> {
  if (ctx.config.env === 'production') throw new Error('Demo data is refused when NODE_ENV=production');
  const existing = await ctx.db.query("SELECT 1 FROM users WHERE lower(username) = 'admin'");
  if (existing.rows.length) return false;
  const passwordHash = await ctx.passwords.hash(ctx.config.demoPassword);
  await ctx.db.transaction(async (tx) => {
    for (const org of ukraineDemoOrganisations) {
      const id = demoId('organisation', org.key);
      await tx.query(
        `INSERT INTO organisations (id, name_uk, name_en, type_code, contacts) VALUES ($1, $2, $3, $4, $5)`,
        [id, org.nameUk, org.nameEn, org.type, JSON.stringify(org.contacts ?? {})],
      );
      for (const code of org.jurisdiction) {
        await tx.query('INSERT INTO organisation_jurisdictions (organisation_id, unit_code) VALUES ($1, $2)', [id, code]);
      }
    }
    for (const user of ukraineDemoUsers) {
      const id = demoId('user', user.username);
      await tx.query(
        `INSERT INTO users (id, organisation_id, username, display_name, email, password_hash, totp_secret_enc, totp_enrolled_at, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)`,
        [
          id,
          demoId('organisation', user.organisation),
          user.username,
          user.displayName,
          `${user.username}@demo.opennrm.org`,
          passwordHash,
          seal(ctx.masterKey, DEMO_TOTP_SECRET, `users.totp_secret:${id}`),
          user.locale ?? 'uk',
        ],
      );
      for (const role of user.roles) {
        await tx.query('INSERT INTO user_roles (user_id, role_code) VALUES ($1, $2)', [id, role]);
      }
    }
    await ctx.audit.record(
      SYSTEM_ACTOR,
      {
        action: 'demo.loaded',
        details: { organisations: ukraineDemoOrganisations.length, users: ukraineDemoUsers.length },
      },
      tx,
    );
  });
  log.info({ organisations: ukraineDemoOrganisations.length, users: ukraineDemoUsers.length }, 'demo data loaded');
  return true;
}

/** The console message listing the demo logins. */
export function demoLoginTable(password: string, loadedNow: boolean): string {
  const width = Math.max(...ukraineDemoUsers.map((u) => u.username.length));
  const lines = ukraineDemoUsers.map((u) => `  ${u.username.padEnd(width)}  ${u.roles.join(', ')}`);
  return [
    '',
    loadedNow ? 'Demo data loaded. Demo logins:' : 'Demo logins:',
    ...lines,
    '',
    `  password: ${password}   second factor (TOTP) secret: ${DEMO_TOTP_SECRET}`,
    '  (add the secret to an authenticator app, or run: npx tsx scripts/demo-totp.ts)',
    '',
  ].join('\n');
}
