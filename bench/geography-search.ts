/**
 * Type-ahead search over all KATOTTH units: p50 / p95 of searchUnits for a realistic mix of prefixes.
 * Called by bench/run.ts against an already loaded database; runnable alone with
 * `npx tsx bench/geography-search.ts` (in-memory PGlite, migrations, the bundled codifier, figures printed).
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openEmbeddedDatabase, type Database } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { searchUnits } from '../src/modules/geography/service.js';

const SAMPLE_NAMES = 300;
const WARM_UP = 30;

/**
 * Prefixes of 1–5 letters of real unit names, half in Ukrainian and half in the official Latin spelling, lower
 * and title case, from names spread evenly over the codifier, plus later words of multi-word names. Short
 * prefixes are the expensive ones (one letter matches thousands of villages), so every length is represented
 * equally rather than weighted towards what users type most.
 */
export async function geographyQueries(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name_uk: string; name_en: string }>(
    `SELECT name_uk, name_en FROM admin_units
     WHERE valid_to IS NULL ORDER BY md5(code) LIMIT $1`,
    [SAMPLE_NAMES],
  );
  const queries: string[] = [];
  rows.forEach((r, i) => {
    const length = (i % 5) + 1;
    const words = [r.name_uk, r.name_en];
    const source = words[i % 2]!.split(/[\s-]+/);
    const word = (i % 7 === 0 && source.length > 1 ? source[source.length - 1] : source[0]) ?? '';
    const prefix = Array.from(word.replace(/[ʼ']/g, '')).slice(0, length).join('');
    queries.push(i % 3 === 0 ? prefix : prefix.toLowerCase());
  });
  return queries.filter((q) => q.length > 0);
}

/** Runs the query mix through searchUnits one query at a time; prints nothing. */
export async function benchGeographySearch(db: Database): Promise<{ p50Ms: number; p95Ms: number; queries: number }> {
  const queries = await geographyQueries(db);
  for (const q of queries.slice(0, WARM_UP)) await searchUnits(db, { q });
  const samples: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await searchUnits(db, { q });
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), queries: samples.length };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main() {
  const { loadCodifierEdition } = await import('../src/modules/geography/loader.js');
  const { BUNDLED_CODIFIER } = await import('../src/modules/reference-data.js');
  const db = await openEmbeddedDatabase(null);
  try {
    await migrate(db);
    const t0 = performance.now();
    const loaded = await loadCodifierEdition(db, BUNDLED_CODIFIER);
    const loadMs = performance.now() - t0;
    const result = await benchGeographySearch(db);
    process.stdout.write(
      `geography: ${loaded.total} units loaded in ${(loadMs / 1000).toFixed(2)} s\n` +
        `geography search: ${result.queries} queries, p50 ${result.p50Ms.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms\n`,
    );
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
