/**
 * CLK encoding and Dice comparison speed: encodes 10,000 synthetic persons, then compares 2,000 of them with all
 * 10,000 (20 million Dice coefficients, ClkIndex.search at the default threshold) next to a baseline in the same process — Buffer.compare of
 * the same pairs (a native byte comparison: what "looking at every pair" costs at the least).
 * Run alone with `npx tsx bench/clk.ts`; `benchClk()` returns the figures.
 *
 * Also the home of the synthetic population (`syntheticPeople`) used by src/platform/crypto/clk.test.ts to
 * measure precision and recall: realistic Ukrainian persons and, for some, further records of the same person
 * written as other agencies write them — Latin passport spellings, Russian and Polish forms, typos, a wrong
 * birth-date part, a missing patronymic.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { transliterateUk } from '../src/platform/i18n/transliteration.js';
import { ClkIndex, createClkEncoder, DEFAULT_DICE_THRESHOLD, dice, type Clk, type ClkFields } from '../src/platform/crypto/clk.js';

// ---------------------------------------------------------------------------------------------------------
// Synthetic population

/** Deterministic PRNG (mulberry32): the same seed gives the same population on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Given = { uk: string; ru: string; foreign: readonly string[] };

const FEMALE: readonly Given[] = [
  { uk: 'Олена', ru: 'Елена', foreign: ['Elena', 'Helena', 'Olena', 'Yelena'] },
  { uk: 'Наталія', ru: 'Наталья', foreign: ['Natalya', 'Nataliya', 'Natalia'] },
  { uk: 'Тетяна', ru: 'Татьяна', foreign: ['Tatiana', 'Tatyana', 'Tetyana'] },
  { uk: 'Ірина', ru: 'Ирина', foreign: ['Irina', 'Iryna'] },
  { uk: 'Оксана', ru: 'Оксана', foreign: ['Oksana', 'Oxana'] },
  { uk: 'Юлія', ru: 'Юлия', foreign: ['Yulia', 'Julia', 'Yuliya', 'Iuliia'] },
  { uk: 'Світлана', ru: 'Светлана', foreign: ['Svetlana', 'Svitlana'] },
  { uk: 'Марія', ru: 'Мария', foreign: ['Maria', 'Mariya'] },
  { uk: 'Ганна', ru: 'Анна', foreign: ['Anna', 'Hanna', 'Ganna'] },
  { uk: 'Катерина', ru: 'Екатерина', foreign: ['Ekaterina', 'Kateryna', 'Katerina'] },
  { uk: 'Людмила', ru: 'Людмила', foreign: ['Lyudmila', 'Ludmila', 'Liudmyla'] },
  { uk: 'Вікторія', ru: 'Виктория', foreign: ['Victoria', 'Viktoriya', 'Viktoria'] },
  { uk: 'Галина', ru: 'Галина', foreign: ['Galina', 'Halyna'] },
  { uk: 'Анастасія', ru: 'Анастасия', foreign: ['Anastasia', 'Anastasiya'] },
  { uk: 'Валентина', ru: 'Валентина', foreign: ['Valentina', 'Walentyna'] },
  { uk: 'Лариса', ru: 'Лариса', foreign: ['Larisa', 'Larysa'] },
  { uk: 'Надія', ru: 'Надежда', foreign: ['Nadezhda', 'Nadiya', 'Nadia'] },
  { uk: 'Ольга', ru: 'Ольга', foreign: ['Olga', 'Olha'] },
  { uk: 'Дарина', ru: 'Дарина', foreign: ['Daryna', 'Darina'] },
  { uk: 'Софія', ru: 'София', foreign: ['Sofia', 'Sofiya', 'Zofia'] },
  { uk: 'Алла', ru: 'Алла', foreign: ['Alla'] },
  { uk: 'Віра', ru: 'Вера', foreign: ['Vera', 'Vira'] },
  { uk: 'Марина', ru: 'Марина', foreign: ['Marina', 'Maryna'] },
  { uk: 'Христина', ru: 'Кристина', foreign: ['Khrystyna', 'Christina', 'Krystyna'] },
  { uk: 'Яна', ru: 'Яна', foreign: ['Yana', 'Jana'] },
  { uk: 'Євгенія', ru: 'Евгения', foreign: ['Evgenia', 'Yevheniia', 'Eugenia'] },
  { uk: 'Олександра', ru: 'Александра', foreign: ['Alexandra', 'Oleksandra'] },
  { uk: 'Інна', ru: 'Инна', foreign: ['Inna'] },
  { uk: 'Любов', ru: 'Любовь', foreign: ['Lyubov', 'Liubov'] },
  { uk: 'Зоя', ru: 'Зоя', foreign: ['Zoya', 'Zoia'] },
];

const MALE: readonly Given[] = [
  { uk: 'Олександр', ru: 'Александр', foreign: ['Alexander', 'Aleksandr', 'Oleksandr'] },
  { uk: 'Сергій', ru: 'Сергей', foreign: ['Sergey', 'Sergiy', 'Serhiy', 'Sergei'] },
  { uk: 'Андрій', ru: 'Андрей', foreign: ['Andrey', 'Andriy', 'Andrei'] },
  { uk: 'Дмитро', ru: 'Дмитрий', foreign: ['Dmitry', 'Dmitriy', 'Dmytro'] },
  { uk: 'Юрій', ru: 'Юрий', foreign: ['Yuriy', 'Iurii', 'Juri', 'Yuri'] },
  { uk: 'Микола', ru: 'Николай', foreign: ['Nikolai', 'Nikolay', 'Mykola'] },
  { uk: 'Володимир', ru: 'Владимир', foreign: ['Vladimir', 'Volodymyr', 'Wladimir'] },
  { uk: 'Олексій', ru: 'Алексей', foreign: ['Alexey', 'Aleksei', 'Oleksiy'] },
  { uk: 'Іван', ru: 'Иван', foreign: ['Ivan', 'Iwan'] },
  { uk: 'Василь', ru: 'Василий', foreign: ['Vasily', 'Vasyl', 'Wasyl'] },
  { uk: 'Михайло', ru: 'Михаил', foreign: ['Mikhail', 'Mykhailo', 'Michal'] },
  { uk: 'Петро', ru: 'Петр', foreign: ['Petr', 'Petro', 'Piotr'] },
  { uk: 'Віктор', ru: 'Виктор', foreign: ['Victor', 'Viktor', 'Wiktor'] },
  { uk: 'Богдан', ru: 'Богдан', foreign: ['Bogdan', 'Bohdan'] },
  { uk: 'Тарас', ru: 'Тарас', foreign: ['Taras'] },
  { uk: 'Роман', ru: 'Роман', foreign: ['Roman'] },
  { uk: 'Ярослав', ru: 'Ярослав', foreign: ['Yaroslav', 'Jaroslaw'] },
  { uk: 'Максим', ru: 'Максим', foreign: ['Maxim', 'Maksym', 'Maksim'] },
  { uk: 'Денис', ru: 'Денис', foreign: ['Denis', 'Denys'] },
  { uk: 'Артем', ru: 'Артём', foreign: ['Artem', 'Artyom'] },
  { uk: 'Євген', ru: 'Евгений', foreign: ['Evgeny', 'Yevhen', 'Eugeniusz'] },
  { uk: 'Павло', ru: 'Павел', foreign: ['Pavel', 'Pavlo', 'Pawel'] },
  { uk: 'Григорій', ru: 'Григорий', foreign: ['Grigory', 'Hryhoriy'] },
  { uk: 'Степан', ru: 'Степан', foreign: ['Stepan', 'Stefan'] },
  { uk: 'Олег', ru: 'Олег', foreign: ['Oleg', 'Oleh'] },
  { uk: 'Ігор', ru: 'Игорь', foreign: ['Igor', 'Ihor'] },
  { uk: 'Віталій', ru: 'Виталий', foreign: ['Vitaliy', 'Vitalii', 'Witalij'] },
  { uk: 'Анатолій', ru: 'Анатолий', foreign: ['Anatoliy', 'Anatoly'] },
  { uk: 'Костянтин', ru: 'Константин', foreign: ['Konstantin', 'Kostiantyn'] },
  { uk: 'Федір', ru: 'Федор', foreign: ['Fedor', 'Fedir'] },
];

/** Patronymic stems, male and female, from the father's name (a subset of MALE). */
const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Олександрович', 'Олександрівна'], ['Сергійович', 'Сергіївна'], ['Андрійович', 'Андріївна'],
  ['Миколайович', 'Миколаївна'], ['Іванович', 'Іванівна'], ['Петрович', 'Петрівна'], ['Васильович', 'Василівна'],
  ['Михайлович', 'Михайлівна'], ['Вікторович', 'Вікторівна'], ['Володимирович', 'Володимирівна'],
  ['Юрійович', 'Юріївна'], ['Григорович', 'Григорівна'], ['Степанович', 'Степанівна'], ['Олегович', 'Олегівна'],
  ['Богданович', 'Богданівна'], ['Романович', 'Романівна'], ['Анатолійович', 'Анатоліївна'],
  ['Павлович', 'Павлівна'], ['Дмитрович', 'Дмитрівна'], ['Ігорович', 'Ігорівна'], ['Тарасович', 'Тарасівна'],
  ['Ярославович', 'Ярославівна'], ['Федорович', 'Федорівна'], ['Леонідович', 'Леонідівна'],
];

/** Surnames: [masculine, feminine] (equal unless the surname declines by sex). */
const SURNAMES: readonly (readonly [string, string])[] = [
  ...[
    'Коваленко', 'Бондаренко', 'Шевченко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко',
    'Ковальчук', 'Мельник', 'Савченко', 'Руденко', 'Петренко', 'Мороз', 'Марченко', 'Лисенко', 'Клименко',
    'Павленко', 'Кузьменко', 'Гончаренко', 'Литвиненко', 'Кравчук', 'Коваль', 'Романенко', 'Ткачук', 'Карпенко',
    'Сидоренко', 'Левченко', 'Кушнір', 'Козак', 'Мазур', 'Тимошенко', 'Савчук', 'Гаврилюк', 'Пономаренко',
    'Іваненко', 'Демченко', 'Захарченко', 'Гнатюк', 'Симоненко', 'Яковенко', 'Юрченко', 'Білоус', 'Костенко',
    'Семенюк', 'Остапчук', 'Приходько', 'Харченко', 'Зінченко', 'Щербак', 'Данилюк', 'Гуменюк', 'Дмитренко',
    'Фоменко', 'Тарасенко', 'Вакуленко', 'Мартинюк', 'Соловйов', 'Хоменко', 'Жук', 'Грищенко', 'Назаренко',
    'Рибак', 'Цибулько', 'Чорновол', 'Гордієнко', 'Єрмоленко', 'Стельмах', 'Кириленко',
  ].map((s) => [s, s] as const),
  ['Ковальський', 'Ковальська'], ['Вишневський', 'Вишневська'], ['Заїчний', 'Заїчна'], ['Левицький', 'Левицька'],
  ['Соколов', 'Соколова'], ['Петров', 'Петрова'],
];

/** Surname spellings other agencies use, as rules over the official Latin form. */
const FOREIGN_SURNAME_STYLES: readonly ((latin: string) => string)[] = [
  (s) => s, // official transliteration
  (s) => // Polish
    s
      .replace(/ch/g, 'cz').replace(/Ch/g, 'Cz').replace(/kh/g, 'ch').replace(/Kh/g, 'Ch')
      .replace(/sh/g, 'sz').replace(/Sh/g, 'Sz').replace(/v/g, 'w').replace(/V/g, 'W')
      .replace(/yi$/, 'i').replace(/^Y/, 'J'),
  (s) => s.replace(/yi$/, 'y').replace(/ii/g, 'iy').replace(/ia$/, 'aya').replace(/yk$/, 'ik'), // Russian-style passport
  (s) => s.replace(/kh/g, 'h').replace(/yi$/, 'iy'), // simplified
];

export type SyntheticPerson = ClkFields & { personId: number; recordId: number };

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** One random edit — substitution, deletion, transposition or doubling — in the middle of a name. */
function typo(rand: () => number, name: string): string {
  const chars = Array.from(name);
  if (chars.length < 4) return name;
  const i = 1 + Math.floor(rand() * (chars.length - 2));
  const latin = /[a-z]/i.test(name);
  const letters = latin ? 'aeioulnrstkvmdh' : 'аеоіилнрсткмвд';
  switch (Math.floor(rand() * 4)) {
    case 0:
      chars[i] = pick(rand, Array.from(letters));
      break;
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      [chars[i - 1], chars[i]] = [chars[i]!, chars[i - 1]!];
      break;
    default:
      chars.splice(i, 0, chars[i]!);
  }
  return chars.join('');
}

/**
 * `count` records: distinct persons, and for about `duplicateShare` of the records a further record of an
 * already generated person (same personId) written differently. Deterministic for a seed.
 */
export function syntheticPeople(count: number, seed = 2026, duplicateShare = 0.35): SyntheticPerson[] {
  const rand = prng(seed);
  type Truth = { sex: 'female' | 'male'; given: Given; patronymic: string; surname: string; year: number; month: number; day: number };
  const truths: Truth[] = [];
  const out: SyntheticPerson[] = [];
  for (let recordId = 0; recordId < count; recordId++) {
    if (truths.length > 0 && rand() < duplicateShare) {
      const personId = Math.floor(rand() * truths.length);
      out.push({ ...variantRecord(rand, truths[personId]!), personId, recordId });
      continue;
    }
    const sex = rand() < 0.7 ? 'female' : 'male'; // most identified victims of trafficking are women
    const [pm, pf] = pick(rand, PATRONYMICS);
    const [sm, sf] = pick(rand, SURNAMES);
    const truth: Truth = {
      sex,
      given: pick(rand, sex === 'female' ? FEMALE : MALE),
      patronymic: sex === 'female' ? pf : pm,
      surname: sex === 'female' ? sf : sm,
      year: 1960 + Math.floor(rand() * 48),
      month: 1 + Math.floor(rand() * 12),
      day: 1 + Math.floor(rand() * 28),
    };
    truths.push(truth);
    out.push({
      personId: truths.length - 1,
      recordId,
      familyName: truth.surname,
      givenName: truth.given.uk,
      patronymic: truth.patronymic,
      dateOfBirth: `${truth.year}-${pad2(truth.month)}-${pad2(truth.day)}`,
      sex: truth.sex,
    });
  }
  return out;

  function variantRecord(r: () => number, t: Truth): ClkFields {
    let familyName: string;
    let givenName: string;
    let patronymic: string | undefined = t.patronymic;
    const style = r();
    if (style < 0.35) {
      // A foreign document: Latin, no patronymic, the given name as that country writes it.
      familyName = pick(r, FOREIGN_SURNAME_STYLES)(transliterateUk(t.surname));
      givenName = pick(r, t.given.foreign);
      patronymic = undefined;
    } else if (style < 0.55) {
      // A Ukrainian record in the official Latin spelling.
      familyName = transliterateUk(t.surname);
      givenName = transliterateUk(t.given.uk);
      patronymic = r() < 0.5 ? transliterateUk(t.patronymic) : undefined;
    } else if (style < 0.7) {
      // A Russian-language record: Russian given name, surname as Ukrainian.
      familyName = t.surname;
      givenName = t.given.ru;
    } else {
      familyName = t.surname;
      givenName = t.given.uk;
    }
    if (r() < 0.3) familyName = typo(r, familyName);
    if (r() < 0.15) givenName = typo(r, givenName);
    if (patronymic && r() < 0.15) patronymic = typo(r, patronymic);
    if (patronymic && r() < 0.15) patronymic = undefined;

    let { year, month, day } = t;
    let dateOfBirth: string | undefined;
    let birthYear: number | undefined;
    const dateChange = r();
    if (dateChange < 0.08) day = day === 28 ? 27 : day + 1;
    else if (dateChange < 0.13) month = month === 12 ? 11 : month + 1;
    else if (dateChange < 0.18) year += r() < 0.5 ? 1 : -1;
    if (dateChange >= 0.18 && dateChange < 0.26) birthYear = year;
    else dateOfBirth = `${year}-${pad2(month)}-${pad2(day)}`;

    return {
      familyName,
      givenName,
      ...(patronymic ? { patronymic } : {}),
      ...(dateOfBirth ? { dateOfBirth } : { birthYear }),
      sex: r() < 0.1 ? 'unknown' : t.sex,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Benchmark

const ENCODE = 10_000;
const QUERIES = 2_000;

/** Encodes ENCODE persons, then compares QUERIES × ENCODE pairs by Dice and, as the baseline, by Buffer.compare. */
export async function benchClk(): Promise<{
  encodesPerSec: number;
  comparisonsPerSec: number;
  baselineComparisonsPerSec: number;
  pairwiseDicePerSec: number;
  matchesAtThreshold: number;
}> {
  const people = syntheticPeople(ENCODE, 7, 0.2);
  const secret = randomBytes(32);

  // Encoding: one encoder, as the cases module would hold one per process.
  const warm = createClkEncoder(secret);
  for (const p of people.slice(0, 200)) warm.encode(p);
  const encoder = createClkEncoder(secret);
  let t0 = performance.now();
  const filters: Clk[] = people.map((p) => encoder.encode(p));
  const encodeMs = performance.now() - t0;

  // Dice, one query against all: ClkIndex (32-bit words, precomputed popcounts).
  const index = new ClkIndex(filters, filters.length);
  const queries = filters.slice(0, QUERIES);
  for (const q of queries.slice(0, 20)) index.search(q, DEFAULT_DICE_THRESHOLD); // warm-up
  let matches = 0;
  t0 = performance.now();
  for (const q of queries) matches += index.search(q, DEFAULT_DICE_THRESHOLD).length;
  const diceMs = performance.now() - t0;

  // Baseline: Buffer.compare of the same pairs (native, stops at the first differing byte).
  const buffers = filters.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength));
  const queryBuffers = buffers.slice(0, QUERIES);
  let equal = 0;
  t0 = performance.now();
  for (const q of queryBuffers) for (const b of buffers) if (Buffer.compare(q, b) === 0) equal++;
  const baselineMs = performance.now() - t0;

  // The plain dice(a, b) function over a slice of the same pairs (byte table, no packing).
  const slice = 200;
  let sink = 0;
  t0 = performance.now();
  for (const q of queries.slice(0, slice)) for (const f of filters) sink += dice(q, f);
  const pairwiseMs = performance.now() - t0;
  if (Number.isNaN(sink) || equal < QUERIES) throw new Error('benchmark sanity check failed');

  const pairs = QUERIES * ENCODE;
  return {
    encodesPerSec: ENCODE / (encodeMs / 1000),
    comparisonsPerSec: pairs / (diceMs / 1000),
    baselineComparisonsPerSec: pairs / (baselineMs / 1000),
    pairwiseDicePerSec: (slice * ENCODE) / (pairwiseMs / 1000),
    matchesAtThreshold: matches,
  };
}

async function main() {
  const r = await benchClk();
  const m = (n: number) => `${(n / 1e6).toFixed(1)} M/s`;
  process.stdout.write(
    `clk: encode ${ENCODE.toLocaleString('en')} persons: ${Math.round(r.encodesPerSec).toLocaleString('en')} encodes/s\n` +
      `clk: Dice ${QUERIES.toLocaleString('en')} × ${ENCODE.toLocaleString('en')} (ClkIndex.search, threshold ${DEFAULT_DICE_THRESHOLD}): ${m(r.comparisonsPerSec)}` +
      ` (${r.matchesAtThreshold} pairs ≥ ${DEFAULT_DICE_THRESHOLD}, self-pairs included)\n` +
      `clk: baseline Buffer.compare of the same pairs: ${m(r.baselineComparisonsPerSec)}` +
      ` → Dice at ${(r.comparisonsPerSec / r.baselineComparisonsPerSec).toFixed(2)}× the baseline\n` +
      `clk: dice(a, b) one pair at a time: ${m(r.pairwiseDicePerSec)}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
