/**
 * Search normalisation, applied identically to unit names (when loading) and to queries (when searching),
 * so that a prefix of what the user types is a prefix of the stored key.
 */
import { transliterateUk } from '../../platform/i18n/transliteration.js';

const APOSTROPHES = /['\u2019\u02BC\u02B9\u0060\u00B4]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Ukrainian key: lower case, apostrophes dropped (people type ' ’ ʼ or nothing), ґ folded into г (many keyboards
 * lack ґ), anything but letters and digits (hyphens, dots) turned into single spaces.
 */
export function searchKeyUk(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(APOSTROPHES, '').replace(/ґ/g, 'г').replace(NOT_WORD, ' ').trim();
}

/**
 * Latin key: the official transliteration, lower case, diacritics stripped (a query typed as "Žytomyr" still
 * finds Zhytomyr's "zhytomyr" prefix up to the diacritic), words separated by single spaces.
 */
export function searchKeyEn(text: string): string {
  return transliterateUk(text)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .trim();
}

/**
 * The suffixes of a key starting at each word after the first: "камянець подільський" → ["подільський"].
 * Stored beside the name so "под" finds Кам'янець-Подільський through the same prefix index.
 */
export function laterWordSuffixes(key: string): string[] {
  const out: string[] = [];
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
    const suffix = key.slice(i + 1);
    if (suffix && !out.includes(suffix)) out.push(suffix);
  }
  return out;
}

export type QueryKey = { script: 'uk' | 'en'; key: string };

/**
 * Which stored key a query is compared with. A query in Cyrillic alone is compared with the Ukrainian key,
 * which keeps и/і/ї apart; a query with any Latin letter (or mixed scripts, as from a wrong keyboard layout
 * mid-word) is transliterated and compared with the Latin key. Transliteration is prefix-preserving (each
 * letter depends only on the letter before it), so a transliterated prefix is a prefix of the transliterated name.
 */
export function queryKey(query: string): QueryKey {
  const text = query.normalize('NFC');
  if (CYRILLIC.test(text) && !LATIN.test(text)) return { script: 'uk', key: searchKeyUk(text) };
  return { script: 'en', key: searchKeyEn(text) };
}

const UK_ALPHABET = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const UK_ALPHABET_INDEX = new Map(Array.from(UK_ALPHABET).map((ch, i) => [ch, i]));

/**
 * A key whose code-point order (PostgreSQL collation "C", identical on PGlite and any server) is Ukrainian
 * alphabetical order: in Unicode, є і ї ґ come after я. Each Ukrainian letter becomes a character from
 * U+0100 on, in alphabet order; word separators become a space, so "Нова" sorts before "Нова Одеса".
 */
export function ukSortKey(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFC').toLowerCase().replace(APOSTROPHES, '')) {
    const index = UK_ALPHABET_INDEX.get(ch);
    if (index !== undefined) out += String.fromCharCode(0x100 + index);
    else if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
    else if (!out.endsWith(' ')) out += ' ';
  }
  return out.trim();
}

/** A LIKE pattern matching keys that start with `prefix`; keys hold only letters, digits and spaces. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
