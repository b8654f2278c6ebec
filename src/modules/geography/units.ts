/**
 * Pure domain rules of administrative units: categories, their ranking in results, display labels.
 */

/** KATOTTH category letters. */
export const CATEGORIES = ['O', 'K', 'P', 'H', 'M', 'T', 'X', 'C', 'B'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/**
 * Order of categories in search results. Cities come right after oblasts and special-status cities, before
 * raions and hromadas: those are mostly named after their centre (Вінницький район, Вінницька громада), and
 * someone typing "Вінн" is looking for the oblast or the city far more often than for the raion.
 */
export const CATEGORY_RANK: readonly Category[] = ['O', 'K', 'M', 'P', 'H', 'T', 'X', 'C', 'B'];

/**
 * The categories ranked before settlements and villages: under 2,400 of the 31,748 units, so a search can look
 * at them first and stop when they fill the page (see searchUnits).
 */
export const LEADING_CATEGORIES: readonly Category[] = CATEGORY_RANK.slice(0, CATEGORY_RANK.indexOf('X'));

export function categoryRank(category: Category): number {
  return CATEGORY_RANK.indexOf(category);
}

/** What a row of a search result is ordered by, most significant first. */
export type RankedUnit = {
  code: string;
  category: Category;
  /** The query matched a later word of the name, not its beginning. */
  wordMatch: boolean;
  expired: boolean;
  sortKey: string;
};

/**
 * The ordering searchUnits asks of SQL, written once in plain code so it can be tested and compared with
 * what the database returns: matches at the start of the name first, current units before expired ones,
 * then category rank, then Ukrainian alphabetical order, then code (names repeat: there are many Тарасівка).
 */
export function compareRanked(a: RankedUnit, b: RankedUnit): number {
  return (
    Number(a.wordMatch) - Number(b.wordMatch) ||
    Number(a.expired) - Number(b.expired) ||
    categoryRank(a.category) - categoryRank(b.category) ||
    compareBytes(a.sortKey, b.sortKey) ||
    compareBytes(a.code, b.code)
  );
}

/** Code-point order, as PostgreSQL's "C" collation compares UTF-8 text. */
export function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

export type UnitLabels = { labelUk: string; labelEn: string };

/**
 * Display labels naming the kind of unit. The codifier gives oblast, raion and hromada names as bare adjectives
 * (Вінницька), so the noun is added: "Вінницька область" / "Vinnytska oblast". The English side transliterates
 * the name and keeps the Ukrainian kind words oblast, raion and hromada, as official English texts do; settlements
 * read "city of …", "village of …". The Autonomous Republic of Crimea and the special-status cities (Kyiv,
 * Sevastopol) carry their full name already and get no addition.
 */
export function unitLabels(category: Category, nameUk: string, nameEn: string): UnitLabels {
  switch (category) {
    case 'O':
      if (/республіка/iu.test(nameUk)) return { labelUk: nameUk, labelEn: nameEn };
      return { labelUk: `${nameUk} область`, labelEn: `${nameEn} oblast` };
    case 'K':
      return { labelUk: nameUk, labelEn: nameEn };
    case 'P':
      return { labelUk: `${nameUk} район`, labelEn: `${nameEn} raion` };
    case 'H':
      return { labelUk: `${nameUk} громада`, labelEn: `${nameEn} hromada` };
    case 'M':
      return { labelUk: `м. ${nameUk}`, labelEn: `city of ${nameEn}` };
    case 'T':
      return { labelUk: `смт ${nameUk}`, labelEn: `urban-type settlement of ${nameEn}` };
    case 'X':
      return { labelUk: `с-ще ${nameUk}`, labelEn: `settlement of ${nameEn}` };
    case 'C':
      return { labelUk: `с. ${nameUk}`, labelEn: `village of ${nameEn}` };
    case 'B':
      return { labelUk: `${nameUk} район`, labelEn: `${nameEn} district` };
  }
}

export const UNIT_CODE = /^UA\d{17}$/;
