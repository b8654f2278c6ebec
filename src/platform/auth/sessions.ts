import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/** Server-side sessions in PostgreSQL. The cookie holds a random token; only its hash is stored. */
export const SESSION_COOKIE = 'nrm_session';

export type SessionRow = {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: boolean;
  enrolment_secret_enc: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
};

export type SessionTimeouts = { idleMinutes: number; absoluteHours: number };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Pure: is the session still alive at `now`? */
export function sessionAlive(s: Pick<SessionRow, 'last_seen_at' | 'expires_at' | 'mfa_pending'>, t: SessionTimeouts, now: Date): boolean {
  if (s.expires_at.getTime() <= now.getTime()) return false;
  // A half-finished login (password accepted, code pending) lives at most 5 minutes idle.
  const idleMs = (s.mfa_pending ? Math.min(5, t.idleMinutes) : t.idleMinutes) * 60_000;
  return now.getTime() - s.last_seen_at.getTime() < idleMs;
}

export async function createSession(
  q: Queryable,
  userId: string,
  opts: { mfaPending: boolean; clientIp: string | null; timeouts: SessionTimeouts },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, mfa_pending, expires_at, client_ip)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5), $6)`,
    [hashToken(token), userId, csrfToken, opts.mfaPending, opts.timeouts.absoluteHours, opts.clientIp],
  );
  return { token, csrfToken };
}

/** Records activity; written at most once a minute per session to keep reads cheap. */
export async function touchSession(q: Queryable, s: SessionRow, now: Date): Promise<void> {
  if (now.getTime() - s.last_seen_at.getTime() < 60_000) return;
  await q.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [s.token_hash]);
}

/** Completes the second factor: the pending session is replaced by a new token (no session fixation). */
export async function promoteSession(
  q: Queryable,
  pending: SessionRow,
  opts: { clientIp: string | null; timeouts: SessionTimeouts },
): Promise<{ token: string; csrfToken: string }> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [pending.token_hash]);
  return createSession(q, pending.user_id, { mfaPending: false, ...opts });
}

export async function setEnrolmentSecret(q: Queryable, tokenHash: string, sealed: string | null): Promise<void> {
  await q.query('UPDATE sessions SET enrolment_secret_enc = $2 WHERE token_hash = $1', [tokenHash, sealed]);
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(q: Queryable, userId: string, exceptTokenHash?: string): Promise<number> {
  const r = await q.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
    userId,
    exceptTokenHash ?? null,
  ]);
  return r.rowCount;
}

export async function purgeExpiredSessions(q: Queryable, t: SessionTimeouts): Promise<number> {
  const r = await q.query(
    `DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at < now() - make_interval(mins => $1)`,
    [t.idleMinutes],
  );
  return r.rowCount;
}
