import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, sessionAlive, tokensEqual } from './sessions.js';

const timeouts = { idleMinutes: 15, absoluteHours: 12 };
const MIN = 60_000;
const now = new Date('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = (ms: number) => new Date(now.getTime() + ms);

describe('sessionAlive', () => {
  it('keeps an active session alive', () => {
    expect(sessionAlive({ last_seen_at: ago(MIN), expires_at: later(60 * MIN), mfa_pending: false }, timeouts, now)).toBe(true);
  });

  it('ends a session idle for the idle timeout', () => {
    expect(sessionAlive({ last_seen_at: ago(15 * MIN - 1), expires_at: later(60 * MIN), mfa_pending: false }, timeouts, now)).toBe(true);
    expect(sessionAlive({ last_seen_at: ago(15 * MIN), expires_at: later(60 * MIN), mfa_pending: false }, timeouts, now)).toBe(false);
  });

  it('ends a session at its absolute expiry however active it is', () => {
    expect(sessionAlive({ last_seen_at: now, expires_at: now, mfa_pending: false }, timeouts, now)).toBe(false);
    expect(sessionAlive({ last_seen_at: now, expires_at: ago(1), mfa_pending: false }, timeouts, now)).toBe(false);
  });

  it('gives a half-finished sign-in at most five idle minutes', () => {
    expect(sessionAlive({ last_seen_at: ago(4 * MIN), expires_at: later(60 * MIN), mfa_pending: true }, timeouts, now)).toBe(true);
    expect(sessionAlive({ last_seen_at: ago(5 * MIN), expires_at: later(60 * MIN), mfa_pending: true }, timeouts, now)).toBe(false);
    expect(sessionAlive({ last_seen_at: ago(2 * MIN), expires_at: later(60 * MIN), mfa_pending: true }, { ...timeouts, idleMinutes: 2 }, now)).toBe(false);
  });

  it('alive exactly when before expiry and within the idle limit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 * MIN }),
        fc.integer({ min: -60 * MIN, max: 60 * MIN }),
        fc.boolean(),
        fc.integer({ min: 1, max: 60 }),
        (idleMs, expiresInMs, pending, idleMinutes) => {
          const alive = sessionAlive({ last_seen_at: ago(idleMs), expires_at: later(expiresInMs), mfa_pending: pending }, { idleMinutes, absoluteHours: 12 }, now);
          const limit = (pending ? Math.min(5, idleMinutes) : idleMinutes) * MIN;
          expect(alive).toBe(expiresInMs > 0 && idleMs < limit);
        },
      ),
    );
  });
});

describe('session tokens', () => {
  it('are stored as a SHA-256 hash only', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compare in constant time and only equal when identical', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(tokensEqual(a, b)).toBe(a === b);
        expect(tokensEqual(a, a)).toBe(true);
      }),
    );
    expect(tokensEqual('abc', 'abcd')).toBe(false);
  });
});
