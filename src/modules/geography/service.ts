/**
 * Geography's service functions: what other modules call to resolve, validate and search unit codes.
 * Modules store KATOTTH codes (organisations' jurisdictions, a case's place) and read units through here,
 * never from admin_units directly.
 */
import type { Queryable } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/errors.js';
import { prefixPattern, queryKey, type QueryKey } from './search-key.js';
import { type Category, CATEGORY_RANK, LEADING_CATEGORIES, UNIT_CODE, unitLabels } from './units.js';

export type AdminUnit = {
  code: string;
  category: Category;
  level: number;
  parentCode: string | null;
  nameUk: string;
  nameEn: string;
  labelUk: string;
  labelEn: string;
  /** First edition listing the unit, 'YYYY-MM-DD'. */
  validFrom: string;
  /** Edition that no longer listed it; null while current. */
  validTo: string | null;
  /** Has at least one current child. */
  hasChildren: boolean;
};

export type SearchQuery = {
  /** A prefix of the name or of any later word of it, in Ukrainian or Latin letters. */
  q?: string | null;
  categories?: readonly Category[] | null;
  /** Direct children of this unit only. */
  parentCode?: string | null;
  /** Descendants of this unit at any depth (e.g. everything in an oblast). */
  within?: string | null;
  limit?: number | null;
  includeExpired?: boolean | null;
};

export const SEARCH_LIMIT = { default: 20, max: 100 } as const;
export const CHILDREN_LIMIT = { default: 100, max: 500 } as const;

type UnitRow = {
  code: string;
  category: Category;
  level: number;
  parent_code: string | null;
  name_uk: string;
  name_en: string;
  valid_from: string;
  valid_to: string | null;
  has_children: boolean;
};

const UNIT_COLUMNS = `u.code, u.category, u.level, u.parent_code, u.name_uk, u.name_en,
  to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to,
  EXISTS (SELECT 1 FROM admin_units c WHERE c.parent_code = u.code AND c.valid_to IS NULL) AS has_children`;

function toUnit(r: UnitRow): AdminUnit {
  return {
    code: r.code,
    category: r.category,
    level: Number(r.level),
    parentCode: r.parent_code,
    nameUk: r.name_uk,
    nameEn: r.name_en,
    ...unitLabels(r.category, r.name_uk, r.name_en),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    hasChildren: r.has_children,
  };
}

export function isUnitCode(code: string): boolean {
  return UNIT_CODE.test(code);
}

/** One unit by code, current or expired; null when unknown (or not a code at all). */
export async function getUnit(db: Queryable, code: string): Promise<AdminUnit | null> {
  if (!isUnitCode(code)) return null;
  const { rows } = await db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM admin_units u WHERE u.code = $1`, [code]);
  return rows[0] ? toUnit(rows[0]) : null;
}

/** Units by code in one query; unknown codes are simply absent from the map. Expired units are included. */
export async function getUnits(db: Queryable, codes: readonly string[]): Promise<Map<string, AdminUnit>> {
  const wanted = [...new Set(codes)].filter(isUnitCode);
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM admin_units u WHERE u.code = ANY($1::text[])`, [wanted]);
  return new Map(rows.map((r) => [r.code, toUnit(r)]));
}

/** The unit and its ancestors, root (oblast, Crimea, Kyiv, Sevastopol) first, the unit itself last; [] when unknown. */
export async function unitPath(db: Queryable, code: string): Promise<AdminUnit[]> {
  if (!isUnitCode(code)) return [];
  const { rows } = await db.query<UnitRow>(
    `WITH RECURSIVE chain (code, parent_code, depth) AS (
       SELECT code, parent_code, 0 FROM admin_units WHERE code = $1
       UNION ALL
       SELECT p.code, p.parent_code, c.depth + 1 FROM admin_units p JOIN chain c ON p.code = c.parent_code
       WHERE c.depth < 10
     )
     SELECT ${UNIT_COLUMNS} FROM chain JOIN admin_units u ON u.code = chain.code ORDER BY chain.depth DESC`,
    [code],
  );
  return rows.map(toUnit);
}

/** True when `code` is `areaCode` itself or lies inside it (jurisdiction checks). */
export async function isWithin(db: Queryable, code: string, areaCode: string): Promise<boolean> {
  return (await unitPath(db, code)).some((u) => u.code === areaCode);
}

/**
 * Children of a unit (root units when `code` is null) in codifier order (code order: the administrative centre
 * first, then alphabetical), one page at a time. The cursor is opaque to callers.
 */
export async function children(
  db: Queryable,
  code: string | null,
  options: { limit?: number | null; cursor?: string | null; includeExpired?: boolean | null } = {},
): Promise<{ items: AdminUnit[]; nextCursor: string | null }> {
  const limit = clampLimit(options.limit, CHILDREN_LIMIT);
  const after = decodeChildrenCursor(options.cursor ?? null);
  // Two spellings of the parent test: IS NOT DISTINCT FROM would not use the parent_code index.
  const parentTest = code === null ? 'u.parent_code IS NULL AND $1::text IS NULL' : 'u.parent_code = $1::text';
  const { rows } = await db.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM admin_units u
     WHERE ${parentTest}
       AND ($2::boolean OR u.valid_to IS NULL)
       AND ($3::text IS NULL OR u.code > $3::text COLLATE "C")
     ORDER BY u.code COLLATE "C"
     LIMIT $4`,
    [code, options.includeExpired === true, after, limit + 1],
  );
  const items = rows.slice(0, limit).map(toUnit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeChildrenCursor(last.code) : null };
}

export function encodeChildrenCursor(lastCode: string): string {
  return Buffer.from(JSON.stringify({ after: lastCode })).toString('base64url');
}

function decodeChildrenCursor(cursor: string | null): string | null {
  if (cursor === null || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'after' in parsed && typeof parsed.after === 'string' && isUnitCode(parsed.after)) {
      return parsed.after;
    }
  } catch {
    /* reported below */
  }
  throw new AppError('validation', 'The cursor is not valid', { errors: [{ field: 'querystring.cursor', message: 'invalid' }] });
}

/** What a search will do, decided from the query alone (no I/O). */
export type SearchPlan = {
  key: QueryKey | null;
  /** No query and nothing to narrow by: list the root units. */
  roots: boolean;
  limit: number;
  /** The query normalised to nothing (only punctuation): no unit can match. */
  empty: boolean;
};

export function planSearch(query: SearchQuery): SearchPlan {
  const limit = clampLimit(query.limit, SEARCH_LIMIT);
  const text = query.q?.trim() ?? '';
  if (text === '') {
    const narrowed = Boolean(query.parentCode || query.within || query.categories?.length);
    return { key: null, roots: !narrowed, limit, empty: false };
  }
  const key = queryKey(text);
  return { key, roots: false, limit, empty: key.key === '' };
}

/**
 * Prefix search by name in either script (see search-key.ts), or a listing when `q` is absent: the children of
 * `parentCode`, the descendants of `within`, the units of `categories`, or else the root units. Ordered as
 * compareRanked (units.ts) describes; at most SEARCH_LIMIT.max rows; expired units only on request.
 */
export async function searchUnits(db: Queryable, query: SearchQuery): Promise<AdminUnit[]> {
  const plan = planSearch(query);
  if (plan.empty) return [];
  for (const code of [query.parentCode, query.within]) {
    if (code && !isUnitCode(code)) return [];
  }
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const limit = param(plan.limit);
  const full = rankedHits(query, plan, param, { startOnly: false, categories: query.categories ?? null });
  let page: string;
  // Short prefixes match thousands of villages, yet the first page is nearly always filled by current units of
  // the few leading categories whose name starts with the query, and those rank before everything else. They
  // are a short index range per category; the full search runs only when they leave the page short (a gate
  // PostgreSQL evaluates once, so a full page of leading units skips it). One round trip either way.
  const leading = (query.categories?.length ? query.categories : CATEGORY_RANK).filter((c) => LEADING_CATEGORIES.includes(c));
  if (plan.key && leading.length) {
    const first = rankedHits(query, plan, param, { startOnly: true, categories: leading });
    page = `WITH leading_units AS MATERIALIZED (${first} LIMIT ${limit})
      SELECT * FROM leading_units WHERE (SELECT count(*) FROM leading_units) = ${limit}
      UNION ALL
      SELECT * FROM (${full} LIMIT ${limit}) rest WHERE (SELECT count(*) FROM leading_units) < ${limit}`;
  } else {
    page = `${full} LIMIT ${limit}`;
  }
  // Whether a unit has children is asked only for the page returned, not for every hit.
  const { rows } = await db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM (${page}) u ORDER BY ${RANKED_ORDER}`, params);
  return rows.map(toUnit);
}

const RANKED_ORDER = 'word_match, expired, category_rank, sort_key COLLATE "C", code COLLATE "C"';

/** The hits of a search, ordered as compareRanked (units.ts) describes; the caller adds the LIMIT. */
function rankedHits(
  query: SearchQuery,
  plan: SearchPlan,
  param: (value: unknown) => string,
  scope: { startOnly: boolean; categories: readonly Category[] | null },
): string {
  const filters: string[] = [];
  let ancestors = '';
  if (!query.includeExpired || scope.startOnly) filters.push('u.valid_to IS NULL');
  if (scope.categories?.length) filters.push(`u.category = ANY(${param([...scope.categories])}::bpchar[])`);
  if (query.parentCode) filters.push(`u.parent_code = ${param(query.parentCode)}`);
  if (query.within) {
    // Units sit at most five levels deep, so four steps up reach every ancestor.
    ancestors = `
      LEFT JOIN admin_units a1 ON a1.code = u.parent_code
      LEFT JOIN admin_units a2 ON a2.code = a1.parent_code
      LEFT JOIN admin_units a3 ON a3.code = a2.parent_code`;
    filters.push(`${param(query.within)}::text IN (u.parent_code, a1.parent_code, a2.parent_code, a3.parent_code)`);
  }
  if (plan.roots) filters.push('u.parent_code IS NULL');

  const ranks = param(CATEGORY_RANK.join(''));
  const side = (wordMatch: 0 | 1, conditions: string[]) => `
    SELECT u.code, u.category, u.level, u.parent_code, u.name_uk, u.name_en, u.valid_from, u.valid_to, u.sort_key,
           ${wordMatch} AS word_match, (u.valid_to IS NOT NULL) AS expired,
           strpos(${ranks}::text, u.category::text) AS category_rank
    FROM admin_units u ${ancestors}
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;

  let hits = side(0, filters);
  if (plan.key) {
    // Both are index range scans on text_pattern_ops: names starting with the key, and names with a later word
    // starting with it (those not already found by their start). No join back over thousands of rows.
    const column = plan.key.script === 'uk' ? 'search_uk' : 'search_en';
    const pattern = param(prefixPattern(plan.key.key));
    hits = side(0, [`u.${column} LIKE ${pattern}`, ...filters]);
    if (!scope.startOnly) {
      const laterWord = `u.code IN (SELECT t.unit_code FROM admin_unit_search_terms t
                                    WHERE t.script = ${param(plan.key.script)} AND t.term LIKE ${pattern})`;
      hits += `
        UNION ALL
        ${side(1, [laterWord, `u.${column} NOT LIKE ${pattern}`, ...filters])}`;
    }
  }
  return `SELECT * FROM (${hits}) hits ORDER BY ${RANKED_ORDER}`;
}

export type CodifierEdition = { edition: string; unitCount: number; loadedAt: string; sourceFile: string };

/** Codifier editions loaded, newest first. */
export async function listEditions(db: Queryable): Promise<CodifierEdition[]> {
  const { rows } = await db.query<{ edition: string; unit_count: number; loaded_at: Date | string; source_file: string }>(
    `SELECT to_char(edition, 'YYYY-MM-DD') AS edition, unit_count, loaded_at, source_file
     FROM codifier_editions ORDER BY edition DESC`,
  );
  return rows.map((r) => ({
    edition: r.edition,
    unitCount: Number(r.unit_count),
    loadedAt: new Date(r.loaded_at).toISOString(),
    sourceFile: r.source_file,
  }));
}

function clampLimit(limit: number | null | undefined, bounds: { default: number; max: number }): number {
  if (limit === null || limit === undefined || !Number.isFinite(limit)) return bounds.default;
  return Math.min(bounds.max, Math.max(1, Math.trunc(limit)));
}
