/**
 * npm run geography:load -- <file.csv> --edition YYYY-MM-DD
 *
 * Loads a later edition of the KATOTTH codifier into the database named by the environment (DATABASE_URL, or the
 * embedded one in DATA_DIR — stop the server first then: an embedded database has one user at a time). New units
 * start at the edition, renamed ones take the new name, units no longer listed end at it and are kept. Loading an
 * edition older than the latest loaded is refused; loading the same edition again changes nothing.
 * Exit codes: 0 loaded (or nothing to do), 1 refused or failed, 2 wrong usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit-log.js';
import { createContext, openDatabase } from '../src/platform/bootstrap.js';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';
import { resolveMasterKey } from '../src/platform/crypto/master-key.js';
import { CodifierFormatError } from '../src/modules/geography/codifier.js';
import { CodifierEditionError, loadCodifierEdition } from '../src/modules/geography/loader.js';

const USAGE = 'usage: npm run geography:load -- <file.csv> --edition YYYY-MM-DD\n';
const say = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<number> {
  let file: string;
  let edition: string;
  try {
    const { values, positionals } = parseArgs({ options: { edition: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1 || !values.edition) throw new Error('missing argument');
    file = path.resolve(positionals[0]!);
    edition = values.edition;
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }

  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const masterKey = await resolveMasterKey(config, say);
    const ctx = await createContext(config, db, masterKey);
    const started = performance.now();
    // The operator's account is not known here; the event says the load came from this command.
    const actor = { ...SYSTEM_ACTOR, requestId: 'cli:geography:load' };
    const result = await loadCodifierEdition(db, { file, edition, audit: { log: ctx.audit, actor } });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      result.alreadyLoaded && result.inserted + result.updated + result.expired === 0
        ? `Edition ${edition} was already loaded; nothing changed.\n`
        : `Edition ${edition} loaded in ${seconds} s: ${result.total} units listed, ${result.inserted} new, ` +
            `${result.updated} changed, ${result.expired} ended (kept, with valid_to = ${edition}).\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof CodifierEditionError || err instanceof CodifierFormatError) {
      say(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      say(`No such file: ${file}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError) {
    say(err.message);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
