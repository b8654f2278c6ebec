import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, openText, seal } from './secret-box.js';

const key = randomBytes(32);

describe('secret box (AES-256-GCM)', () => {
  it('opens what it sealed, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 40 }), (plain, context) => {
        expect(openText(key, seal(key, plain, context), context)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('never repeats a ciphertext and never shows the plaintext', () => {
    const a = seal(key, 'JBSWY3DPEHPK3PXP', 'ctx');
    const b = seal(key, 'JBSWY3DPEHPK3PXP', 'ctx');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another context (a value copied to another row) and any changed byte', () => {
    const sealed = seal(key, 'secret', 'users.totp_secret:1');
    expect(() => open(randomBytes(32), sealed, 'users.totp_secret:1')).toThrow();
    expect(() => open(key, sealed, 'users.totp_secret:2')).toThrow();
    const [v, nonce, body] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= 0x01;
      expect(() => open(key, `${v}.${nonce}.${changed.toString('base64url')}`, 'users.totp_secret:1')).toThrow();
    }
    expect(() => open(key, 'v0.abc.def', 'x')).toThrow(/Unrecognised/);
    expect(() => seal(randomBytes(16), 'x', 'y')).toThrow(/32-byte key/);
  });
});
