import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrolmentMaterial, hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, verifyTotp } from './totp.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const STEP_MS = 30_000;
/** The middle of time step n. */
const at = (step: number) => step * STEP_MS + 15_000;
const NOW_STEP = 59_000_000; // 2026-02-07, an arbitrary fixed moment

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('matches the RFC 6238 test vectors', () => {
    // Secret "12345678901234567890"; the RFC lists 8-digit codes, a 6-digit code is their last six digits.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(rfcSecret, 59_000)).toBe('287082');
    expect(totpCode(rfcSecret, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(rfcSecret, 1_234_567_890_000)).toBe('005924');
  });

  it('accepts the current code and returns its time step', () => {
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP)), null, at(NOW_STEP))).toBe(NOW_STEP);
  });

  it('accepts one step of clock drift either way, not two', () => {
    const now = at(NOW_STEP);
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP - 1)), null, now)).toBe(NOW_STEP - 1);
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP + 1)), null, now)).toBe(NOW_STEP + 1);
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP - 2)), null, now)).toBeNull();
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP + 2)), null, now)).toBeNull();
  });

  it('refuses a replayed code, and any code of an earlier step once a later one was used', () => {
    const now = at(NOW_STEP);
    const code = totpCode(SECRET, now);
    const accepted = verifyTotp(SECRET, code, null, now)!;
    expect(verifyTotp(SECRET, code, accepted, now)).toBeNull();
    expect(verifyTotp(SECRET, code, accepted, now + 10_000)).toBeNull();
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP - 1)), accepted, now)).toBeNull();
    // The next step is still fine.
    expect(verifyTotp(SECRET, totpCode(SECRET, at(NOW_STEP + 1)), accepted, now)).toBe(NOW_STEP + 1);
  });

  it('no code is ever accepted twice (any sequence of attempts)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 })), { maxLength: 12 }), (attempts) => {
        let last: number | null = null;
        const used = new Set<number>();
        let clock = NOW_STEP;
        for (const [offset, advance] of attempts) {
          clock += advance;
          const step = verifyTotp(SECRET, totpCode(SECRET, at(clock + offset)), last, at(clock));
          if (step !== null) {
            expect(used.has(step)).toBe(false);
            expect(Math.abs(step - clock)).toBeLessThanOrEqual(1);
            used.add(step);
            last = step;
          }
        }
      }),
    );
  });

  it('refuses anything but six digits, and a wrong code', () => {
    const now = at(NOW_STEP);
    const code = totpCode(SECRET, now);
    for (const bad of ['', '12345', '1234567', `${code} `, 'abcdef', '12 456', '１２３４５６']) {
      expect(verifyTotp(SECRET, bad, null, now)).toBeNull();
    }
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(SECRET, wrong, null, now)).toBeNull();
  });

  it('makes new 160-bit base32 secrets and an otpauth URI with a QR code', async () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const m = await enrolmentMaterial(s, 'caseworker.dzherelo');
    expect(m.otpauthUri).toMatch(/^otpauth:\/\/totp\/OpenNRM:caseworker\.dzherelo\?/);
    expect(m.otpauthUri).toContain(`secret=${s}`);
    expect(m.qrSvg).toContain('<svg');
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes in the documented format', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
    }
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });

  it('hash the same however they are typed', () => {
    expect(hashRecoveryCode('k3f9-q7m2-xp')).toBe(hashRecoveryCode(' K3F9-Q7M2-XP '));
    expect(hashRecoveryCode('k3f9-q7m2-xp')).toBe(hashRecoveryCode('k3f9 -q7m2- xp'));
    expect(hashRecoveryCode('k3f9-q7m2-xp')).not.toBe(hashRecoveryCode('k3f9-q7m2-xq'));
    expect(hashRecoveryCode('k3f9-q7m2-xp')).toMatch(/^[0-9a-f]{64}$/);
  });
});
