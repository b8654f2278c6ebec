import { describe, expect, it } from 'vitest';
import { CodifierFormatError, countByCategory, parseCodifier } from './codifier.js';

const HEADER = 'Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта';

/** Lines as they are in the 2025-05-16 edition (hromada names with their trailing space). */
const SAMPLE = [
  HEADER,
  'UA01000000000013043;;;;;O;Автономна Республіка Крим',
  'UA01000000000013043;UA01160000000090126;;;;P;Сімферопольський',
  'UA01000000000013043;UA01160000000090126;UA01160330000011827;;;H;Сімферопольська ',
  'UA01000000000013043;UA01160000000090126;UA01160330000011827;UA01160330010074014;;M;Сімферополь',
  'UA01000000000013043;UA01160000000090126;UA01160330000011827;UA01160330010074014;UA01160330010143565;B;Залізничний',
  'UA05000000000010236;;;;;O;Вінницька',
  'UA05000000000010236;UA05020000000026686;;;;P;Вінницький',
  'UA05000000000010236;UA05020000000026686;UA05020030000031457;;;H;Вінницька ',
  'UA05000000000010236;UA05020000000026686;UA05020030000031457;UA05020030010063857;;M;Вінниця',
  'UA05000000000010236;UA05020000000026686;UA05020030000031457;UA05020030020083291;;C;Великі Крушлинці ',
  "UA05000000000010236;UA05020000000026686;UA05020030000031457;UA05020030030012345;;C;Пʼятничани",
  "UA05000000000010236;UA05020000000026686;UA05020030000031457;UA05020030040012345;;X;Сад'ове",
  'UA80000000000093317;;;;;K;Київ',
  'UA80000000000093317;UA80000000000093317;UA80000000000093317;UA80000000000093317;UA80000000000126643;B;Голосіївський',
];
const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('parseCodifier', () => {
  const units = parseCodifier(csv(SAMPLE));
  const byCode = new Map(units.map((u) => [u.code, u]));

  it('takes the deepest code, its column as level and the next code above as parent', () => {
    expect(units).toHaveLength(SAMPLE.length - 1);
    expect(byCode.get('UA05000000000010236')).toEqual({
      code: 'UA05000000000010236', category: 'O', level: 1, parentCode: null, nameUk: 'Вінницька', nameEn: 'Vinnytska',
    });
    expect(byCode.get('UA05020030010063857')).toEqual({
      code: 'UA05020030010063857', category: 'M', level: 4, parentCode: 'UA05020030000031457', nameUk: 'Вінниця', nameEn: 'Vinnytsia',
    });
  });

  it('trims the trailing space of hromada and village names', () => {
    expect(byCode.get('UA05020030000031457')).toMatchObject({ category: 'H', level: 3, nameUk: 'Вінницька', nameEn: 'Vinnytska' });
    expect(byCode.get('UA05020030020083291')?.nameUk).toBe('Великі Крушлинці');
    expect(byCode.get('UA01160330000011827')?.nameUk).toBe('Сімферопольська');
  });

  it('unifies apostrophes to ʼ (U+02BC) and does not write them in Latin', () => {
    expect(byCode.get('UA05020030030012345')).toMatchObject({ nameUk: 'Пʼятничани', nameEn: 'Piatnychany' });
    expect(byCode.get('UA05020030040012345')).toMatchObject({ nameUk: 'Садʼове', nameEn: 'Sadove' });
  });

  it('hangs a city district under its city, also when Kyiv repeats its own code in columns 1–4', () => {
    expect(byCode.get('UA01160330010143565')).toMatchObject({ category: 'B', level: 5, parentCode: 'UA01160330010074014' });
    expect(byCode.get('UA80000000000126643')).toMatchObject({ category: 'B', level: 5, parentCode: 'UA80000000000093317' });
    expect(byCode.get('UA80000000000093317')).toMatchObject({ category: 'K', level: 1, parentCode: null });
  });

  it('accepts LF line ends, a byte-order mark and an exact repeat of a row', () => {
    const again = parseCodifier('\uFEFF' + [...SAMPLE, SAMPLE[1]!].join('\n'));
    expect(again).toEqual(units);
  });

  it('counts units per category', () => {
    expect(countByCategory(units)).toEqual({ O: 2, K: 1, P: 2, H: 2, M: 2, B: 2, C: 2, X: 1 });
  });

  it.each([
    ['a missing header', SAMPLE.slice(1), /header/],
    ['a short row', [HEADER, 'UA05000000000010236;;;;O;Вінницька'], /line 2: expected 7 columns/],
    ['a malformed code', [HEADER, 'UA0500000000001023;;;;;O;Вінницька'], /malformed code/],
    ['an unknown category', [HEADER, 'UA05000000000010236;;;;;Q;Вінницька'], /unknown category/],
    ['an empty name', [HEADER, 'UA05000000000010236;;;;;O; '], /empty name/],
    ['a parent not listed', [HEADER, 'UA05000000000010236;UA05020000000026686;;;;P;Вінницький'], /parent UA05000000000010236 .* not listed/],
    ['a code listed twice differently', [HEADER, SAMPLE[6]!, 'UA05000000000010236;;;;;O;Інша'], /line 3: code UA05000000000010236 is already listed on line 2/],
    ['a level 1 column left empty', [HEADER, ';UA05020000000026686;;;;P;Вінницький'], /level 1 code is empty/],
    ['no units at all', [HEADER], /no units/],
  ])('refuses %s', (_case, lines, message) => {
    expect(() => parseCodifier(csv(lines))).toThrow(CodifierFormatError);
    expect(() => parseCodifier(csv(lines))).toThrow(message);
  });
});
