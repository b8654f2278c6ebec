import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from './passwords.js';

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('Test-Password-2026')).toEqual([]);
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });

  it('refuses one that is too short or too long', () => {
    expect(passwordProblems('Sh0rt-pass')).toEqual(['too_short']);
    expect(passwordProblems('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toContain('too_short');
    expect(passwordProblems('x7'.repeat(PASSWORD_MAX_LENGTH))).toEqual(['too_long']);
  });

  it('counts characters, not UTF-16 units: 12 Cyrillic letters or emoji are long enough', () => {
    expect(passwordProblems('їжакїжакїжак')).toEqual([]);
    expect(passwordProblems('🦔'.repeat(12))).toEqual([]);
    expect(passwordProblems('🦔'.repeat(11))).toEqual(['too_short']);
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblems('qwerty123456')).toEqual(['common']);
    expect(passwordProblems('QWERTY123456')).toEqual(['common']);
    expect(passwordProblems('1q2w3e4r5t6y')).toEqual(['common']);
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblems('my-caseworker.dzherelo-2026', 'caseworker.dzherelo')).toEqual(['contains_username']);
    expect(passwordProblems('My-CASEWORKER.dzherelo-2026', 'caseworker.dzherelo')).toEqual(['contains_username']);
    // Very short usernames are too likely to appear by chance to count.
    expect(passwordProblems('always-be-kind-2026', 'be')).toEqual([]);
  });

  it('reports every problem, and only real ones', () => {
    expect(passwordProblems('abc', 'abc')).toEqual(['too_short', 'contains_username']);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (p) => {
        const problems = passwordProblems(p);
        expect(problems.includes('too_short')).toBe([...p].length < PASSWORD_MIN_LENGTH);
        expect(problems.includes('too_long')).toBe(false);
      }),
    );
  });
});

describe('password hashing (argon2id)', () => {
  const hasher = createPasswordHasher({ memoryKib: 8192, timeCost: 1, parallelism: 1 });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('Test-Password-2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=1\$/);
    expect(hash).not.toContain('Test-Password-2026');
    expect(await hasher.verify(hash, 'Test-Password-2026')).toBe(true);
    expect(await hasher.verify(hash, 'test-password-2026')).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('Same-Password-2026')).not.toBe(await hasher.hash('Same-Password-2026'));
  });

  it('answers false, not an exception, for a malformed stored hash', async () => {
    expect(await hasher.verify('not-a-hash', 'whatever')).toBe(false);
    expect(await hasher.verify('', 'whatever')).toBe(false);
  });

  it('spends a verification on unknown users and always answers false', async () => {
    expect(await hasher.verifyDummy('dummy-password-for-timing')).toBe(false);
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });

  it('asks for a rehash when the cost changed', async () => {
    const hash = await hasher.hash('Test-Password-2026');
    expect(hasher.needsRehash(hash)).toBe(false);
    const stronger = createPasswordHasher({ memoryKib: 16384, timeCost: 2, parallelism: 1 });
    expect(stronger.needsRehash(hash)).toBe(true);
  });
});
