import type { AppConfig } from './config/config.js';
import { openEmbeddedDatabase, openServerDatabase, type Database } from './db/db.js';
import { migrate } from './db/migrate.js';
import { AuditLog } from './audit/audit-log.js';
import { createPasswordHasher } from './auth/passwords.js';
import { PolicyStore } from './policy/policy-store.js';
import type { AppContext } from './http/context.js';

export async function openDatabase(config: AppConfig): Promise<Database> {
  return config.database.kind === 'embedded'
    ? openEmbeddedDatabase(config.database.dir)
    : openServerDatabase(config.database.url, config.database.poolSize);
}

/** Opens the database, applies migrations and validates the permission data. */
export async function createContext(
  config: AppConfig,
  db: Database,
  masterKey: Buffer,
): Promise<Omit<AppContext, 'log'> & { migrationsApplied: string[] }> {
  const { applied } = await migrate(db);
  const policy = new PolicyStore(db);
  await policy.load();
  return {
    config,
    db,
    audit: new AuditLog(db),
    masterKey,
    passwords: createPasswordHasher(config.argon2),
    policy,
    migrationsApplied: applied,
  };
}
