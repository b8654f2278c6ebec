/**
 * Official Ukrainian-to-Latin transliteration (Cabinet of Ministers Resolution No. 55 of 27 January 2010).
 * Pure: no I/O, no locale dependence.
 */

const SINGLE: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'y', і: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ь: '',
  // Not in the resolution: Russian letters still met in old records. Mapped so the output is always Latin.
  ы: 'y', э: 'e', ъ: '',
};

/** Letters written one way at the start of a word and another way elsewhere: [initial, elsewhere]. */
const POSITIONAL: Readonly<Record<string, readonly [string, string]>> = {
  є: ['ye', 'ie'],
  ї: ['yi', 'i'],
  й: ['y', 'i'],
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  ё: ['yo', 'io'],
};

/** The apostrophes people type in Ukrainian words: ' ’ ʼ (and look-alikes). */
export const APOSTROPHE_CHARS = /['\u2019\u02BC\u02B9\u0060\u00B4]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;

const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLetter = (ch: string | undefined) => ch !== undefined && LETTER.test(ch);
const isCyrillic = (ch: string | undefined) => ch !== undefined && CYRILLIC.test(ch);
const isApostrophe = (ch: string | undefined) => ch !== undefined && APOSTROPHE_CHARS.test(ch);

/**
 * Transliterates Ukrainian text to Latin letters. Characters that are not Ukrainian letters (Latin letters,
 * digits, punctuation, spaces) are kept as they are, so the function is idempotent. An apostrophe is dropped
 * when it touches a Cyrillic letter (Знам'янка → Znamianka) and kept otherwise (O'Brien stays O'Brien).
 */
export function transliterateUk(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1];
    if (isApostrophe(ch)) {
      if (!isCyrillic(beyondApostrophes(chars, i, -1)) && !isCyrillic(beyondApostrophes(chars, i, 1))) out += ch;
      continue;
    }
    const lower = ch.toLowerCase();
    let latin: string | undefined;
    const positional = POSITIONAL[lower];
    if (positional) {
      // An apostrophe belongs to the word (Знам'янка): only a non-letter before it starts a word.
      const wordInitial = !isLetter(prev) && !isApostrophe(prev);
      latin = wordInitial ? positional[0] : positional[1];
    } else if (lower === 'г' && prev?.toLowerCase() === 'з') {
      latin = 'gh'; // "зг" is written "zgh" so it is not read as "zh"
    } else {
      latin = SINGLE[lower];
    }
    if (latin === undefined) {
      out += ch;
      continue;
    }
    out += isUpper(ch) ? applyCapital(latin, chars, i) : latin;
  }
  return out;
}

/** The nearest character before (step -1) or after (step 1) position i that is not an apostrophe. */
function beyondApostrophes(chars: readonly string[], i: number, step: 1 | -1): string | undefined {
  let j = i + step;
  while (isApostrophe(chars[j])) j += step;
  return chars[j];
}

/**
 * A capital letter is written as a capital followed by lower case ("Shch") unless the word is written in
 * capitals, judged by the neighbouring letter (across an apostrophe): the next one if there is one, else the
 * previous one.
 */
function applyCapital(latin: string, chars: readonly string[], i: number): string {
  if (latin.length <= 1) return latin.toUpperCase();
  const next = beyondApostrophes(chars, i, 1);
  const prev = beyondApostrophes(chars, i, -1);
  const neighbour = isLetter(next) ? next : isLetter(prev) ? prev : undefined;
  if (neighbour !== undefined && isUpper(neighbour)) return latin.toUpperCase();
  return latin[0]!.toUpperCase() + latin.slice(1);
}
