/**
 * npm run audit:verify — walks the whole audit hash chain of the configured database (DATABASE_URL, or the
 * embedded database under DATA_DIR) and reports whether it is intact. Exit code 0 when intact, 1 when
 * broken, 2 when it could not check (configuration or database error).
 */
import { AuditLog } from '../src/platform/audit/audit-log.js';
import { openDatabase } from '../src/platform/bootstrap.js';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const result = await new AuditLog(db).verify();
    if (result.break) {
      process.stdout.write(`Audit chain BROKEN at event ${result.break.id} (${result.break.problem})\n`);
      return 1;
    }
    process.stdout.write(`Audit chain intact: ${result.checked} events\n`);
    return 0;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`audit:verify could not check the chain: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
