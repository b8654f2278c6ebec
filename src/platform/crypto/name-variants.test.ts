import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLD_RULES, foldWord, GIVEN_NAME_EQUIVALENTS, latinForm, matchingKey, nameForms } from './name-variants.js';

/** Each group: spellings of one name in Ukrainian, Russian and foreign records, which must share a matching key. */
const SAME_NAME: readonly (readonly string[])[] = [
  ['Олена', 'Olena', 'Elena', 'Helena', 'Yelena', 'Елена', 'ОЛЕНА', 'olena'],
  ['Сергій', 'Serhii', 'Sergey', 'Sergiy', 'Serhiy', 'Sergei', 'Serhij', 'Сергей'],
  ['Коваленко', 'Kovalenko', 'Kowalenko', 'KOVALENKO'],
  ['Олександр', 'Oleksandr', 'Aleksandr', 'Alexander', 'Olexandr', 'Александр'],
  ['Юрій', 'Yurii', 'Yuriy', 'Iurii', 'Juri', 'Yuri', 'Jurij', 'Юрий'],
  ['Дмитро', 'Dmytro', 'Dmitry', 'Dmitriy', 'Dmitrij', 'Дмитрий'],
  ['Микола', 'Mykola', 'Nikolai', 'Nikolay', 'Nicolai', 'Николай'],
  ['Андрій', 'Andrii', 'Andrey', 'Andriy', 'Andrei', 'Андрей'],
  ['Тетяна', 'Tetiana', 'Tatiana', 'Tatyana', 'Tetyana', 'Tatjana', 'Татьяна'],
  ['Наталія', 'Nataliia', 'Natalia', 'Nataliya', 'Natalya', 'Natalija', 'Наталья', 'Наталия'],
  ['Олексій', 'Oleksii', 'Oleksiy', 'Alexei', 'Alexey', 'Aleksei', 'Алексей'],
  ['Харченко', 'Kharchenko', 'Harchenko'],
  ['Цибулько', 'Tsybulko', 'Cybulko'],
  ['Шевченко', 'Shevchenko', 'Szewczenko', 'Schewtschenko'],
  ['Ковальський', 'Kovalskyi', 'Kowalski', 'Kovalsky', 'Kovalskiy', 'Kovalskij'],
  ['Ковальська', 'Kovalska', 'Kowalska', 'Kovalskaya', 'Ковальская'],
  ['Петрович', 'Petrovych', 'Petrovich', 'Petrowitsch', 'Petrovitch'],
  ['Галина', 'Halyna', 'Galina', 'Halina', 'Галина'],
  ['Ганна', 'Hanna', 'Anna', 'Ganna', 'Анна'],
  ['Катерина', 'Kateryna', 'Ekaterina', 'Yekaterina', 'Екатерина'],
  ['Володимир', 'Volodymyr', 'Vladimir', 'Wladimir', 'Владимир'],
  ['Михайло', 'Mykhailo', 'Mikhail', 'Mihail', 'Михаил'],
  ['Євген', 'Yevhen', 'Evgeny', 'Evgeniy', 'Eugen', 'Евгений'],
  ['Світлана', 'Svitlana', 'Svetlana', 'Светлана'],
  ['Людмила', 'Liudmyla', 'Lyudmila', 'Ludmila'],
  ['Максим', 'Maksym', 'Maxim', 'Maksim'],
  ['Ірина', 'Iryna', 'Irina', 'Ирина'],
  ['Юлія', 'Yuliia', 'Yulia', 'Julia', 'Iuliia', 'Юлия'],
  ['Вікторія', 'Viktoriia', 'Victoria', 'Viktoriya', 'Виктория'],
  ['Григорій', 'Hryhorii', 'Grigoriy', 'Hryhoriy', 'Григорий'],
  ['Богдан', 'Bohdan', 'Bogdan'],
  ['Олег', 'Oleh', 'Oleg'],
  ['Ольга', 'Olha', 'Olga'],
  ['Жук', 'Zhuk', 'ZHUK'],
  ["Зав'ялов", 'Zavialov', 'Zavyalov', 'Завьялов', 'Zav’yalov'],
];

/** Names that are different and must keep different keys. */
const DIFFERENT: readonly (readonly [string, string])[] = [
  ['Олена', 'Ольга'],
  ['Олена', 'Оксана'],
  ['Сергій', 'Андрій'],
  ['Коваленко', 'Кравченко'],
  ['Коваленко', 'Коваль'],
  ['Дмитро', 'Дмитренко'],
  ['Микола', 'Михайло'],
  ['Тетяна', 'Тарас'],
  ['Юрій', 'Юлія'],
  ['Наталія', 'Надія'],
  ['Олександр', 'Олександра'],
  ['Іван', 'Іванна'],
];

describe('matchingKey', () => {
  for (const group of SAME_NAME) {
    it(`${group[0]}: ${group.slice(1).join(' / ')} share one key`, () => {
      const keys = group.map(matchingKey);
      expect(new Set(keys), JSON.stringify(Object.fromEntries(group.map((n, i) => [n, keys[i]])))).toEqual(new Set([keys[0]]));
      expect(keys[0]).toMatch(/^[a-z]+$/);
    });
  }

  it.each(DIFFERENT)('%s and %s keep different keys', (a, b) => {
    expect(matchingKey(a)).not.toBe(matchingKey(b));
  });

  it('gives the expected keys for the examples of the issue', () => {
    expect(matchingKey('Олена Коваленко')).toBe('olena kovalenko');
    expect(matchingKey('Elena Kowalenko')).toBe('olena kovalenko');
    expect(matchingKey('Sergey')).toBe('serhi');
    expect(matchingKey('Helena')).toBe('olena');
  });

  it('keeps words apart and drops punctuation, apostrophes and diacritics', () => {
    expect(matchingKey('Коваленко-Шевченко')).toBe('kovalenko shevchenko');
    expect(matchingKey('  Kovalenko   Shevchenko ')).toBe('kovalenko shevchenko');
    expect(matchingKey("O'Brien")).toBe(matchingKey('OBrien'));
    expect(matchingKey('Kowalénko')).toBe('kovalenko');
    expect(matchingKey('Łukasz')).toBe(matchingKey('Lukasz'));
    expect(matchingKey('')).toBe('');
    expect(matchingKey('  - 123 ')).toBe('');
  });

  it('is trimmed, lower case, with single spaces between words, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (name) => {
        const key = matchingKey(name);
        expect(key).toBe(key.trim());
        expect(key).not.toMatch(/\s{2}|[^\p{L} ]/u);
        expect(key).toBe(key.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });

  it('maps any Cyrillic name to Latin letters only', () => {
    const cyrillic = fc.array(fc.constantFrom(...Array.from("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё'")), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(cyrillic, (letters) => {
        expect(matchingKey(letters.join(''))).toMatch(/^[a-z]*$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the rule tables', () => {
  it('every listed equivalent folds to its Ukrainian name', () => {
    for (const [canonical, ...variants] of GIVEN_NAME_EQUIVALENTS) {
      for (const v of variants) expect(matchingKey(v), `${v} → ${canonical}`).toBe(matchingKey(canonical!));
    }
  });

  it('every fold rule is global or anchored and has a reason', () => {
    for (const [pattern, , reason] of FOLD_RULES) {
      expect(pattern.global || pattern.source.startsWith('^') || pattern.source.endsWith('$')).toBe(true);
      expect(reason.length).toBeGreaterThan(0);
    }
    expect(foldWord('kowalenko')).toBe('kovalenko');
    expect(foldWord('nataliia')).toBe('natalia');
  });
});

describe('latinForm and nameForms', () => {
  it('latinForm is the official transliteration in lower case', () => {
    expect(latinForm('Олена Коваленко')).toBe('olena kovalenko');
    expect(latinForm('Юрій Згорянський')).toBe('yurii zghorianskyi');
    expect(latinForm("Знам'янська")).toBe('znamianska');
  });

  it('nameForms lists the official Latin form and the matching key, without repeats', () => {
    expect(nameForms('Олена')).toEqual(['olena']);
    expect(nameForms('Сергій')).toEqual(['serhii', 'serhi']);
    expect(nameForms('Сергей')).toEqual(['serhei', 'serhi']);
    expect(nameForms('Elena Kowalenko')).toEqual(['elena kowalenko', 'olena kovalenko']);
    expect(nameForms('')).toEqual([]);
  });
});
