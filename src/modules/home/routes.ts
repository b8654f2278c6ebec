import { z } from 'zod';
import type { AppInstance } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { hasAction, sqlFilter } from '../../platform/policy/policy.js';
import { getOrganisation } from '../directory/organisations.js';

const homeSchema = z.object({
  displayName: z.string(),
  organisation: z.object({ id: z.string(), nameUk: z.string(), nameEn: z.string(), typeCode: z.string() }),
  roles: z.array(z.object({ code: z.string(), nameUk: z.string(), nameEn: z.string() })),
  lastSignIn: z.object({ at: z.string(), clientIp: z.string().nullable() }).nullable(),
  failedSignInsSinceLast: z.number(),
  widgets: z.array(z.object({ key: z.string(), value: z.number() })),
});

/** The role-aware home page: who I am, my last sign-in, and the figures my permissions let me see. */
export async function homeRoutes(app: AppInstance, ctx: AppContext) {
  const { db, policy } = ctx;
  app.get(
    '/api/v1/home',
    {
      config: { access: { permission: 'home.read' } },
      schema: { tags: ['home'], summary: 'Home page data for the signed-in user', response: { 200: homeSchema } },
    },
    async (req) => {
      const auth = req.auth!;
      const subject = auth.subject;
      const org = (await getOrganisation(db, subject.organisationId))!;
      const roleInfo = (await policy.roles()).filter((r) => subject.roles.includes(r.code));
      // The sign-in before this one, and failed attempts on this account since then.
      const signIns = await db.query<{ occurred_at: Date; client_ip: string | null }>(
        `SELECT occurred_at, client_ip FROM audit_events
         WHERE object_type = 'user' AND object_id = $1 AND action = 'auth.login' AND outcome = 'success'
         ORDER BY id DESC LIMIT 2`,
        [subject.userId],
      );
      const previous = signIns.rows[1] ?? null;
      const failed = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events
         WHERE object_type = 'user' AND object_id = $1 AND action IN ('auth.login', 'auth.mfa') AND outcome <> 'success'
           AND occurred_at > $2`,
        [subject.userId, previous ? previous.occurred_at : new Date(0)],
      );

      const widgets: { key: string; value: number }[] = [];
      if (subject.grants.some((g) => g.action === 'organisation.manage' && g.scope === 'all')) {
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations WHERE active');
        widgets.push({ key: 'organisations', value: rows[0]!.n });
      }
      if (hasAction(subject, 'user.manage')) {
        const params: unknown[] = [];
        const scope = sqlFilter(subject, 'user.manage', { organisationId: 'organisation_id', userId: 'id' }, params);
        const { rows } = await db.query<{ active: number; locked: number }>(
          `SELECT count(*) FILTER (WHERE active)::int AS active, count(*) FILTER (WHERE locked_until > now())::int AS locked
           FROM users WHERE ${scope}`,
          params,
        );
        widgets.push({ key: scope === 'TRUE' ? 'activeUsers' : 'organisationUsers', value: rows[0]!.active });
        widgets.push({ key: 'lockedUsers', value: rows[0]!.locked });
      }
      if (hasAction(subject, 'audit.read')) {
        const params: unknown[] = [];
        const scope = sqlFilter(subject, 'audit.read', { organisationId: 'organisation_id' }, params);
        const { rows } = await db.query<{ today: number; failed: number }>(
          `SELECT count(*) FILTER (WHERE occurred_at >= date_trunc('day', now()))::int AS today,
                  count(*) FILTER (WHERE action IN ('auth.login', 'auth.mfa') AND outcome <> 'success' AND occurred_at > now() - interval '24 hours')::int AS failed
           FROM audit_events WHERE occurred_at >= least(date_trunc('day', now()), now() - interval '24 hours') AND ${scope}`,
          params,
        );
        widgets.push({ key: 'auditEventsToday', value: rows[0]!.today });
        widgets.push({ key: 'failedSignIns24h', value: rows[0]!.failed });
      }
      return {
        displayName: auth.displayName,
        organisation: { id: org.id, nameUk: org.nameUk, nameEn: org.nameEn, typeCode: org.typeCode },
        roles: roleInfo.map((r) => ({ code: r.code, nameUk: r.nameUk, nameEn: r.nameEn })),
        lastSignIn: previous ? { at: new Date(previous.occurred_at).toISOString(), clientIp: previous.client_ip } : null,
        failedSignInsSinceLast: failed.rows[0]!.n,
        widgets,
      };
    },
  );
}
