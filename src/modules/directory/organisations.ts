import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.js';
import type { AppInstance } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { text } from '../../platform/http/text.js';
import { can, sqlFilter } from '../../platform/policy/policy.js';
import { getUnits } from '../geography/service.js';
import { booleanParam, decodeCursor, encodeCursor, limitParam } from './pagination.js';

const unitRef = z.object({
  code: z.string(),
  nameUk: z.string(),
  nameEn: z.string(),
  labelUk: z.string(),
  labelEn: z.string(),
  category: z.string(),
});
export const organisationSchema = z.object({
  id: z.uuid(),
  nameUk: z.string(),
  nameEn: z.string(),
  typeCode: z.string(),
  active: z.boolean(),
  contacts: z.object({
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
    website: z.string().optional(),
  }),
  jurisdiction: z.array(unitRef),
  userCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type Organisation = z.infer<typeof organisationSchema>;

const contactsInput = z.strictObject({
  phone: z
    .string()
    .max(40)
    .regex(/^\+?[0-9 ()-]{3,40}$/, 'phone number: digits, spaces, brackets, dashes, optional leading +')
    .optional(),
  email: z.email().max(200).optional(),
  address: text(300).optional(),
  website: z.url({ protocol: /^https?$/ }).max(300).optional(),
});
const organisationInput = z.strictObject({
  nameUk: text(300),
  nameEn: text(300),
  typeCode: z.string().min(1).max(60),
  contacts: contactsInput.default({}),
  jurisdiction: z.array(z.string().regex(/^UA\d{17}$/, 'KATOTTH code')).max(200).default([]),
  active: z.boolean().default(true),
});
const organisationUpdate = organisationInput.extend({ version: z.number().int().min(1) });
const listQuery = z.strictObject({
  q: z.string().max(100).optional(),
  typeCode: z.string().max(60).optional(),
  active: booleanParam().optional(),
  limit: limitParam(),
  cursor: z.string().max(500).optional(),
});
const idParams = z.strictObject({ id: z.uuid() });
const cursorKey = z.object({ n: z.string(), id: z.string() });

type OrgRow = {
  id: string;
  name_uk: string;
  name_en: string;
  type_code: string;
  active: boolean;
  contacts: Organisation['contacts'];
  version: number;
  created_at: Date;
  updated_at: Date;
  user_count: number;
  jurisdiction: string[];
};

const ORG_SELECT = `
  SELECT o.*, (SELECT count(*)::int FROM users u WHERE u.organisation_id = o.id AND u.active) AS user_count,
         COALESCE((SELECT array_agg(j.unit_code ORDER BY j.unit_code) FROM organisation_jurisdictions j WHERE j.organisation_id = o.id), '{}') AS jurisdiction
  FROM organisations o`;

async function toOrganisations(db: Queryable, rows: OrgRow[]): Promise<Organisation[]> {
  const units = await getUnits(db, [...new Set(rows.flatMap((r) => r.jurisdiction))]);
  return rows.map((r) => ({
    id: r.id,
    nameUk: r.name_uk,
    nameEn: r.name_en,
    typeCode: r.type_code,
    active: r.active,
    contacts: r.contacts ?? {},
    jurisdiction: r.jurisdiction.flatMap((code) => {
      const u = units.get(code);
      return u ? [{ code, nameUk: u.nameUk, nameEn: u.nameEn, labelUk: u.labelUk, labelEn: u.labelEn, category: u.category }] : [];
    }),
    userCount: r.user_count,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Exported for other modules: an organisation by id, or null. */
export async function getOrganisation(db: Queryable, id: string): Promise<Organisation | null> {
  const { rows } = await db.query<OrgRow>(`${ORG_SELECT} WHERE o.id = $1`, [id]);
  return rows.length ? (await toOrganisations(db, rows))[0]! : null;
}

async function checkReferences(db: Queryable, input: z.infer<typeof organisationInput>) {
  const type = await db.query('SELECT 1 FROM organisation_types WHERE code = $1', [input.typeCode]);
  if (!type.rows.length) {
    throw new AppError('validation', 'Unknown organisation type', { errors: [{ field: 'body.typeCode', message: 'unknown' }] });
  }
  const units = await getUnits(db, input.jurisdiction);
  const missing = input.jurisdiction.filter((c) => !units.has(c));
  const ended = input.jurisdiction.filter((c) => units.get(c)?.validTo != null);
  if (ended.length) {
    throw new AppError('validation', 'The administrative unit no longer exists in the current codifier', {
      errors: ended.map((c) => ({ field: 'body.jurisdiction', message: `ended unit ${c}` })),
    });
  }
  if (missing.length) {
    throw new AppError('validation', 'Unknown administrative unit', {
      errors: missing.map((c) => ({ field: 'body.jurisdiction', message: `unknown unit ${c}` })),
    });
  }
}

async function writeJurisdiction(tx: Queryable, id: string, codes: readonly string[]) {
  await tx.query('DELETE FROM organisation_jurisdictions WHERE organisation_id = $1', [id]);
  if (codes.length) {
    await tx.query(
      'INSERT INTO organisation_jurisdictions (organisation_id, unit_code) SELECT $1, unnest($2::text[])',
      [id, [...new Set(codes)]],
    );
  }
}

function uniqueNameConflict(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new AppError('conflict', 'An organisation with this Ukrainian name exists', { errors: [{ field: 'body.nameUk', message: 'taken' }] });
  }
  throw err;
}

export async function organisationRoutes(app: AppInstance, ctx: AppContext) {
  const { db, audit } = ctx;
  const tags = ['organisations'];

  app.get(
    '/api/v1/organisation-types',
    {
      config: { access: { permission: 'organisation.read' } },
      schema: {
        tags,
        summary: 'Organisation types (reference list)',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), nameUk: z.string(), nameEn: z.string() })) }) },
      },
    },
    async () => {
      const { rows } = await db.query<{ code: string; name_uk: string; name_en: string }>(
        'SELECT code, name_uk, name_en FROM organisation_types ORDER BY position',
      );
      return { items: rows.map((r) => ({ code: r.code, nameUk: r.name_uk, nameEn: r.name_en })) };
    },
  );

  app.get(
    '/api/v1/organisations',
    {
      config: { access: { permission: 'organisation.read' } },
      schema: {
        tags,
        summary: 'Search the organisation directory',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(organisationSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { q, typeCode, active, limit, cursor } = req.query;
      const params: unknown[] = [];
      const where = [sqlFilter(req.auth!.subject, 'organisation.read', { organisationId: 'o.id' }, params)];
      if (q) {
        params.push(`%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
        where.push(`(lower(o.name_uk) LIKE $${params.length} OR lower(o.name_en) LIKE $${params.length})`);
      }
      if (typeCode) {
        params.push(typeCode);
        where.push(`o.type_code = $${params.length}`);
      }
      if (active !== undefined) {
        params.push(active);
        where.push(`o.active = $${params.length}`);
      }
      const after = decodeCursor(cursor, cursorKey);
      if (after) {
        params.push(after.n, after.id);
        where.push(`(lower(o.name_uk), o.id) > ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const { rows } = await db.query<OrgRow>(
        `${ORG_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(o.name_uk), o.id LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await toOrganisations(db, page),
        nextCursor: rows.length > limit && last ? encodeCursor({ n: last.name_uk.toLowerCase(), id: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/v1/organisations/:id',
    {
      config: { access: { permission: 'organisation.read' } },
      schema: { tags, summary: 'One organisation', params: idParams, response: { 200: organisationSchema } },
    },
    async (req) => {
      const org = await getOrganisation(db, req.params.id);
      if (!org || !can(req.auth!.subject, 'organisation.read', { organisationId: org.id })) throw new AppError('not_found');
      return org;
    },
  );

  app.post(
    '/api/v1/organisations',
    {
      config: { access: { permission: 'organisation.manage' } },
      schema: { tags, summary: 'Create an organisation', body: organisationInput, response: { 201: organisationSchema } },
    },
    async (req, reply) => {
      if (!can(req.auth!.subject, 'organisation.manage', { organisationId: null })) {
        await audit.record(req.actor, { action: 'organisation.create', objectType: 'organisation', outcome: 'denied' });
        throw new AppError('forbidden', 'Only a system administrator creates organisations');
      }
      const input = req.body;
      await checkReferences(db, input);
      const id = randomUUID();
      await db
        .transaction(async (tx) => {
          await tx.query(
            'INSERT INTO organisations (id, name_uk, name_en, type_code, contacts, active) VALUES ($1, $2, $3, $4, $5, $6)',
            [id, input.nameUk, input.nameEn, input.typeCode, JSON.stringify(input.contacts), input.active],
          );
          await writeJurisdiction(tx, id, input.jurisdiction);
          await audit.record(req.actor, { action: 'organisation.create', objectType: 'organisation', objectId: id }, tx);
        })
        .catch(uniqueNameConflict);
      reply.status(201);
      return (await getOrganisation(db, id))!;
    },
  );

  app.put(
    '/api/v1/organisations/:id',
    {
      config: { access: { permission: 'organisation.manage' } },
      schema: {
        tags,
        summary: 'Update an organisation (optimistic concurrency: send the version you read)',
        params: idParams,
        body: organisationUpdate,
        response: { 200: organisationSchema },
      },
    },
    async (req) => {
      const current = await getOrganisation(db, req.params.id);
      if (!current) throw new AppError('not_found');
      if (!can(req.auth!.subject, 'organisation.manage', { organisationId: current.id })) {
        await audit.record(req.actor, { action: 'organisation.update', objectType: 'organisation', objectId: current.id, outcome: 'denied' });
        throw new AppError('forbidden');
      }
      const input = req.body;
      await checkReferences(db, input);
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => {
        if (k === 'version') return false;
        if (k === 'jurisdiction') return JSON.stringify([...input.jurisdiction].sort()) !== JSON.stringify(current.jurisdiction.map((j) => j.code));
        return JSON.stringify(input[k]) !== JSON.stringify(current[k as keyof typeof current]);
      });
      await db
        .transaction(async (tx) => {
          const r = await tx.query(
            `UPDATE organisations SET name_uk = $3, name_en = $4, type_code = $5, contacts = $6, active = $7,
               version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
            [current.id, input.version, input.nameUk, input.nameEn, input.typeCode, JSON.stringify(input.contacts), input.active],
          );
          if (r.rowCount !== 1) throw new AppError('stale_version', undefined, { currentVersion: current.version });
          await writeJurisdiction(tx, current.id, input.jurisdiction);
          await audit.record(req.actor, { action: 'organisation.update', objectType: 'organisation', objectId: current.id, details: { changed } }, tx);
        })
        .catch(uniqueNameConflict);
      return (await getOrganisation(db, current.id))!;
    },
  );
}
