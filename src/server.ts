import type { AppConfig } from './platform/config/config.js';
import { createContext, openDatabase } from './platform/bootstrap.js';
import { resolveMasterKey } from './platform/crypto/master-key.js';
import { buildApp } from './platform/http/app.js';
import { moduleRoutes } from './modules/index.js';
import { loadReferenceData } from './modules/reference-data.js';
import { loadDemoData, demoLoginTable } from './demo/demo-data.js';
import { purgeExpiredSessions } from './platform/auth/sessions.js';

/** Starts OpenNRM: database, migrations, reference data, demo data (when enabled), HTTP server. */
export async function startServer(config: AppConfig) {
  const warnings: string[] = [];
  const db = await openDatabase(config);
  const masterKey = await resolveMasterKey(config, (m) => warnings.push(m));
  const base = await createContext(config, db, masterKey);
  const app = await buildApp(base, moduleRoutes);
  for (const w of warnings) app.log.warn(w);
  if (base.migrationsApplied.length) app.log.info({ migrations: base.migrationsApplied }, 'migrations applied');
  await loadReferenceData(base, app.log);
  let demoLoaded = false;
  if (config.demo) demoLoaded = await loadDemoData(base, app.log);
  // Expired sessions are refused on use anyway; this keeps the table small.
  const purge = setInterval(() => {
    purgeExpiredSessions(db, config.session).catch((err: Error) => app.log.warn({ err: { name: err.name } }, 'session purge failed'));
  }, 10 * 60_000);
  purge.unref();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  process.stdout.write(`\nOpenNRM is running at ${url}  (API docs: ${url}/api/docs)\n`);
  if (config.demo) {
    process.stdout.write(demoLoginTable(config.demoPassword, demoLoaded));
  }
  return {
    app,
    url,
    async close() {
      clearInterval(purge);
      await app.close();
      await db.close();
    },
  };
}
