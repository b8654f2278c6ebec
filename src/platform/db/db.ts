import fs from 'node:fs/promises';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

/** The one database interface every module uses; the same SQL runs on PGlite and on a PostgreSQL server. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'server';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Pool figures for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

// Parse bigint (int8) as number when safe; counts and ids stay numbers in JSON.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates (not timestamps) stay strings: 'YYYY-MM-DD' means a calendar day, not an instant.
pg.types.setTypeParser(1082, (v) => v);

export async function openServerDatabase(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  pool.on('error', () => {
    /* a dropped idle client is replaced on next use; readiness reports the outage */
  });
  const query = async <T extends Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const r = await client.query(sql, params as unknown[] | undefined);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'server',
    query: (sql, params) => query(pool, sql, params),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => query(client, sql, params),
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL (PGlite). `dir` null means in memory (tests). */
export async function openEmbeddedDatabase(dir: string | null): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir) await fs.mkdir(dir, { recursive: true });
  // Dates stay 'YYYY-MM-DD' strings, as with the pg driver above.
  const parsers = { 1082: (v: string) => v };
  const db: PGliteType = await PGlite.create(dir ? { dataDir: dir, parsers } : { parsers });
  let waiting = 0;
  const parse = <T extends Row>(r: { rows: unknown[]; affectedRows?: number }) => ({
    rows: r.rows as T[],
    rowCount: r.affectedRows ?? r.rows.length,
  });
  return {
    kind: 'embedded',
    async query(sql, params) {
      waiting++;
      try {
        return parse(await db.query(sql, params as unknown[] | undefined));
      } finally {
        waiting--;
      }
    },
    exec: async (sql) => void (await db.exec(sql)),
    async transaction(fn) {
      return db.transaction(async (tx) =>
        fn({
          query: async (sql, params) => parse(await tx.query(sql, params as unknown[] | undefined)),
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      );
    },
    poolStats: () => ({ total: 1, idle: waiting === 0 ? 1 : 0, waiting: Math.max(0, waiting - 1) }),
    close: () => db.close(),
  };
}
