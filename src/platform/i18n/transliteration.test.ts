import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterateUk } from './transliteration.js';

const UK_LOWER = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const APOSTROPHES = ["'", '\u2019', '\u02BC'];

/** A Ukrainian word: letters, an apostrophe now and then between two letters, in lower, Title or UPPER case. */
const ukWord = fc
  .tuple(
    fc.array(fc.constantFrom(...UK_LOWER), { minLength: 1, maxLength: 12 }),
    fc.array(fc.nat(), { maxLength: 2 }),
    fc.constantFrom(...APOSTROPHES),
    fc.constantFrom('lower', 'title', 'upper'),
  )
  .map(([letters, cuts, apostrophe, style]) => {
    const word = [...letters];
    for (const cut of cuts) if (word.length > 1) word.splice(1 + (cut % (word.length - 1)), 0, apostrophe);
    const text = word.join('');
    if (style === 'upper') return text.toUpperCase();
    if (style === 'title') return text.charAt(0).toUpperCase() + text.slice(1);
    return text;
  });
const ukText = fc.array(ukWord, { minLength: 1, maxLength: 4 }).chain((words) =>
  fc.array(fc.constantFrom(' ', '-', ', '), { minLength: words.length - 1, maxLength: words.length - 1 }).map((seps) =>
    words.map((w, i) => w + (seps[i] ?? '')).join(''),
  ),
);

describe('transliterateUk (Resolution No. 55 of 2010)', () => {
  it.each([
    ['Вінниця', 'Vinnytsia'],
    ["Знам'янка", 'Znamianka'],
    ['Знам’янка', 'Znamianka'],
    ['Знамʼянка', 'Znamianka'],
    ['Їжакевич', 'Yizhakevych'],
    ['Олексій', 'Oleksii'],
    ['Юрій', 'Yurii'],
    ['Розгон', 'Rozghon'],
    ['Згорани', 'Zghorany'],
  ])('%s → %s (examples of the resolution)', (uk, en) => {
    expect(transliterateUk(uk)).toBe(en);
  });

  it.each([
    ['Алушта', 'Alushta'],
    ['Андрій', 'Andrii'],
    ['Борщагівка', 'Borshchahivka'],
    ['Вінниця', 'Vinnytsia'],
    ['Гадяч', 'Hadiach'],
    ['Ґорґани', 'Gorgany'],
    ['Донецьк', 'Donetsk'],
    ['Рівне', 'Rivne'],
    ['Єнакієве', 'Yenakiieve'],
    ['Гаєвич', 'Haievych'],
    ['Житомир', 'Zhytomyr'],
    ['Закарпаття', 'Zakarpattia'],
    ['Медвин', 'Medvyn'],
    ['Іршава', 'Irshava'],
    ['Їжакевич', 'Yizhakevych'],
    ['Кадиївка', 'Kadyivka'],
    ['Йосипівка', 'Yosypivka'],
    ['Стрий', 'Stryi'],
    ['Київ', 'Kyiv'],
    ['Харків', 'Kharkiv'],
    ['Біла Церква', 'Bila Tserkva'],
    ['Чернівці', 'Chernivtsi'],
    ['Шостка', 'Shostka'],
    ['Гоща', 'Hoshcha'],
    ['Юрій', 'Yurii'],
    ['Крютьки', 'Kriutky'],
    ['Яготин', 'Yahotyn'],
    ['Ічня', 'Ichnia'],
    ['Розгон', 'Rozghon'],
    ['Кам’янець-Подільський', 'Kamianets-Podilskyi'],
    ['Івано-Франківська', 'Ivano-Frankivska'],
    ['Нова Ушиця', 'Nova Ushytsia'],
  ])('%s → %s (table of the resolution)', (uk, en) => {
    expect(transliterateUk(uk)).toBe(en);
  });

  it('starts a word after a space or hyphen, not after an apostrophe or soft sign', () => {
    expect(transliterateUk('Нью-Йорк')).toBe('Niu-York');
    expect(transliterateUk('Стара Ягідна')).toBe('Stara Yahidna');
    expect(transliterateUk('В’язівок')).toBe('Viazivok');
    expect(transliterateUk('Досьє')).toBe('Dosie');
  });

  it('keeps words in capitals in capitals, and title case in title case', () => {
    expect(transliterateUk('ЩУКА')).toBe('SHCHUKA');
    expect(transliterateUk('Щука')).toBe('Shchuka');
    expect(transliterateUk('ЗГОРАНИ')).toBe('ZGHORANY');
    expect(transliterateUk('ЮРІЙ')).toBe('YURII');
    expect(transliterateUk('КИЄВ')).toBe('KYIEV');
    expect(transliterateUk('Ж.')).toBe('Zh.');
    expect(transliterateUk('Ш Ю Я')).toBe('Sh Yu Ya');
  });

  it('accepts decomposed letters (й as и + breve, ї as і + diaeresis)', () => {
    expect(transliterateUk('Олексі\u0438\u0306'.normalize('NFD'))).toBe('Oleksii');
    expect(transliterateUk('\u0406\u0308жак')).toBe('Yizhak');
  });

  it('leaves Latin text, digits and punctuation alone, apostrophes included', () => {
    expect(transliterateUk("O'Brien, 12-b")).toBe("O'Brien, 12-b");
    expect(transliterateUk('')).toBe('');
  });

  it('writes Cyrillic Ukrainian as plain ASCII with no soft sign and no apostrophe', () => {
    fc.assert(
      fc.property(ukText, (text) => {
        const out = transliterateUk(text);
        expect(out).toMatch(/^[\x20-\x7E]*$/);
        expect(out).not.toMatch(/['\u2019\u02BCьЬ]/);
      }),
    );
  });

  it('keeps the case of each word', () => {
    fc.assert(
      fc.property(ukWord, (word) => {
        const letters = word.replace(/['\u2019\u02BC]/g, '');
        const out = transliterateUk(word);
        if (letters === letters.toUpperCase() && letters.length > 1) {
          expect(out).toBe(out.toUpperCase());
        }
        if (letters === letters.toLowerCase()) expect(out).toBe(out.toLowerCase());
      }),
    );
  });

  it('is idempotent, and the identity on Latin text', () => {
    fc.assert(
      fc.property(fc.oneof(ukText, fc.string()), (text) => {
        const once = transliterateUk(text);
        expect(transliterateUk(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .,'-]*$/), (latin) => {
        expect(transliterateUk(latin)).toBe(latin);
      }),
    );
  });

  it('is prefix-preserving: transliterating a prefix gives a prefix of the whole', () => {
    fc.assert(
      fc.property(ukText, fc.nat(), (text, cut) => {
        const chars = Array.from(text);
        const prefix = chars.slice(0, cut % (chars.length + 1)).join('');
        expect(transliterateUk(text).toLowerCase().startsWith(transliterateUk(prefix).toLowerCase())).toBe(true);
      }),
    );
  });
});
