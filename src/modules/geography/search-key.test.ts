import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { laterWordSuffixes, prefixPattern, queryKey, searchKeyEn, searchKeyUk, ukSortKey } from './search-key.js';
import { compareBytes } from './units.js';

describe('search keys', () => {
  it('normalises names and queries the same way', () => {
    expect(searchKeyUk('Кам’янець-Подільський')).toBe('камянець подільський');
    expect(searchKeyUk("кам'янець-под")).toBe('камянець под');
    expect(searchKeyUk('Ґорґани')).toBe('горгани');
    expect(searchKeyUk('  Нова   Одеса ')).toBe('нова одеса');
    expect(searchKeyEn('Кам’янець-Подільський')).toBe('kamianets podilskyi');
    expect(searchKeyEn('Вінницька')).toBe('vinnytska');
  });

  it('compares a Cyrillic query with the Ukrainian key, anything with Latin letters with the Latin key', () => {
    expect(queryKey('Вінн')).toEqual({ script: 'uk', key: 'вінн' });
    expect(queryKey('vinn')).toEqual({ script: 'en', key: 'vinn' });
    expect(queryKey('VINN')).toEqual({ script: 'en', key: 'vinn' });
    expect(queryKey('Žytomyr')).toEqual({ script: 'en', key: 'zytomyr' });
    // A wrong keyboard layout mid-word: transliterated, then compared in Latin.
    expect(queryKey('vinnи')).toEqual({ script: 'en', key: 'vinny' });
    expect(queryKey("Знам'")).toEqual({ script: 'uk', key: 'знам' });
    expect(queryKey('%_\\')).toEqual({ script: 'en', key: '' });
  });

  it('a prefix of a name gives a prefix of its key, in both scripts', () => {
    const ukName = fc
      .array(fc.constantFrom(...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ -’'), { minLength: 1, maxLength: 20 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(ukName, fc.nat(), (name, cut) => {
        const prefix = Array.from(name).slice(0, cut % (name.length + 1)).join('');
        const q = queryKey(prefix);
        if (q.key === '') return;
        const stored = q.script === 'uk' ? searchKeyUk(name) : searchKeyEn(name);
        // A prefix ending in a separator normalises to the key without it, still a prefix.
        expect(stored.startsWith(q.key)).toBe(true);
      }),
    );
  });

  it('lists the suffixes starting at each later word', () => {
    expect(laterWordSuffixes('камянець подільський')).toEqual(['подільський']);
    expect(laterWordSuffixes('автономна республіка крим')).toEqual(['республіка крим', 'крим']);
    expect(laterWordSuffixes('вінниця')).toEqual([]);
  });

  it('sorts in Ukrainian alphabetical order under code-point comparison', () => {
    const names = ['Яготин', 'Іршава', 'Ґалаґани', 'Гадяч', 'Єнакієве', 'Житомир', 'Ичня', 'Їжаківка', 'Йосипівка', 'Нова', 'Нова Одеса', 'Новаки', 'Ананьїв'];
    const sorted = [...names].sort((a, b) => compareBytes(ukSortKey(a), ukSortKey(b)));
    expect(sorted).toEqual(['Ананьїв', 'Гадяч', 'Ґалаґани', 'Єнакієве', 'Житомир', 'Ичня', 'Іршава', 'Їжаківка', 'Йосипівка', 'Нова', 'Нова Одеса', 'Новаки', 'Яготин']);
    expect(ukSortKey('Знам’янка')).toBe(ukSortKey('Знамянка'));
  });

  it('escapes LIKE wildcards', () => {
    expect(prefixPattern('ab')).toBe('ab%');
    expect(prefixPattern('a%_\\')).toBe('a\\%\\_\\\\%');
  });
});
