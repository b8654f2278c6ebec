import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL_APOSTROPHE, multilineText, nestingDepth, normalizeStringsNfc, normalizeText, text } from './text.js';

describe('normalizeText', () => {
  it('turns the three apostrophes of Ukrainian names (and look-alikes) into one', () => {
    const spellings = ["Мар'яна", 'Мар\u2019яна', 'Мар\u02BCяна', 'Мар`яна', 'Мар\u00B4яна'];
    const normalised = spellings.map(normalizeText);
    expect(new Set(normalised).size).toBe(1);
    expect(normalised[0]).toBe(`Мар${CANONICAL_APOSTROPHE}яна`);
    expect(normalizeText("В'ячеслав Прем’єр")).toBe('Вʼячеслав Премʼєр');
  });

  it('composes to NFC: a decomposed й or ї equals the precomposed letter', () => {
    const decomposed = 'Андри\u0438\u0306'.normalize('NFD') + ' \u0456\u0308жак';
    expect(decomposed).not.toBe('Андрий їжак');
    expect(normalizeText(decomposed)).toBe('Андрий їжак'.normalize('NFC'));
    expect(normalizeText('\u0438\u0306')).toBe('\u0439');
  });

  it('trims surrounding white space', () => {
    expect(normalizeText('  Київ \n')).toBe('Київ');
  });

  it('is idempotent and leaves no other apostrophe behind (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/['\u2019`\u00B4]/);
        expect(once.normalize('NFC')).toBe(once);
      }),
    );
  });
});

describe('text(max) schema', () => {
  const name = text(20);

  it('normalises and accepts ordinary names', () => {
    expect(name.parse("  Мар'яна ")).toBe('Марʼяна');
    expect(name.parse('Tab\tallowed')).toBe('Tab\tallowed');
  });

  it('rejects control characters, new lines and bidi overrides', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'line\nbreak', 'cr\rhere', 'evil\u202Eexe.txt', 'iso\u2066late']) {
      const r = name.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('counts the limit after normalisation and refuses empty text', () => {
    expect(name.safeParse('x'.repeat(20)).success).toBe(true);
    expect(name.safeParse('x'.repeat(21)).success).toBe(false);
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(10_000)).success).toBe(false);
    expect(text(5, 0).safeParse('').success).toBe(true);
  });

  it('never lets a control character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        const r = name.safeParse(s);
        if (r.success) expect(r.data).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      }),
    );
  });
});

describe('multilineText(max) schema', () => {
  it('allows new lines but no other control characters', () => {
    const notes = multilineText(100);
    expect(notes.parse('line one\nline two\r\n')).toBe('line one\nline two');
    expect(notes.safeParse('null\u0000byte').success).toBe(false);
    expect(notes.safeParse('evil\u202E').success).toBe(false);
    expect(notes.parse('')).toBe('');
    expect(notes.safeParse('x'.repeat(101)).success).toBe(false);
  });
});

describe('normalizeStringsNfc', () => {
  it('normalises every string in nested objects and arrays, leaving other values alone', () => {
    const d = '\u0438\u0306';
    expect(normalizeStringsNfc({ a: d, b: [d, 1, null, { c: d }], n: 2, t: true })).toEqual({
      a: '\u0439',
      b: ['\u0439', 1, null, { c: '\u0439' }],
      n: 2,
      t: true,
    });
  });
});

describe('nestingDepth', () => {
  it('counts levels without recursion, even for hostile depths', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({ a: [1, { b: 2 }] })).toBe(3);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestingDepth(deep)).toBe(100_000);
  });
});
