import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditActor, AuditLog } from '../../platform/audit/audit-log.js';
import type { Database, Queryable } from '../../platform/db/db.js';
import { type CodifierUnit, countByCategory, parseCodifier } from './codifier.js';
import { laterWordSuffixes, searchKeyEn, searchKeyUk, ukSortKey } from './search-key.js';

/** Arbitrary constant: the advisory lock that serialises codifier loads (several processes starting at once). */
const CODIFIER_LOCK = 74_617_101;
/** Rows per INSERT … SELECT FROM unnest(…): few round trips, parameters well under any protocol limit. */
const BATCH_SIZE = 5000;
const EDITION = /^\d{4}-\d{2}-\d{2}$/;

/** The load was refused (an older edition than one already loaded, a malformed edition date). */
export class CodifierEditionError extends Error {
  override name = 'CodifierEditionError';
}

export type LoadResult = {
  edition: string;
  /** Units listed in this edition. */
  total: number;
  inserted: number;
  /** Existing units whose name, category, level or parent changed, or that reappeared after expiring. */
  updated: number;
  /** Units of earlier editions not listed in this one: valid_to set to this edition, never deleted. */
  expired: number;
  /** This edition was already recorded in codifier_editions. */
  alreadyLoaded: boolean;
  categories: Record<string, number>;
};

export type LoadOptions = {
  file: string;
  /** The codifier's publication date, 'YYYY-MM-DD'. */
  edition: string;
  /** When given, a `geography.codifier_loaded` event is recorded in the load's own transaction. */
  audit?: { log: AuditLog; actor: AuditActor };
};

/**
 * Loads one codifier edition, in one transaction.
 * - Idempotent: loading the same edition again changes nothing.
 * - Versioned: units new in this edition get valid_from = edition; existing ones take the new name, category
 *   and parent; units missing from it get valid_to = edition and stay (old cases keep their places); a unit
 *   that comes back is current again.
 * - An edition older than the latest loaded is refused: applying it would roll newer names back.
 */
export async function loadCodifierEdition(db: Database, options: LoadOptions): Promise<LoadResult> {
  assertEdition(options.edition);
  const units = parseCodifier(await fs.readFile(options.file, 'utf8'));
  return loadCodifierUnits(db, units, { ...options, sourceFile: path.basename(options.file) });
}

/** As loadCodifierEdition, for units already parsed. */
export async function loadCodifierUnits(
  db: Database,
  units: readonly CodifierUnit[],
  options: { edition: string; sourceFile: string; audit?: LoadOptions['audit'] },
): Promise<LoadResult> {
  const { edition } = options;
  assertEdition(edition);
  const rows = toRows(units);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CODIFIER_LOCK]);
    const latest = await latestEdition(tx);
    if (latest !== null && latest > edition) {
      throw new CodifierEditionError(`Edition ${edition} is older than the latest loaded edition ${latest}; refusing to load it`);
    }
    await stage(tx, rows);

    // One statement for all levels: foreign keys to parents are checked at its end, whatever the row order.
    const inserted = await tx.query<{ code: string }>(
      `INSERT INTO admin_units (code, category, level, parent_code, name_uk, name_en, search_uk, search_en, sort_key, valid_from)
       SELECT s.code, s.category, s.level, s.parent_code, s.name_uk, s.name_en, s.search_uk, s.search_en, s.sort_key, $1::date
       FROM geography_staging s
       WHERE NOT EXISTS (SELECT 1 FROM admin_units u WHERE u.code = s.code)
       RETURNING code`,
      [edition],
    );
    const updated = await tx.query<{ code: string }>(
      `UPDATE admin_units u
       SET category = s.category, level = s.level, parent_code = s.parent_code, name_uk = s.name_uk, name_en = s.name_en,
           search_uk = s.search_uk, search_en = s.search_en, sort_key = s.sort_key, valid_to = NULL
       FROM geography_staging s
       WHERE u.code = s.code
         AND (u.category, u.level, u.parent_code, u.name_uk, u.name_en, u.search_uk, u.search_en, u.sort_key, u.valid_to)
             IS DISTINCT FROM (s.category, s.level, s.parent_code, s.name_uk, s.name_en, s.search_uk, s.search_en, s.sort_key, NULL::date)
       RETURNING u.code`,
    );
    const expired = await tx.query(
      `UPDATE admin_units u SET valid_to = $1::date
       WHERE u.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM geography_staging s WHERE s.code = u.code)`,
      [edition],
    );

    // Search terms follow the names: replaced only for units whose keys may have changed.
    const changed = [...inserted.rows, ...updated.rows].map((r) => r.code);
    if (changed.length) {
      await tx.query('DELETE FROM admin_unit_search_terms WHERE unit_code = ANY($1::text[])', [changed]);
      await tx.query(
        `INSERT INTO admin_unit_search_terms (unit_code, script, term)
         SELECT s.code, t.script, t.term
         FROM geography_staging s
         CROSS JOIN LATERAL (
           SELECT 'uk' AS script, term FROM unnest(s.terms_uk) AS term
           UNION SELECT 'en', term FROM unnest(s.terms_en) AS term
         ) t
         WHERE s.code = ANY($1::text[])`,
        [changed],
      );
    }

    const recorded = await tx.query(
      `INSERT INTO codifier_editions (edition, source_file, unit_count) VALUES ($1::date, $2, $3)
       ON CONFLICT (edition) DO NOTHING`,
      [edition, options.sourceFile, rows.code.length],
    );
    // Fresh statistics: the planner otherwise guesses a handful of rows per prefix and picks poor plans.
    await tx.exec('ANALYZE admin_units; ANALYZE admin_unit_search_terms');
    // ON COMMIT DROP would do, but a caller's later statements in this transaction need not see it.
    await tx.exec('DROP TABLE geography_staging');

    const result: LoadResult = {
      edition,
      total: rows.code.length,
      inserted: inserted.rowCount,
      updated: updated.rowCount,
      expired: expired.rowCount,
      alreadyLoaded: recorded.rowCount === 0,
      categories: countByCategory(units),
    };
    const changedAnything = result.inserted + result.updated + result.expired > 0 || !result.alreadyLoaded;
    if (options.audit && changedAnything) {
      await options.audit.log.record(
        options.audit.actor,
        {
          action: 'geography.codifier_loaded',
          objectType: 'codifier_edition',
          objectId: edition,
          details: {
            sourceFile: options.sourceFile,
            total: result.total,
            inserted: result.inserted,
            updated: result.updated,
            expired: result.expired,
          },
        },
        tx,
      );
    }
    return result;
  });
}

/** The latest edition loaded, 'YYYY-MM-DD', or null before the first load. */
export async function latestEdition(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ latest: string | null }>(
    `SELECT to_char(max(edition), 'YYYY-MM-DD') AS latest FROM codifier_editions`,
  );
  return rows[0]?.latest ?? null;
}

function assertEdition(edition: string): void {
  const date = new Date(`${edition}T00:00:00Z`);
  if (!EDITION.test(edition) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== edition) {
    throw new CodifierEditionError(`The edition must be a date written YYYY-MM-DD, got "${edition}"`);
  }
}

/** Column arrays, one entry per unit, as unnest() takes them. */
type StagingRows = {
  code: string[];
  category: string[];
  level: number[];
  parentCode: (string | null)[];
  nameUk: string[];
  nameEn: string[];
  searchUk: string[];
  searchEn: string[];
  sortKey: string[];
  termsUk: string[];
  termsEn: string[];
};

// A unit's later-word terms travel as one string: PostgreSQL arrays must be rectangular, so a text[] per
// row cannot be sent through unnest() directly. '\n' never occurs in a key.
const TERM_SEPARATOR = '\n';

function toRows(units: readonly CodifierUnit[]): StagingRows {
  const rows: StagingRows = {
    code: [], category: [], level: [], parentCode: [], nameUk: [], nameEn: [],
    searchUk: [], searchEn: [], sortKey: [], termsUk: [], termsEn: [],
  };
  for (const u of units) {
    const searchUk = searchKeyUk(u.nameUk);
    const searchEn = searchKeyEn(u.nameUk);
    rows.code.push(u.code);
    rows.category.push(u.category);
    rows.level.push(u.level);
    rows.parentCode.push(u.parentCode);
    rows.nameUk.push(u.nameUk);
    rows.nameEn.push(u.nameEn);
    rows.searchUk.push(searchUk);
    rows.searchEn.push(searchEn);
    rows.sortKey.push(ukSortKey(u.nameUk));
    rows.termsUk.push(laterWordSuffixes(searchUk).join(TERM_SEPARATOR));
    rows.termsEn.push(laterWordSuffixes(searchEn).join(TERM_SEPARATOR));
  }
  return rows;
}

async function stage(tx: Queryable, rows: StagingRows): Promise<void> {
  await tx.exec(`CREATE TEMP TABLE geography_staging (
    code text PRIMARY KEY, category char(1) NOT NULL, level smallint NOT NULL, parent_code text,
    name_uk text NOT NULL, name_en text NOT NULL, search_uk text NOT NULL, search_en text NOT NULL,
    sort_key text NOT NULL, terms_uk text[] NOT NULL, terms_en text[] NOT NULL
  ) ON COMMIT DROP`);
  for (let start = 0; start < rows.code.length; start += BATCH_SIZE) {
    const slice = <T>(column: T[]) => column.slice(start, start + BATCH_SIZE);
    await tx.query(
      `INSERT INTO geography_staging
       SELECT code, category, level, parent_code, name_uk, name_en, search_uk, search_en, sort_key,
              CASE WHEN terms_uk = '' THEN '{}'::text[] ELSE string_to_array(terms_uk, E'\\n') END,
              CASE WHEN terms_en = '' THEN '{}'::text[] ELSE string_to_array(terms_en, E'\\n') END
       FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[])
            AS t(code, category, level, parent_code, name_uk, name_en, search_uk, search_en, sort_key, terms_uk, terms_en)`,
      [
        slice(rows.code), slice(rows.category), slice(rows.level), slice(rows.parentCode), slice(rows.nameUk),
        slice(rows.nameEn), slice(rows.searchUk), slice(rows.searchEn), slice(rows.sortKey), slice(rows.termsUk),
        slice(rows.termsEn),
      ],
    );
  }
}
