import { z } from 'zod';
import type { AppInstance } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';

const roleSchema = z.object({
  code: z.string(),
  nameUk: z.string(),
  nameEn: z.string(),
  mfaRequired: z.boolean(),
  permissions: z.array(z.object({ action: z.string(), scope: z.string() })),
});

export async function roleRoutes(app: AppInstance, ctx: AppContext) {
  const { db, audit, policy } = ctx;
  const tags = ['roles'];

  async function describe(code: string) {
    const role = (await policy.roles()).find((r) => r.code === code);
    if (!role) return null;
    const grants = (await policy.grantsByRole()).get(code) ?? [];
    return { code: role.code, nameUk: role.nameUk, nameEn: role.nameEn, mfaRequired: role.mfaRequired, permissions: grants.map((g) => ({ action: g.action, scope: g.scope })) };
  }

  app.get(
    '/api/v1/roles',
    {
      config: { access: { permission: 'role.read' } },
      schema: { tags, summary: 'Roles and their permissions', response: { 200: z.object({ items: z.array(roleSchema) }) } },
    },
    async () => {
      const roles = await policy.roles();
      const items = [];
      for (const r of roles) items.push((await describe(r.code))!);
      return { items };
    },
  );

  app.put(
    '/api/v1/roles/:code',
    {
      config: { access: { permission: 'role.manage' } },
      schema: {
        tags,
        summary: 'Change whether a second factor is mandatory for a role',
        params: z.strictObject({ code: z.string().regex(/^[a-z_]{2,60}$/) }),
        body: z.strictObject({ mfaRequired: z.boolean() }),
        response: { 200: roleSchema },
      },
    },
    async (req) => {
      const before = await describe(req.params.code);
      if (!before) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await tx.query('UPDATE roles SET mfa_required = $2 WHERE code = $1', [req.params.code, req.body.mfaRequired]);
        await audit.record(
          req.actor,
          { action: 'role.update', objectType: 'role', objectId: req.params.code, details: { mfaRequired: { from: before.mfaRequired, to: req.body.mfaRequired } } },
          tx,
        );
      });
      policy.invalidate();
      return (await describe(req.params.code))!;
    },
  );
}
