// npm run admin:create -- --username <name> --name "<display name>" [--org-uk "…" --org-en "…" --org-type ministry_social_policy]
// Creates a system administrator on a fresh installation (no demo data) and prints a temporary password once.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/platform/config/config.js';
import { createContext, openDatabase } from '../src/platform/bootstrap.js';
import { resolveMasterKey } from '../src/platform/crypto/master-key.js';
import { createSystemAdministrator } from '../src/modules/directory/first-admin.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    'org-uk': { type: 'string', default: 'Міністерство соціальної політики України' },
    'org-en': { type: 'string', default: 'Ministry of Social Policy of Ukraine' },
    'org-type': { type: 'string', default: 'ministry_social_policy' },
  },
});
if (!values.username || !values.name) {
  process.stderr.write('usage: npm run admin:create -- --username <name> --name "<display name>" [--org-uk … --org-en … --org-type …]\n');
  process.exit(2);
}
try {
  const config = loadConfig();
  const db = await openDatabase(config);
  const ctx = await createContext(config, db, await resolveMasterKey(config, (m) => process.stderr.write(`${m}\n`)));
  const created = await createSystemAdministrator(ctx, {
    username: values.username,
    displayName: values.name,
    organisationNameUk: values['org-uk'],
    organisationNameEn: values['org-en'],
    organisationType: values['org-type'],
  });
  process.stdout.write(
    `System administrator "${values.username}" created.\nTemporary password (shown once; changed at first sign-in, where the second factor is set up too):\n  ${created.temporaryPassword}\n`,
  );
  await db.close();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `admin:create failed: ${(err as Error).message}`}\n`);
  process.exit(1);
}
