/**
 * Comparable forms of personal names for duplicate detection. Pure: no I/O, no locale dependence.
 *
 * The same person is written Олена Коваленко in a Ukrainian record, Elena Kowalenko in a Polish one and
 * Елена Коваленко in a Russian-language one. `matchingKey` maps such spellings to one Latin form in three steps:
 *   1. Cyrillic (Ukrainian, and the Russian letters ы э ъ ё) → the official transliteration (`transliterateUk`);
 *      diacritics and apostrophes dropped, lower case, words separated by single spaces;
 *   2. FOLD_RULES: orthographic rules that merge the ways one sound is written (w/v, kh/h, g/h, ts/c, y/i/j,
 *      ie/e, doubled letters, -ei/-ii endings, Polish and German digraphs);
 *   3. GIVEN_NAME_EQUIVALENTS: Ukrainian given names and their Russian / Western forms that no spelling rule
 *      can merge (Olena/Elena/Helena, Mykola/Nikolai, Dmytro/Dmitry, Tetiana/Tatiana, …).
 * Keys are for comparison only (CLK encoding, fuzzy matching), never for display. The official Latin spelling
 * for display is `latinForm`.
 */
import { transliterateUk } from '../i18n/transliteration.js';

/** One orthographic rule: a pattern over a lower-case Latin word, its replacement, and why. */
export type FoldRule = readonly [pattern: RegExp, replacement: string, reason: string];

/** Applied in order to each word of the official Latin form. Every rule must be global or anchored. */
export const FOLD_RULES: readonly FoldRule[] = [
  [/tsch/g, 'ch', 'German tsch = ч (Schewtschenko)'],
  [/sch/g, 'sh', 'German sch = ш'],
  [/sz/g, 'sh', 'Polish sz = ш (Szewczenko)'],
  [/cz/g, 'ch', 'Polish cz = ч'],
  [/tch/g, 'ch', 'English and French tch = ч (Petrovitch)'],
  [/ph/g, 'f', 'ph = ф (Stephan)'],
  [/x/g, 'ks', 'x = кс (Alexander = Aleksandr)'],
  [/q/g, 'k', 'q = к'],
  [/w/g, 'v', 'w = в (Kowalenko = Kovalenko)'],
  [/ck/g, 'k', 'ck = к'],
  [/c(?![hiey])/g, 'k', 'c before a, o, u or a consonant = к (Nicolai, Victor)'],
  [/ts/g, 'c', 'ts = ц (Tsybulko = Cybulko)'],
  [/kh/g, 'h', 'kh = х, written h in many passports (Kharchenko = Harchenko)'],
  [/g/g, 'h', 'г: h in Ukrainian, g from Russian (Serhii = Sergei, Halyna = Galina)'],
  [/[yj]/g, 'i', 'и, й, і and the y/j/i of я, ю, є (Yurii = Iurii = Juri, Dmytro = Dmitro)'],
  [/(.)\1+/g, '$1', 'doubled letters (Nataliia = Natalia, Anna = Ana)'],
  [/ie/g, 'e', 'є and Russian е after a consonant (Yelena = Elena, Hryhoriiev = Grigorev)'],
  [/ei$/, 'i', 'ending -ei = -ii (Sergei = Serhii, Andrei = Andrii)'],
  [/aia$/, 'a', 'Russian feminine ending -aya (Kovalskaya = Kovalska)'],
  [/^ale/, 'ole', 'Ukrainian Оле- = Russian Але- (Oleksandr = Aleksandr, Oleksii = Alexei)'],
  [/(.)\1+/g, '$1', 'letters doubled by the rules above'],
];

/**
 * Given names whose forms differ beyond spelling rules: the first is the Ukrainian name in its official
 * transliteration, the rest are the forms met in Russian, Polish, German or English records. Each form is
 * folded by FOLD_RULES when the module loads, so only forms that the rules do not already merge need listing.
 */
export const GIVEN_NAME_EQUIVALENTS: readonly (readonly string[])[] = [
  ['Olena', 'Elena', 'Helena', 'Alena', 'Alyona', 'Jelena'],
  ['Oleksandr', 'Alexander', 'Alexandr', 'Aleksander', 'Olexandr', 'Alexandre'],
  ['Oleksandra', 'Alexandra', 'Aleksandra', 'Olexandra'],
  ['Mykola', 'Nikolai', 'Nikolay', 'Nicolai', 'Mikolaj', 'Nikolaj', 'Nicholas'],
  ['Dmytro', 'Dmitry', 'Dmitriy', 'Dmitrii', 'Dmitri', 'Dimitri', 'Dmitrij'],
  ['Tetiana', 'Tatiana', 'Tatyana', 'Tatjana', 'Tatsiana'],
  ['Volodymyr', 'Vladimir', 'Wladimir', 'Wlodzimierz'],
  ['Mykhailo', 'Mikhail', 'Michail', 'Mihail', 'Michael', 'Michal'],
  ['Yevhen', 'Evgeny', 'Evgeniy', 'Evgenii', 'Yevgeniy', 'Eugene', 'Eugen', 'Jewgeni'],
  ['Yevheniia', 'Evgenia', 'Evgeniya', 'Eugenia', 'Jewgenija'],
  ['Kateryna', 'Ekaterina', 'Yekaterina', 'Katarzyna', 'Katerina'],
  ['Hanna', 'Anna', 'Ganna', 'Anne'],
  ['Liudmyla', 'Ludmila', 'Ludmyla', 'Ljudmila'],
  ['Svitlana', 'Svetlana', 'Swetlana'],
  ['Pavlo', 'Pavel', 'Paul', 'Pawel'],
  ['Petro', 'Petr', 'Pyotr', 'Piotr', 'Peter'],
  ['Vasyl', 'Vasily', 'Vasiliy', 'Vasilii', 'Wassili'],
  ['Hryhorii', 'Grigory', 'Grigori', 'Grzegorz', 'Gregory'],
  ['Stepan', 'Stefan', 'Stephan', 'Stepan'],
  ['Mykyta', 'Nikita'],
  ['Kostiantyn', 'Konstantin', 'Kostyantyn', 'Konstanty'],
  ['Artem', 'Artyom', 'Artiom'],
  ['Fedir', 'Fyodor', 'Fedor', 'Feodor'],
  ['Ivan', 'Iwan', 'Jan', 'Johann'],
  ['Yosyp', 'Iosif', 'Josef', 'Jozef', 'Joseph'],
  ['Orest', 'Orestes'],
  ['Illia', 'Ilya', 'Ilia', 'Ilja'],
  ['Lev', 'Leo'],
  ['Vira', 'Vera', 'Wiera'],
  ['Nadiia', 'Nadezhda', 'Nadia'],
  ['Liubov', 'Lyubov', 'Lubov', 'Liuba'],
  ['Halyna', 'Galina', 'Halina'],
  ['Maryna', 'Marina'],
  ['Larysa', 'Larisa'],
  ['Inna', 'Ina'],
  ['Valentyna', 'Valentina', 'Walentyna'],
  ['Zinaida', 'Zinaïda'],
];

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['\u2019\u02BC\u02B9\u0060\u00B4]/gu;
const NOT_LETTER = /[^\p{L}]+/gu;
/** Latin letters that NFD does not decompose. */
const LATIN_EXTRA: Readonly<Record<string, string>> = { ł: 'l', ß: 'ss', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i', ŀ: 'l' };
const LATIN_EXTRA_PATTERN = new RegExp(`[${Object.keys(LATIN_EXTRA).join('')}]`, 'gu');

/**
 * The official Latin spelling in lower case, words separated by single spaces, without diacritics or
 * apostrophes: "Олена Коваленко-Шевченко" → "olena kovalenko shevchenko", "Żuk" → "zuk".
 */
export function latinForm(name: string): string {
  return transliterateUk(name.normalize('NFC'))
    .replace(APOSTROPHES, '')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(LATIN_EXTRA_PATTERN, (ch) => LATIN_EXTRA[ch] ?? ch)
    .replace(NOT_LETTER, ' ')
    .trim()
    .normalize('NFC');
}

/** One word (lower-case Latin, no spaces) through FOLD_RULES. */
export function foldWord(word: string): string {
  let out = word;
  for (const [pattern, replacement] of FOLD_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Folded form of each listed variant → folded form of its Ukrainian name. Built and checked once. */
const EQUIVALENT_OF: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [canonical, ...variants] of GIVEN_NAME_EQUIVALENTS) {
    const target = foldWord(latinForm(canonical!));
    for (const variant of [canonical!, ...variants]) {
      const folded = foldWord(latinForm(variant));
      const existing = map.get(folded);
      if (existing !== undefined && existing !== target) {
        throw new Error(`GIVEN_NAME_EQUIVALENTS: "${variant}" folds to "${folded}", already a form of "${existing}"`);
      }
      map.set(folded, target);
    }
  }
  return map;
})();

/**
 * The matching key of a name: the official Latin form with every word folded and mapped to its Ukrainian
 * equivalent. "Олена" / "Elena" / "Helena" / "Елена" → "olena"; "Kowalenko" → "kovalenko"; "Сергей" /
 * "Sergiy" / "Serhii" → "serhi". '' when the name has no letters.
 */
export function matchingKey(name: string): string {
  const latin = latinForm(name);
  if (latin === '') return '';
  return latin
    .split(' ')
    .map((word) => {
      const folded = foldWord(word);
      return EQUIVALENT_OF.get(folded) ?? folded;
    })
    .join(' ');
}

/**
 * Normalised comparable forms of a name, most specific first, without repeats: the official Latin form and the
 * matching key. [] when the name has no letters.
 */
export function nameForms(name: string): string[] {
  const forms = [latinForm(name), matchingKey(name)].filter((f) => f !== '');
  return [...new Set(forms)];
}
