import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db/db.js';
import type { AppInstance } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { text } from '../../platform/http/text.js';
import { canAssignRole, canManageUser, sqlFilter } from '../../platform/policy/policy.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { booleanParam, decodeCursor, encodeCursor, limitParam } from './pagination.js';

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organisationId: z.uuid(),
  organisationNameUk: z.string(),
  organisationNameEn: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  locale: z.enum(['uk', 'en']),
  mfaEnrolled: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
type User = z.infer<typeof userSchema>;

const roleList = z.array(z.string().min(1).max(60)).min(1).max(20);
const userCreate = z.strictObject({
  username: z
    .string()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
  displayName: text(200),
  email: z.email().max(200).optional(),
  organisationId: z.uuid(),
  roles: roleList,
  locale: z.enum(['uk', 'en']).default('uk'),
});
const userUpdate = z.strictObject({
  displayName: text(200),
  email: z.email().max(200).nullable().optional(),
  roles: roleList,
  active: z.boolean(),
  version: z.number().int().min(1),
});
const listQuery = z.strictObject({
  q: z.string().max(100).optional(),
  organisationId: z.uuid().optional(),
  role: z.string().max(60).optional(),
  active: booleanParam().optional(),
  limit: limitParam(),
  cursor: z.string().max(500).optional(),
});
const idParams = z.strictObject({ id: z.uuid() });
const cursorKey = z.object({ u: z.string(), id: z.string() });

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  organisation_id: string;
  organisation_name_uk: string;
  organisation_name_en: string;
  roles: string[];
  active: boolean;
  locale: 'uk' | 'en';
  totp_secret_enc: string | null;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  must_change_password: boolean;
  version: number;
  created_at: Date;
};

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.email, u.organisation_id, o.name_uk AS organisation_name_uk,
         o.name_en AS organisation_name_en, u.active, u.locale, u.totp_secret_enc, u.locked_until,
         u.must_change_password, u.version, u.created_at,
         COALESCE((SELECT array_agg(r.role_code ORDER BY r.role_code) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
         (SELECT max(a.occurred_at) FROM audit_events a
           WHERE a.object_type = 'user' AND a.object_id = u.id::text AND a.action = 'auth.login' AND a.outcome = 'success') AS last_sign_in_at
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

function toUser(r: UserRow): User {
  const now = Date.now();
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    organisationId: r.organisation_id,
    organisationNameUk: r.organisation_name_uk,
    organisationNameEn: r.organisation_name_en,
    roles: r.roles,
    active: r.active,
    locale: r.locale,
    mfaEnrolled: r.totp_secret_enc !== null,
    locked: r.locked_until !== null && new Date(r.locked_until).getTime() > now,
    lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
    lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at).toISOString() : null,
    mustChangePassword: r.must_change_password,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function loadUser(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** A readable temporary password (≈ 100 bits) handed over by the administrator; changed at first sign-in. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}-${chars.slice(15, 20)}`;
}

export async function userRoutes(app: AppInstance, ctx: AppContext) {
  const { db, audit } = ctx;
  const tags = ['users'];

  async function checkRoles(req: FastifyRequest, roles: readonly string[]) {
    const known = await ctx.policy.grantsByRole();
    const allRoles = new Set((await ctx.policy.roles()).map((r) => r.code));
    const unknown = roles.filter((r) => !allRoles.has(r));
    if (unknown.length) {
      throw new AppError('validation', 'Unknown role', { errors: unknown.map((r) => ({ field: 'body.roles', message: `unknown role ${r}` })) });
    }
    const refused = roles.filter((r) => !canAssignRole(req.auth!.subject, known.get(r) ?? []));
    if (refused.length) {
      await audit.record(req.actor, { action: 'user.role_assignment', outcome: 'denied', details: { roles: refused } });
      throw new AppError('forbidden', `You may not assign these roles: ${refused.join(', ')}`);
    }
  }

  /** Loads the target and applies the policy; refusals are audited. */
  async function manageable(req: FastifyRequest, id: string, action: string): Promise<User> {
    const target = await loadUser(db, id);
    if (!target) throw new AppError('not_found');
    const allowed = canManageUser(
      req.auth!.subject,
      { userId: target.id, organisationId: target.organisationId, roles: target.roles },
      await ctx.policy.grantsByRole(),
    );
    if (!allowed) {
      await audit.record(req.actor, { action, objectType: 'user', objectId: target.id, outcome: 'denied' });
      throw new AppError('forbidden', 'You may not manage this account');
    }
    return target;
  }

  app.get(
    '/api/v1/users',
    {
      config: { access: { permission: 'user.read' } },
      schema: {
        tags,
        summary: 'User accounts visible to the caller',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { q, organisationId, role, active, limit, cursor } = req.query;
      const params: unknown[] = [];
      const where = [sqlFilter(req.auth!.subject, 'user.read', { organisationId: 'u.organisation_id', userId: 'u.id' }, params)];
      if (q) {
        params.push(`%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
        where.push(`(lower(u.username) LIKE $${params.length} OR lower(u.display_name) LIKE $${params.length})`);
      }
      if (organisationId) {
        params.push(organisationId);
        where.push(`u.organisation_id = $${params.length}`);
      }
      if (role) {
        params.push(role);
        where.push(`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = $${params.length})`);
      }
      if (active !== undefined) {
        params.push(active);
        where.push(`u.active = $${params.length}`);
      }
      const after = decodeCursor(cursor, cursorKey);
      if (after) {
        params.push(after.u, after.id);
        where.push(`(lower(u.username), u.id) > ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const { rows } = await db.query<UserRow>(
        `${USER_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(u.username), u.id LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toUser),
        nextCursor: rows.length > limit && last ? encodeCursor({ u: last.username.toLowerCase(), id: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: { permission: 'user.read' } },
      schema: { tags, summary: 'One user account', params: idParams, response: { 200: userSchema } },
    },
    async (req) => {
      const params: unknown[] = [req.params.id];
      const filter = sqlFilter(req.auth!.subject, 'user.read', { organisationId: 'u.organisation_id', userId: 'u.id' }, params);
      const { rows } = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1 AND ${filter}`, params);
      if (!rows[0]) throw new AppError('not_found');
      return toUser(rows[0]);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        tags,
        summary: 'Create a user account; returns a temporary password shown once',
        body: userCreate,
        response: { 201: z.object({ user: userSchema, temporaryPassword: z.string() }) },
      },
    },
    async (req, reply) => {
      const input = req.body;
      const org = await db.query<{ active: boolean }>('SELECT active FROM organisations WHERE id = $1', [input.organisationId]);
      if (!org.rows[0]) {
        throw new AppError('validation', 'Unknown organisation', { errors: [{ field: 'body.organisationId', message: 'unknown' }] });
      }
      if (!canManageUser(req.auth!.subject, { userId: '', organisationId: input.organisationId, roles: [] }, new Map())) {
        await audit.record(req.actor, { action: 'user.create', objectType: 'user', outcome: 'denied', details: { organisationId: input.organisationId } });
        throw new AppError('forbidden', 'You may create accounts only in your own organisation');
      }
      await checkRoles(req, input.roles);
      const password = temporaryPassword();
      const hash = await ctx.passwords.hash(password);
      const id = randomUUID();
      await db
        .transaction(async (tx) => {
          await tx.query(
            `INSERT INTO users (id, organisation_id, username, display_name, email, password_hash, must_change_password, locale)
             VALUES ($1, $2, $3, $4, $5, $6, true, $7)`,
            [id, input.organisationId, input.username, input.displayName, input.email ?? null, hash, input.locale],
          );
          await tx.query('INSERT INTO user_roles (user_id, role_code) SELECT $1, unnest($2::text[])', [id, [...new Set(input.roles)]]);
          await audit.record(req.actor, { action: 'user.create', objectType: 'user', objectId: id, details: { roles: input.roles, organisationId: input.organisationId } }, tx);
        })
        .catch((err: unknown) => {
          if ((err as { code?: string }).code === '23505') {
            throw new AppError('conflict', 'This username is taken', { errors: [{ field: 'body.username', message: 'taken' }] });
          }
          throw err;
        });
      reply.status(201);
      return { user: (await loadUser(db, id))!, temporaryPassword: password };
    },
  );

  app.put(
    '/api/v1/users/:id',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        tags,
        summary: 'Update a user account (optimistic concurrency: send the version you read)',
        params: idParams,
        body: userUpdate,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      const target = await manageable(req, req.params.id, 'user.update');
      const input = req.body;
      await checkRoles(req, input.roles.filter((r) => !target.roles.includes(r)));
      if (target.id === req.auth!.subject.userId && !input.active) {
        throw new AppError('conflict', 'You cannot deactivate your own account');
      }
      const changed = [
        input.displayName !== target.displayName && 'displayName',
        (input.email ?? null) !== target.email && input.email !== undefined && 'email',
        JSON.stringify([...new Set(input.roles)].sort()) !== JSON.stringify(target.roles) && 'roles',
        input.active !== target.active && 'active',
      ].filter(Boolean);
      await db.transaction(async (tx) => {
        const r = await tx.query(
          `UPDATE users SET display_name = $3, email = CASE WHEN $6 THEN $4 ELSE email END, active = $5,
             version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
          [target.id, input.version, input.displayName, input.email ?? null, input.active, input.email !== undefined],
        );
        if (r.rowCount !== 1) throw new AppError('stale_version', undefined, { currentVersion: target.version });
        await tx.query('DELETE FROM user_roles WHERE user_id = $1', [target.id]);
        await tx.query('INSERT INTO user_roles (user_id, role_code) SELECT $1, unnest($2::text[])', [target.id, [...new Set(input.roles)]]);
        if (!input.active) await deleteUserSessions(tx, target.id);
        await audit.record(
          req.actor,
          { action: 'user.update', objectType: 'user', objectId: target.id, details: { changed, roles: input.roles, active: input.active } },
          tx,
        );
      });
      return (await loadUser(db, target.id))!;
    },
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        tags,
        summary: 'Reset a password: a temporary one, changed at next sign-in; all sessions end',
        params: idParams,
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (req) => {
      const target = await manageable(req, req.params.id, 'user.password_reset');
      const password = temporaryPassword();
      const hash = await ctx.passwords.hash(password);
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(),
             failed_login_count = 0, locked_until = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
          [target.id, hash],
        );
        await deleteUserSessions(tx, target.id);
        await audit.record(req.actor, { action: 'user.password_reset', objectType: 'user', objectId: target.id }, tx);
      });
      return { temporaryPassword: password };
    },
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: { permission: 'user.manage' } },
      schema: { tags, summary: 'Lift a lockout after failed sign-ins', params: idParams, response: { 200: userSchema } },
    },
    async (req) => {
      const target = await manageable(req, req.params.id, 'user.unlock');
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET failed_login_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1', [target.id]);
        await audit.record(req.actor, { action: 'user.unlock', objectType: 'user', objectId: target.id }, tx);
      });
      return (await loadUser(db, target.id))!;
    },
  );

  app.post(
    '/api/v1/users/:id/reset-mfa',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        tags,
        summary: 'Remove the second factor (lost phone); the user sets it up again at next sign-in',
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      const target = await manageable(req, req.params.id, 'user.mfa_reset');
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE users SET totp_secret_enc = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, version = version + 1, updated_at = now() WHERE id = $1',
          [target.id],
        );
        await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [target.id]);
        await deleteUserSessions(tx, target.id);
        await audit.record(req.actor, { action: 'user.mfa_reset', objectType: 'user', objectId: target.id }, tx);
      });
      return (await loadUser(db, target.id))!;
    },
  );

  app.post(
    '/api/v1/users/:id/sign-out-everywhere',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        tags,
        summary: 'End every session of a user',
        params: idParams,
        response: { 200: z.object({ sessionsEnded: z.number() }) },
      },
    },
    async (req) => {
      const target = await manageable(req, req.params.id, 'user.sign_out_everywhere');
      const sessionsEnded = await db.transaction(async (tx) => {
        const n = await deleteUserSessions(tx, target.id);
        await audit.record(req.actor, { action: 'user.sign_out_everywhere', objectType: 'user', objectId: target.id, details: { sessionsEnded: n } }, tx);
        return n;
      });
      return { sessionsEnded };
    },
  );
}
