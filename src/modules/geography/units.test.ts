import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSearch } from './service.js';
import { ukSortKey } from './search-key.js';
import { CATEGORIES, type Category, compareRanked, type RankedUnit, unitLabels } from './units.js';

const ranked = (name: string, category: Category, extra: Partial<RankedUnit> = {}): RankedUnit & { name: string } => ({
  name,
  code: `UA${String(name.length).padStart(17, '0')}`,
  category,
  wordMatch: false,
  expired: false,
  sortKey: ukSortKey(name),
  ...extra,
});

describe('ranking of search results', () => {
  it('puts the oblast and the city first for "Вінн", then the raion and hromada named after the city', () => {
    const hits = [
      ranked('Вінницькі Хутори', 'C'),
      ranked('Вінницька', 'H'),
      ranked('Вінницький', 'P'),
      ranked('Вінниця', 'M'),
      ranked('Вінницька', 'O'),
    ];
    expect(hits.sort(compareRanked).map((h) => `${h.category} ${h.name}`)).toEqual([
      'O Вінницька', 'M Вінниця', 'P Вінницький', 'H Вінницька', 'C Вінницькі Хутори',
    ]);
  });

  it('puts name-start matches before later-word matches, and current units before expired ones', () => {
    const hits = [
      ranked('Кам’янець-Подільський', 'M', { wordMatch: true }),
      ranked('Подільськ', 'C', { expired: true }),
      ranked('Подільський', 'P'),
      ranked('Подільське', 'C'),
    ];
    expect(hits.sort(compareRanked).map((h) => h.name)).toEqual(['Подільський', 'Подільське', 'Подільськ', 'Кам’янець-Подільський']);
  });

  it('is a total order (antisymmetric, transitive on random units)', () => {
    const unit = fc.record({
      code: fc.stringMatching(/^UA\d{17}$/),
      category: fc.constantFrom(...CATEGORIES),
      wordMatch: fc.boolean(),
      expired: fc.boolean(),
      sortKey: fc.string({ maxLength: 6 }),
    });
    fc.assert(
      fc.property(unit, unit, unit, (a, b, c) => {
        expect(Math.sign(compareRanked(a, b))).toBe(-Math.sign(compareRanked(b, a)));
        if (compareRanked(a, b) <= 0 && compareRanked(b, c) <= 0) expect(compareRanked(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('labels', () => {
  it.each([
    ['O', 'Вінницька', 'Vinnytska', 'Вінницька область', 'Vinnytska oblast'],
    ['O', 'Автономна Республіка Крим', 'Avtonomna Respublika Krym', 'Автономна Республіка Крим', 'Avtonomna Respublika Krym'],
    ['K', 'Київ', 'Kyiv', 'Київ', 'Kyiv'],
    ['K', 'Севастополь', 'Sevastopol', 'Севастополь', 'Sevastopol'],
    ['P', 'Вінницький', 'Vinnytskyi', 'Вінницький район', 'Vinnytskyi raion'],
    ['H', 'Вінницька', 'Vinnytska', 'Вінницька громада', 'Vinnytska hromada'],
    ['M', 'Вінниця', 'Vinnytsia', 'м. Вінниця', 'city of Vinnytsia'],
    ['T', 'Брацлав', 'Bratslav', 'смт Брацлав', 'urban-type settlement of Bratslav'],
    ['X', 'Сонячний', 'Soniachnyi', 'с-ще Сонячний', 'settlement of Soniachnyi'],
    ['C', 'Тарасівка', 'Tarasivka', 'с. Тарасівка', 'village of Tarasivka'],
    ['B', 'Голосіївський', 'Holosiivskyi', 'Голосіївський район', 'Holosiivskyi district'],
  ] as const)('%s %s → %s / %s', (category, nameUk, nameEn, labelUk, labelEn) => {
    expect(unitLabels(category, nameUk, nameEn)).toEqual({ labelUk, labelEn });
  });
});

describe('planSearch', () => {
  it('lists the root units only when nothing narrows the list', () => {
    expect(planSearch({})).toMatchObject({ roots: true, key: null, limit: 20 });
    expect(planSearch({ q: '  ' })).toMatchObject({ roots: true });
    expect(planSearch({ parentCode: 'UA05000000000010236' })).toMatchObject({ roots: false });
    expect(planSearch({ categories: ['M'] })).toMatchObject({ roots: false });
  });

  it('bounds the limit and recognises queries that can match nothing', () => {
    expect(planSearch({ q: 'x', limit: 10_000 }).limit).toBe(100);
    expect(planSearch({ q: 'x', limit: 0 }).limit).toBe(1);
    expect(planSearch({ q: '--' })).toMatchObject({ empty: true });
    expect(planSearch({ q: 'Вінн' })).toMatchObject({ empty: false, key: { script: 'uk', key: 'вінн' } });
  });
});
