// Prints the current second-factor code for the demo users (demo mode only).
import { totpCode } from '../src/platform/auth/totp.js';
import { DEMO_TOTP_SECRET } from '../src/demo/demo-data.js';

const now = Date.now();
const remaining = 30 - Math.floor(now / 1000) % 30;
process.stdout.write(`${totpCode(DEMO_TOTP_SECRET, now)}  (valid for ${remaining} s more; next: ${totpCode(DEMO_TOTP_SECRET, now + 30_000)})\n`);
