import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../http/app.js';
import type { AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { open as openSealed, seal } from '../crypto/secret-box.js';
import { ACTIONS } from '../policy/actions.js';
import {
  clearFailures,
  findAccountById,
  findAccountByUsername,
  ipThrottled,
  isLocked,
  type LoginAccount,
  recordFailure,
  recordIpFailure,
} from './accounts.js';
import { passwordProblems } from './passwords.js';
import { clearSessionCookie, sessionCookieOptions } from './request-auth.js';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  promoteSession,
  SESSION_COOKIE,
  type SessionRow,
  setEnrolmentSecret,
} from './sessions.js';
import {
  enrolmentMaterial,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  verifyTotp,
} from './totp.js';
import type { Queryable } from '../db/db.js';

const totpContext = (userId: string) => `users.totp_secret:${userId}`;
const enrolmentContext = (tokenHash: string) => `sessions.enrolment_secret:${tokenHash}`;

const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});
const codeBody = z.strictObject({ code: z.string().min(1).max(32) });
const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  organisationId: z.uuid(),
  roles: z.array(z.string()),
  locale: z.enum(['uk', 'en']),
  mfaEnrolled: z.boolean(),
  mustChangePassword: z.boolean(),
});
const loginResult = z.object({
  mfaRequired: z.boolean(),
  enrolmentRequired: z.boolean().optional(),
  user: sessionUser.optional(),
});
const sessionResult = z.object({
  authenticated: z.boolean(),
  mfaPending: z.boolean(),
  csrfToken: z.string().nullable(),
  user: sessionUser.nullable(),
  permissions: z.array(z.object({ action: z.string(), scope: z.string() })),
  idleTimeoutMinutes: z.number(),
});
const enrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
const mfaResult = z.object({ user: sessionUser, recoveryCodes: z.array(z.string()).optional() });
const ok = z.object({ ok: z.literal(true) });
const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
const tag = ['auth'];

function toSessionUser(a: LoginAccount) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    organisationId: a.organisation_id,
    roles: a.roles,
    locale: a.locale,
    mfaEnrolled: a.totp_secret_enc !== null,
    mustChangePassword: a.must_change_password,
  };
}

export async function authRoutes(app: AppInstance, ctx: AppContext) {
  const { db, audit, config } = ctx;
  const lockPolicy = { maxFailures: config.login.maxFailures, lockoutMinutes: config.login.lockoutMinutes };

  function setCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req));
  }
  const actorFor = (req: FastifyRequest, a: LoginAccount) => ({
    ...req.actor,
    userId: a.id,
    organisationId: a.organisation_id,
    role: a.roles.join(','),
  });

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: { public: true } },
      schema: { tags: tag, summary: 'Sign in with username and password', body: loginBody, response: { 200: loginResult } },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const ip = req.ip;
      if (await ipThrottled(db, ip, config.login)) {
        await audit.record(req.actor, { action: 'auth.login', outcome: 'denied', details: { reason: 'ip_throttled' } });
        throw new AppError('too_many_requests');
      }
      const account = await findAccountByUsername(db, username);
      if (!account) {
        await ctx.passwords.verifyDummy(password);
        await recordIpFailure(db, ip, config.login);
        await audit.record(req.actor, { action: 'auth.login', outcome: 'failure', details: { reason: 'unknown_user' } });
        throw new AppError('invalid_credentials');
      }
      const actor = actorFor(req, account);
      const now = new Date();
      if (isLocked(account, now)) {
        await recordIpFailure(db, ip, config.login);
        await audit.record(actor, { action: 'auth.login', objectType: 'user', objectId: account.id, outcome: 'denied', details: { reason: 'locked' } });
        throw new AppError('account_locked', 'Too many failed attempts. Try again later or ask your administrator to unlock the account.');
      }
      const passwordOk = await ctx.passwords.verify(account.password_hash, password);
      if (!passwordOk || !account.active || !account.organisation_active) {
        await recordIpFailure(db, ip, config.login);
        const { locked } = passwordOk ? { locked: false } : await recordFailure(db, account.id, lockPolicy);
        await audit.record(actor, {
          action: 'auth.login',
          objectType: 'user',
          objectId: account.id,
          outcome: 'failure',
          details: { reason: passwordOk ? 'inactive' : 'bad_password', locked },
        });
        if (locked) throw new AppError('account_locked', 'Too many failed attempts. Try again later or ask your administrator to unlock the account.');
        throw new AppError('invalid_credentials');
      }
      const mfaNeeded = account.totp_secret_enc !== null || (await ctx.policy.mfaRequired(account.roles));
      const session = await createSession(db, account.id, { mfaPending: mfaNeeded, clientIp: ip, timeouts: config.session });
      setCookie(req, reply, session.token);
      if (mfaNeeded) {
        await audit.record(actor, { action: 'auth.password_accepted', objectType: 'user', objectId: account.id });
        return { mfaRequired: true, enrolmentRequired: account.totp_secret_enc === null };
      }
      await clearFailures(db, account.id);
      await audit.record(actor, { action: 'auth.login', objectType: 'user', objectId: account.id });
      return { mfaRequired: false, user: toSessionUser(account) };
    },
  );

  /** First-time enrolment during sign-in: a new secret is offered to a pending session. */
  app.post(
    '/api/v1/auth/mfa/enrolment',
    {
      config: { access: { pending: true } },
      schema: { tags: tag, summary: 'Start second-factor enrolment during sign-in', response: { 200: enrolment } },
    },
    async (req) => {
      const pending = req.pendingSession!;
      const account = await findAccountById(db, pending.user_id);
      if (!account || account.totp_secret_enc !== null) throw new AppError('conflict', 'The second factor is already set up');
      const secret = newTotpSecret();
      await setEnrolmentSecret(db, pending.token_hash, seal(ctx.masterKey, secret, enrolmentContext(pending.token_hash)));
      return enrolmentMaterial(secret, account.username);
    },
  );

  app.post(
    '/api/v1/auth/mfa',
    {
      config: { access: { pending: true } },
      schema: { tags: tag, summary: 'Complete sign-in with a TOTP or recovery code', body: codeBody, response: { 200: mfaResult } },
    },
    async (req, reply) => {
      const pending = req.pendingSession!;
      const account = await findAccountById(db, pending.user_id);
      if (!account || !account.active) throw new AppError('unauthenticated');
      const actor = actorFor(req, account);
      if (isLocked(account, new Date())) {
        await audit.record(actor, { action: 'auth.mfa', objectType: 'user', objectId: account.id, outcome: 'denied', details: { reason: 'locked' } });
        await deleteSession(db, pending.token_hash);
        clearSessionCookie(reply);
        throw new AppError('account_locked');
      }
      const code = req.body.code.replace(/\s+/g, '');
      const result = await db.transaction(async (tx) => checkSecondFactor(tx, ctx, account, pending, code));
      if (!result.ok) {
        const { locked } = await recordFailure(db, account.id, lockPolicy);
        await audit.record(actor, { action: 'auth.mfa', objectType: 'user', objectId: account.id, outcome: 'failure', details: { locked } });
        if (locked) {
          await deleteSession(db, pending.token_hash);
          clearSessionCookie(reply);
          throw new AppError('account_locked');
        }
        throw new AppError('mfa_invalid');
      }
      await clearFailures(db, account.id);
      const session = await promoteSession(db, pending, { clientIp: req.ip, timeouts: config.session });
      setCookie(req, reply, session.token);
      await audit.record(actor, {
        action: 'auth.login',
        objectType: 'user',
        objectId: account.id,
        details: { factor: result.method, ...(result.recoveryCodes ? { enrolled: true } : {}) },
      });
      const fresh = (await findAccountById(db, account.id))!;
      return { user: toSessionUser(fresh), ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}) };
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: { public: true } },
      schema: { tags: tag, summary: 'The current session, its CSRF token and permissions', response: { 200: sessionResult } },
    },
    async (req) => {
      const base = { idleTimeoutMinutes: config.session.idleMinutes };
      if (!req.auth) {
        return { ...base, authenticated: false, mfaPending: req.pendingSession !== null, csrfToken: null, user: null, permissions: [] };
      }
      const account = (await findAccountById(db, req.auth.subject.userId))!;
      return {
        ...base,
        authenticated: true,
        mfaPending: false,
        csrfToken: req.auth.session.csrf_token,
        user: toSessionUser(account),
        permissions: req.auth.subject.grants.map((g) => ({ action: g.action, scope: g.scope })),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: { tags: tag, summary: 'Sign out of this session', response: { 200: ok } },
    },
    async (req, reply) => {
      const session = req.auth!.session;
      await deleteSession(db, session.token_hash);
      await audit.record(req.actor, { action: 'auth.logout', objectType: 'user', objectId: session.user_id });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/cancel',
    {
      config: { access: { pending: true } },
      schema: { tags: tag, summary: 'Abandon a sign-in waiting for its second factor', response: { 200: ok } },
    },
    async (req, reply) => {
      await deleteSession(db, req.pendingSession!.token_hash);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: { tags: tag, summary: 'Sign out of every session of this user', response: { 200: z.object({ ok: z.literal(true), sessionsEnded: z.number() }) } },
    },
    async (req, reply) => {
      const auth = req.auth!;
      const ended = await deleteUserSessions(db, auth.subject.userId);
      await audit.record(req.actor, { action: 'auth.logout_everywhere', objectType: 'user', objectId: auth.subject.userId, details: { sessionsEnded: ended } });
      clearSessionCookie(reply);
      return { ok: true as const, sessionsEnded: ended };
    },
  );

  // ------------------------------------------------------------------ own profile
  app.post(
    '/api/v1/profile/password',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: { tags: ['profile'], summary: 'Change one\u2019s own password', body: passwordBody, response: { 200: ok } },
    },
    async (req) => {
      const auth = req.auth!;
      const account = (await findAccountById(db, auth.subject.userId))!;
      if (!(await ctx.passwords.verify(account.password_hash, req.body.currentPassword))) {
        await audit.record(req.actor, { action: 'profile.password_change', objectType: 'user', objectId: account.id, outcome: 'failure' });
        throw new AppError('validation', 'The current password is wrong', { errors: [{ field: 'currentPassword', message: 'wrong_password' }] });
      }
      assertPasswordPolicy(req.body.newPassword, account.username);
      const hash = await ctx.passwords.hash(req.body.newPassword);
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = false, updated_at = now(), version = version + 1 WHERE id = $1',
          [account.id, hash],
        );
        // Other sessions end: whoever knew the old password is signed out.
        await deleteUserSessions(tx, account.id, auth.session.token_hash);
        await audit.record(req.actor, { action: 'profile.password_change', objectType: 'user', objectId: account.id }, tx);
      });
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/profile/locale',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: { tags: ['profile'], summary: 'Remember the interface language', body: z.strictObject({ locale: z.enum(['uk', 'en']) }), response: { 200: ok } },
    },
    async (req) => {
      await db.query('UPDATE users SET locale = $2, updated_at = now() WHERE id = $1', [req.auth!.subject.userId, req.body.locale]);
      await audit.record(req.actor, { action: 'profile.locale_change', objectType: 'user', objectId: req.auth!.subject.userId, details: { locale: req.body.locale } });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/profile/mfa/enrolment',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: { tags: ['profile'], summary: 'Start setting up (or replacing) the authenticator app', response: { 200: enrolment } },
    },
    async (req) => {
      const auth = req.auth!;
      const secret = newTotpSecret();
      await setEnrolmentSecret(db, auth.session.token_hash, seal(ctx.masterKey, secret, enrolmentContext(auth.session.token_hash)));
      return enrolmentMaterial(secret, auth.username);
    },
  );

  app.post(
    '/api/v1/profile/mfa/enrolment/confirm',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: {
        tags: ['profile'],
        summary: 'Confirm the authenticator app with a code; returns new recovery codes',
        body: codeBody,
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (req) => {
      const auth = req.auth!;
      const sealed = auth.session.enrolment_secret_enc;
      if (!sealed) throw new AppError('conflict', 'Start the enrolment first');
      const secret = openSealed(ctx.masterKey, sealed, enrolmentContext(auth.session.token_hash)).toString('utf8');
      const step = verifyTotp(secret, req.body.code.replace(/\s+/g, ''), null);
      if (step === null) {
        await audit.record(req.actor, { action: 'profile.mfa_enrol', objectType: 'user', objectId: auth.subject.userId, outcome: 'failure' });
        throw new AppError('mfa_invalid');
      }
      const codes = await db.transaction(async (tx) => {
        const c = await storeTotpAndRecoveryCodes(tx, ctx, auth.subject.userId, secret, step);
        await setEnrolmentSecret(tx, auth.session.token_hash, null);
        await audit.record(req.actor, { action: 'profile.mfa_enrol', objectType: 'user', objectId: auth.subject.userId }, tx);
        return c;
      });
      return { recoveryCodes: codes };
    },
  );

  app.post(
    '/api/v1/profile/mfa/recovery-codes',
    {
      config: { access: { permission: 'profile.manage' } },
      schema: {
        tags: ['profile'],
        summary: 'Replace the recovery codes (a current authenticator code is required)',
        body: codeBody,
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (req) => {
      const auth = req.auth!;
      const account = (await findAccountById(db, auth.subject.userId))!;
      if (!account.totp_secret_enc) throw new AppError('conflict', 'Set up the authenticator app first');
      const secret = openSealed(ctx.masterKey, account.totp_secret_enc, totpContext(account.id)).toString('utf8');
      const step = verifyTotp(secret, req.body.code.replace(/\s+/g, ''), account.totp_last_step);
      if (step === null) throw new AppError('mfa_invalid');
      const codes = await db.transaction(async (tx) => {
        const c = await storeTotpAndRecoveryCodes(tx, ctx, account.id, secret, step);
        await audit.record(req.actor, { action: 'profile.recovery_codes_replaced', objectType: 'user', objectId: account.id }, tx);
        return c;
      });
      return { recoveryCodes: codes };
    },
  );

  app.get(
    '/api/v1/permissions',
    {
      config: { access: { permission: 'role.read' } },
      schema: {
        tags: ['roles'],
        summary: 'The catalogue of actions the policy engine knows',
        response: { 200: z.object({ items: z.array(z.object({ action: z.string(), description: z.string() })) }) },
      },
    },
    async () => ({ items: Object.entries(ACTIONS).map(([action, description]) => ({ action, description })) }),
  );
}

export function assertPasswordPolicy(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw new AppError('password_policy', `Password problems: ${problems.join(', ')}`, {
      errors: problems.map((p) => ({ field: 'password', message: p })),
    });
  }
}

type SecondFactorResult = { ok: false } | { ok: true; method: 'totp' | 'recovery_code'; recoveryCodes?: string[] };

async function checkSecondFactor(
  tx: Queryable,
  ctx: AppContext,
  account: LoginAccount,
  pending: SessionRow,
  code: string,
): Promise<SecondFactorResult> {
  if (account.totp_secret_enc === null) {
    // First enrolment at sign-in: the code must match the secret offered to this pending session.
    if (!pending.enrolment_secret_enc) return { ok: false };
    const secret = openSealed(ctx.masterKey, pending.enrolment_secret_enc, enrolmentContext(pending.token_hash)).toString('utf8');
    const step = verifyTotp(secret, code, null);
    if (step === null) return { ok: false };
    const recoveryCodes = await storeTotpAndRecoveryCodes(tx, ctx, account.id, secret, step);
    return { ok: true, method: 'totp', recoveryCodes };
  }
  if (looksLikeRecoveryCode(code)) {
    const r = await tx.query(
      'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
      [account.id, hashRecoveryCode(code)],
    );
    return r.rowCount === 1 ? { ok: true, method: 'recovery_code' } : { ok: false };
  }
  const secret = openSealed(ctx.masterKey, account.totp_secret_enc, totpContext(account.id)).toString('utf8');
  const step = verifyTotp(secret, code, account.totp_last_step);
  if (step === null) return { ok: false };
  // Conditional update: two concurrent uses of the same code cannot both succeed.
  const r = await tx.query(
    'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
    [account.id, step],
  );
  return r.rowCount === 1 ? { ok: true, method: 'totp' } : { ok: false };
}

/** Stores a (new) TOTP secret sealed under the master key and replaces the recovery codes. */
export async function storeTotpAndRecoveryCodes(
  tx: Queryable,
  ctx: Pick<AppContext, 'masterKey'>,
  userId: string,
  secret: string,
  acceptedStep: number | null,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.query(
    'UPDATE users SET totp_secret_enc = $2, totp_enrolled_at = now(), totp_last_step = $3, updated_at = now() WHERE id = $1',
    [userId, seal(ctx.masterKey, secret, totpContext(userId)), acceptedStep],
  );
  await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  for (const code of codes) {
    await tx.query('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, hashRecoveryCode(code)]);
  }
  return codes;
}
