import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../http/app.js';
import type { AppContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { sqlFilter } from '../policy/policy.js';
import { toCsv } from './csv.js';

const dateOrTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'ISO date or date-time')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a real date');
const filters = {
  userId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  objectType: z.string().max(60).optional(),
  objectId: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
};
const listQuery = z.strictObject({
  ...filters,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,18}$/).optional(),
});
const exportQuery = z.strictObject(filters);
type Filters = z.infer<typeof exportQuery>;

const eventSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationNameUk: z.string().nullable(),
  organisationNameEn: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
type EventRow = {
  id: number;
  occurred_at: Date;
  user_id: string | null;
  username: string | null;
  organisation_id: string | null;
  organisation_name_uk: string | null;
  organisation_name_en: string | null;
  role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
  details: Record<string, unknown>;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date without a time is a calendar day in the deployment's time zone: `from` starts at its midnight,
 * `to` runs to the end of it. Returns the SQL expression for the bound.
 */
function bound(value: string, end: boolean, params: unknown[], timeZone: string): string {
  params.push(value);
  const p = `$${params.length}`;
  if (!DATE_ONLY.test(value)) return `${p}::timestamptz`;
  params.push(timeZone);
  const day = end ? `(${p}::date + 1)` : `${p}::date`;
  return `(${day}::timestamp AT TIME ZONE $${params.length})`;
}

function whereFor(req: FastifyRequest, f: Filters, params: unknown[], timeZone: string): string {
  assertAuditFiltersValid(f);
  const where = [sqlFilter(req.auth!.subject, 'audit.read', { organisationId: 'a.organisation_id' }, params)];
  const eq = (column: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  eq('a.user_id', f.userId);
  eq('a.organisation_id', f.organisationId);
  eq('a.object_type', f.objectType);
  eq('a.object_id', f.objectId);
  eq('a.action', f.action);
  eq('a.outcome', f.outcome);
  if (f.from) where.push(`a.occurred_at >= ${bound(f.from, false, params, timeZone)}`);
  if (f.to) where.push(`a.occurred_at < ${bound(f.to, true, params, timeZone)}`);
  return where.join(' AND ');
}

const SELECT = `
  SELECT a.id, a.occurred_at, a.user_id, u.username, a.organisation_id, o.name_uk AS organisation_name_uk,
         o.name_en AS organisation_name_en, a.role, a.action, a.object_type, a.object_id, a.outcome, a.reason,
         a.request_id, a.client_ip, a.details
  FROM audit_events a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = a.organisation_id`;

const toEvent = (r: EventRow) => ({
  id: Number(r.id),
  occurredAt: new Date(r.occurred_at).toISOString(),
  userId: r.user_id,
  username: r.username,
  organisationId: r.organisation_id,
  organisationNameUk: r.organisation_name_uk,
  organisationNameEn: r.organisation_name_en,
  role: r.role,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  outcome: r.outcome,
  reason: r.reason,
  requestId: r.request_id,
  clientIp: r.client_ip,
  details: r.details ?? {},
});

export const EXPORT_LIMIT = 100_000;

export async function auditRoutes(app: AppInstance, ctx: AppContext) {
  const { db, audit } = ctx;
  const tags = ['audit'];

  app.get(
    '/api/v1/audit/events',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags,
        summary: 'Audit events, newest first, filtered',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(eventSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { limit, cursor, ...f } = req.query;
      const params: unknown[] = [];
      let where = whereFor(req, f, params, ctx.config.timeZone);
      if (cursor) {
        params.push(Number(cursor));
        where += ` AND a.id < $${params.length}`;
      }
      params.push(limit + 1);
      const { rows } = await db.query<EventRow>(`${SELECT} WHERE ${where} ORDER BY a.id DESC LIMIT $${params.length}`, params);
      const page = rows.slice(0, limit);
      return {
        items: page.map(toEvent),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/events.csv',
    {
      config: { access: { permission: 'audit.export' } },
      schema: { tags, summary: `CSV export of the filtered audit events (at most ${EXPORT_LIMIT}; formula-injection safe)`, querystring: exportQuery },
    },
    async (req, reply) => {
      const params: unknown[] = [];
      const where = whereFor(req, req.query, params, ctx.config.timeZone);
      params.push(EXPORT_LIMIT);
      const { rows } = await db.query<EventRow>(`${SELECT} WHERE ${where} ORDER BY a.id DESC LIMIT $${params.length}`, params);
      await audit.record(req.actor, { action: 'audit.export', objectType: 'audit', details: { filters: req.query, rows: rows.length } });
      const csv = toCsv(
        ['id', 'occurred_at', 'user_id', 'username', 'organisation_id', 'organisation', 'role', 'action', 'object_type', 'object_id', 'outcome', 'reason', 'request_id', 'client_ip', 'details'],
        rows.map((r) => {
          const e = toEvent(r);
          return [e.id, e.occurredAt, e.userId, e.username, e.organisationId, e.organisationNameUk, e.role, e.action, e.objectType, e.objectId, e.outcome, e.reason, e.requestId, e.clientIp, JSON.stringify(e.details)];
        }),
      );
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="opennrm-audit-${stamp}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/v1/audit/actions',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, summary: 'Distinct actions recorded (for filters)', response: { 200: z.object({ items: z.array(z.string()) }) } },
    },
    async (req) => {
      const params: unknown[] = [];
      const scope = sqlFilter(req.auth!.subject, 'audit.read', { organisationId: 'organisation_id' }, params);
      const { rows } = await db.query<{ action: string }>(
        `SELECT DISTINCT action FROM audit_events WHERE ${scope} ORDER BY action LIMIT 500`,
        params,
      );
      return { items: rows.map((r) => r.action) };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: { permission: 'audit.export' } },
      schema: {
        tags,
        summary: 'Verify the whole hash chain',
        response: {
          200: z.object({ checked: z.number(), intact: z.boolean(), brokenAt: z.object({ id: z.number(), problem: z.string() }).nullable() }),
        },
      },
    },
    async (req) => {
      const result = await audit.verify();
      await audit.record(req.actor, {
        action: 'audit.verify',
        objectType: 'audit',
        outcome: result.break ? 'failure' : 'success',
        details: { checked: result.checked, ...(result.break ? { brokenAt: result.break.id } : {}) },
      });
      return { checked: result.checked, intact: result.break === null, brokenAt: result.break };
    },
  );
}

function assertAuditFiltersValid(f: Filters): void {
  if (f.from && f.to && f.from.slice(0, 10) > f.to.slice(0, 10)) {
    throw new AppError('validation', '"from" is after "to"', { errors: [{ field: 'query.from', message: 'after_to' }] });
  }
}
