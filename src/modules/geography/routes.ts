import { z } from 'zod';
import type { ModuleRoutes } from '../../platform/http/app.js';
import { AppError } from '../../platform/http/errors.js';
import { children, CHILDREN_LIMIT, getUnit, listEditions, SEARCH_LIMIT, searchUnits, unitPath } from './service.js';
import { CATEGORIES, UNIT_CODE } from './units.js';

const tags = ['geography'];
const access = { permission: 'geography.read' } as const;

const unitCode = z.string().regex(UNIT_CODE, 'must be a KATOTTH code such as UA05000000000010236');
const category = z.enum(CATEGORIES);
/** `category=M&category=C` or `category=M,C`. */
const categoryList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(category).max(CATEGORIES.length));
const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const unitSchema = z.object({
  code: z.string(),
  category,
  level: z.number().int(),
  parentCode: z.string().nullable(),
  nameUk: z.string(),
  nameEn: z.string(),
  labelUk: z.string(),
  labelEn: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  hasChildren: z.boolean(),
});
const unitList = z.object({ items: z.array(unitSchema) });

const unitsQuery = z.strictObject({
  q: z.string().max(100).optional(),
  category: categoryList.optional(),
  parentCode: unitCode.optional(),
  within: unitCode.optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT.max).default(SEARCH_LIMIT.default),
  includeExpired: booleanParam.optional(),
});
const childrenQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(CHILDREN_LIMIT.max).default(CHILDREN_LIMIT.default),
  cursor: z.string().max(200).optional(),
  includeExpired: booleanParam.optional(),
});
const codeParams = z.strictObject({ code: unitCode });

/** Administrative units (KATOTTH): search, browse, one unit with its path, codifier editions. */
export const geographyRoutes: ModuleRoutes = (app, { db }) => {
  async function existing(code: string) {
    const unit = await getUnit(db, code);
    if (!unit) throw new AppError('not_found', 'No administrative unit has this code');
    return unit;
  }

  app.get(
    '/api/v1/geography/units',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Search units by name prefix (Ukrainian or Latin letters), or list root units / children of parentCode',
        description:
          'Without q: the children of parentCode, the descendants of within, the units of category, or else the oblasts, ' +
          'Crimea, Kyiv and Sevastopol. With q: units whose name or any later word of it starts with q, name-start ' +
          'matches first, then by category (O, K, M, P, H, T, X, C, B) and name. Expired units only with includeExpired=true.',
        querystring: unitsQuery,
        response: { 200: unitList },
      },
    },
    async (req) => {
      const { q, category: categories, parentCode, within, limit, includeExpired } = req.query;
      const items = await searchUnits(db, { q, categories, parentCode, within, limit, includeExpired });
      return { items };
    },
  );

  app.get(
    '/api/v1/geography/units/:code',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One unit (current or expired) with its path, root first and the unit itself last',
        params: codeParams,
        response: { 200: unitSchema.extend({ path: z.array(unitSchema) }) },
      },
    },
    async (req) => {
      const unit = await existing(req.params.code);
      return { ...unit, path: await unitPath(db, unit.code) };
    },
  );

  app.get(
    '/api/v1/geography/units/:code/children',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Children of a unit in codifier order (administrative centre first), one page at a time',
        params: codeParams,
        querystring: childrenQuery,
        response: { 200: unitList.extend({ nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      await existing(req.params.code);
      return children(db, req.params.code, req.query);
    },
  );

  app.get(
    '/api/v1/geography/units/:code/path',
    {
      config: { access },
      schema: { tags, summary: 'The unit and its ancestors, root first', params: codeParams, response: { 200: unitList } },
    },
    async (req) => {
      await existing(req.params.code);
      return { items: await unitPath(db, req.params.code) };
    },
  );

  app.get(
    '/api/v1/geography/editions',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Codifier editions loaded, newest first',
        response: {
          200: z.object({ items: z.array(z.object({ edition: z.string(), unitCount: z.number().int(), loadedAt: z.string() })) }),
        },
      },
    },
    async () => ({ items: (await listEditions(db)).map(({ edition, unitCount, loadedAt }) => ({ edition, unitCount, loadedAt })) }),
  );
};
