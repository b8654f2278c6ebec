import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config/config.js';

/**
 * The master key wraps every secret the server keeps (TOTP secrets now, per-person data keys later).
 * From OPENNRM_MASTER_KEY; outside production, a generated key file in the data directory (with a warning).
 */
export async function resolveMasterKey(
  config: AppConfig,
  warn: (message: string) => void,
): Promise<Buffer> {
  if (config.masterKey) return config.masterKey;
  const file = path.join(config.dataDir, 'master.key');
  try {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    warn(`Using the demo master key in ${file}; set OPENNRM_MASTER_KEY outside demo mode`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  await fs.writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  warn(`Generated a demo master key in ${file}; set OPENNRM_MASTER_KEY outside demo mode`);
  return key;
}
