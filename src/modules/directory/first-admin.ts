import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/http/context.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit-log.js';
import { temporaryPassword } from './users.js';

export type FirstAdminInput = {
  username: string;
  displayName: string;
  organisationNameUk: string;
  organisationNameEn: string;
  organisationType: string;
};

/**
 * Creates a system administrator (and their organisation when it does not exist yet) on a database without
 * demo data — the way into a fresh production installation. Returns the temporary password, to be changed
 * at first sign-in; the second factor is set up at that sign-in too.
 */
export async function createSystemAdministrator(
  ctx: Pick<AppContext, 'db' | 'audit' | 'passwords'>,
  input: FirstAdminInput,
): Promise<{ userId: string; organisationId: string; temporaryPassword: string }> {
  if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(input.username)) {
    throw new Error('username: 3–60 lower-case letters, digits, dot, dash or underscore');
  }
  const password = temporaryPassword();
  const hash = await ctx.passwords.hash(password);
  return ctx.db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [input.username]);
    if (taken.rows.length) throw new Error(`username: "${input.username}" is taken`);
    const type = await tx.query('SELECT 1 FROM organisation_types WHERE code = $1', [input.organisationType]);
    if (!type.rows.length) throw new Error(`organisation type: unknown "${input.organisationType}"`);
    const existing = await tx.query<{ id: string }>('SELECT id FROM organisations WHERE lower(name_uk) = lower($1)', [
      input.organisationNameUk,
    ]);
    let organisationId = existing.rows[0]?.id;
    if (!organisationId) {
      organisationId = randomUUID();
      await tx.query('INSERT INTO organisations (id, name_uk, name_en, type_code) VALUES ($1, $2, $3, $4)', [
        organisationId,
        input.organisationNameUk,
        input.organisationNameEn,
        input.organisationType,
      ]);
      await ctx.audit.record(SYSTEM_ACTOR, { action: 'organisation.create', objectType: 'organisation', objectId: organisationId, details: { via: 'cli' } }, tx);
    }
    const userId = randomUUID();
    await tx.query(
      `INSERT INTO users (id, organisation_id, username, display_name, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, true)`,
      [userId, organisationId, input.username, input.displayName, hash],
    );
    await tx.query("INSERT INTO user_roles (user_id, role_code) VALUES ($1, 'system_admin')", [userId]);
    await ctx.audit.record(SYSTEM_ACTOR, { action: 'user.create', objectType: 'user', objectId: userId, details: { roles: ['system_admin'], via: 'cli' } }, tx);
    return { userId, organisationId, temporaryPassword: password };
  });
}
