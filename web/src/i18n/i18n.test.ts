import { describe, expect, it } from 'vitest';
import en from './en.json';
import uk from './uk.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const ukKeys = flatten(uk as Tree);
const enKeys = flatten(en as Tree);
const ukBase = new Set([...ukKeys.keys()].map(base));
const enBase = new Set([...enKeys.keys()].map(base));

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('translations', () => {
  it('Ukrainian and English have the same keys', () => {
    expect([...ukBase].filter((k) => !enBase.has(k))).toEqual([]);
    expect([...enBase].filter((k) => !ukBase.has(k))).toEqual([]);
  });

  it('every plural has the forms its language needs (uk: one/few/many/other, en: one/other)', () => {
    for (const key of ukBase) {
      if (![...ukKeys.keys()].some((k) => k !== key && base(k) === key)) continue;
      for (const form of ['one', 'few', 'many', 'other']) expect(ukKeys.has(`${key}_${form}`), `${key}_${form}`).toBe(true);
      for (const form of ['one', 'other']) expect(enKeys.has(`${key}_${form}`), `en ${key}_${form}`).toBe(true);
    }
  });

  it('no text is empty and interpolations match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of ukKeys) {
      expect(value.trim(), key).not.toBe('');
      const other = enKeys.get(key) ?? enKeys.get(`${base(key)}_other`);
      if (other !== undefined) expect(vars(other), key).toEqual(vars(value));
    }
  });

  it('every literal key used in the code exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/(?:labelKey|descriptionKey): '([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !ukBase.has(k) || !enBase.has(k));
    expect(missing).toEqual([]);
  });

  it('Ukrainian texts are Ukrainian (no Russian-only letters)', () => {
    for (const [key, value] of ukKeys) expect(/[ёыэъ]/i.test(value), key).toBe(false);
  });
});
