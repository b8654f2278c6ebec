import type { Queryable } from '../db/db.js';
import { hashToken, type SessionRow } from './sessions.js';

/** The account facts authentication needs. User administration lives in the directory module. */
export type LoginAccount = {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean;
  organisation_active: boolean;
  failed_login_count: number;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_last_step: number | null;
  locale: 'uk' | 'en';
  must_change_password: boolean;
  roles: string[];
};

const ACCOUNT_SELECT = `
  SELECT u.id, u.organisation_id, u.username, u.display_name, u.password_hash, u.active,
         o.active AS organisation_active, u.failed_login_count, u.locked_until, u.totp_secret_enc,
         u.totp_last_step, u.locale, u.must_change_password,
         COALESCE((SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id), '{}') AS roles
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

export async function findAccountByUsername(q: Queryable, username: string): Promise<LoginAccount | null> {
  const { rows } = await q.query<LoginAccount>(`${ACCOUNT_SELECT} WHERE lower(u.username) = lower($1)`, [username]);
  return rows[0] ?? null;
}

export async function findAccountById(q: Queryable, id: string): Promise<LoginAccount | null> {
  const { rows } = await q.query<LoginAccount>(`${ACCOUNT_SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Pure: is the account locked at `now`? */
export const isLocked = (a: Pick<LoginAccount, 'locked_until'>, now: Date) =>
  a.locked_until !== null && a.locked_until.getTime() > now.getTime();

/** Counts a failed password or code; locks the account when the count reaches `maxFailures`. */
export async function recordFailure(
  q: Queryable,
  userId: string,
  policy: { maxFailures: number; lockoutMinutes: number },
): Promise<{ locked: boolean }> {
  const { rows } = await q.query<{ locked: boolean }>(
    `UPDATE users SET failed_login_count = failed_login_count + 1,
       locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
     WHERE id = $1 RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked`,
    [userId, policy.maxFailures, policy.lockoutMinutes],
  );
  return { locked: rows[0]?.locked ?? false };
}

export async function clearFailures(q: Queryable, userId: string): Promise<void> {
  await q.query(
    'UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)',
    [userId],
  );
}

/** Per-IP failure window. Returns true when the address is over its limit. */
export async function ipThrottled(q: Queryable, ip: string, policy: { ipMaxFailures: number; ipWindowMinutes: number }) {
  const { rows } = await q.query<{ failures: number }>(
    `SELECT failures FROM login_throttle WHERE key = $1 AND window_start > now() - make_interval(mins => $2)`,
    [`ip:${ip}`, policy.ipWindowMinutes],
  );
  return (rows[0]?.failures ?? 0) >= policy.ipMaxFailures;
}

export async function recordIpFailure(q: Queryable, ip: string, policy: { ipWindowMinutes: number }) {
  await q.query(
    `INSERT INTO login_throttle (key, window_start, failures) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_start > now() - make_interval(mins => $2) THEN login_throttle.failures + 1 ELSE 1 END,
       window_start = CASE WHEN login_throttle.window_start > now() - make_interval(mins => $2) THEN login_throttle.window_start ELSE now() END`,
    [`ip:${ip}`, policy.ipWindowMinutes],
  );
}

export type SessionAccount = Pick<
  LoginAccount,
  'organisation_id' | 'username' | 'display_name' | 'active' | 'organisation_active' | 'locale' | 'roles'
>;

/** A session and the facts about its user that every request needs, in one round trip. */
export async function findSessionWithAccount(
  q: Queryable,
  token: string,
): Promise<{ session: SessionRow; account: SessionAccount } | null> {
  const { rows } = await q.query<SessionRow & SessionAccount>(
    `SELECT s.token_hash, s.user_id, s.csrf_token, s.mfa_pending, s.enrolment_secret_enc, s.created_at, s.last_seen_at,
            s.expires_at, u.organisation_id, u.username, u.display_name, u.active, o.active AS organisation_active, u.locale,
            COALESCE((SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id), '{}') AS roles
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
     WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  const { organisation_id, username, display_name, active, organisation_active, locale, roles, ...session } = r;
  return { session, account: { organisation_id, username, display_name, active, organisation_active, locale, roles } };
}
