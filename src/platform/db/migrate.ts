import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './db.js';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../db/migrations');
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Arbitrary constant: the advisory lock that serialises concurrent migrators (several app processes). */
const MIGRATION_LOCK = 74_617_001;

export type MigrationFile = { version: number; name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const m = MIGRATION_FILE.exec(name);
    if (!m) throw new Error(`Migration file name must look like 0001_name.sql: ${name}`);
    const sql = await fs.readFile(path.join(dir, name), 'utf8');
    files.push({ version: Number(m[1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  files.forEach((f, i) => {
    if (f.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps: ${f.name}`);
  });
  return files;
}

/** Applies pending migrations in order; refuses to run when a landed migration was edited. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const files = await readMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    const applied: string[] = [];
    for (const file of files) {
      const landed = done.get(file.version);
      if (landed) {
        if (landed.checksum !== file.checksum) {
          throw new Error(`Migration ${file.name} was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      applied.push(file.name);
    }
    return { applied };
  });
}

/** True when every migration file is recorded as applied (readiness). */
export async function isMigrated(db: Database, dir = MIGRATIONS_DIR): Promise<boolean> {
  const files = await readMigrations(dir);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM schema_migrations`,
  );
  return rows[0]!.n === files.length;
}
