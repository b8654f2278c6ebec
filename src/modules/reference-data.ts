import path from 'node:path';
import { SYSTEM_ACTOR } from '../platform/audit/audit-log.js';
import type { AppContext } from '../platform/http/context.js';
import { CodifierEditionError, loadCodifierEdition } from './geography/loader.js';

/** The codifier edition shipped in reference/; a later one is loaded with `npm run geography:load`. */
export const BUNDLED_CODIFIER = {
  file: path.resolve(import.meta.dirname, '../../reference/katotth-2025-05-16.csv'),
  edition: '2025-05-16',
} as const;

export type ReferenceDataLog = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/**
 * Loads the official reference data every installation needs (administrative units), once. Runs at every
 * start, so the common case is one indexed look-up: nothing to do when this edition or a later one is loaded.
 */
export async function loadReferenceData(ctx: Pick<AppContext, 'db' | 'audit'>, log: ReferenceDataLog): Promise<void> {
  const { rows } = await ctx.db.query('SELECT 1 FROM codifier_editions WHERE edition >= $1::date LIMIT 1', [BUNDLED_CODIFIER.edition]);
  if (rows.length) return;
  const started = performance.now();
  try {
    const result = await loadCodifierEdition(ctx.db, { ...BUNDLED_CODIFIER, audit: { log: ctx.audit, actor: SYSTEM_ACTOR } });
    log.info(
      { edition: result.edition, units: result.total, inserted: result.inserted, ms: Math.round(performance.now() - started) },
      'administrative units loaded',
    );
  } catch (err) {
    // Another process loaded a later edition between the check and the load: nothing left to do.
    if (err instanceof CodifierEditionError) {
      log.warn({ edition: BUNDLED_CODIFIER.edition }, 'bundled codifier not loaded: a later edition is already present');
      return;
    }
    throw err;
  }
}
