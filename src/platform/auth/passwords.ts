import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export type Argon2Cost = { memoryKib: number; timeCost: number; parallelism: number };

/** Lower-cased set of ~49,000 common passwords shipped with @zxcvbn-ts/language-common. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
);

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

/** The password policy as a pure function; returns every problem found (empty when acceptable). */
export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) problems.push('common');
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

export function createPasswordHasher(cost: Argon2Cost) {
  const options = {
    type: argon2.argon2id as 2,
    memoryCost: cost.memoryKib,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  };
  let dummyHash: Promise<string> | null = null;
  return {
    hash: (password: string) => argon2.hash(password, options),
    async verify(hash: string, password: string): Promise<boolean> {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    /** Spends the same time as a real verification, so an unknown username is not revealed by timing. */
    async verifyDummy(password: string): Promise<false> {
      dummyHash ??= argon2.hash('dummy-password-for-timing', options);
      await argon2.verify(await dummyHash, password).catch(() => false);
      return false;
    },
    needsRehash: (hash: string) => argon2.needsRehash(hash, options),
  };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
