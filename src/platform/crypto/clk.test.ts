import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../../bench/clk.js';
import {
  bigrams,
  CLK_BYTES,
  ClkIndex,
  createClkEncoder,
  DEFAULT_DICE_THRESHOLD,
  dice,
  encodeClk,
  fromBase64,
  popcount,
  toBase64,
  type Clk,
  type ClkFields,
} from './clk.js';

// A fixed secret, so the figures printed below are the same on every run (they vary little with the secret).
const secret = createHash('sha256').update('opennrm clk test secret').digest();
const encoder = createClkEncoder(secret);
const olena: ClkFields = { familyName: 'Коваленко', givenName: 'Олена', patronymic: 'Іванівна', dateOfBirth: '1990-03-14', sex: 'female' };

const clkArb = fc.uint8Array({ minLength: CLK_BYTES, maxLength: CLK_BYTES });

/** Reference Dice, bit by bit. */
function slowDice(a: Clk, b: Clk): number {
  let both = 0;
  let total = 0;
  for (let i = 0; i < CLK_BYTES * 8; i++) {
    const x = (a[i >> 3]! >> (i & 7)) & 1;
    const y = (b[i >> 3]! >> (i & 7)) & 1;
    both += x & y;
    total += x + y;
  }
  return total === 0 ? 0 : (2 * both) / total;
}

describe('encodeClk', () => {
  it('is a 1024-bit filter, deterministic for a secret, about a fifth full', () => {
    const a = encodeClk(secret, olena);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a).toHaveLength(128);
    expect(encoder.encode(olena)).toEqual(a);
    expect(dice(a, encoder.encode({ ...olena }))).toBe(1);
    const fill = popcount(a) / 1024;
    expect(fill).toBeGreaterThan(0.1);
    expect(fill).toBeLessThan(0.35);
  });

  it('scores spelling variants of the same person as the same', () => {
    const a = encoder.encode({ givenName: 'Olena', familyName: 'Kovalenko', dateOfBirth: '1990-03-14' });
    const b = encoder.encode({ givenName: 'Elena', familyName: 'Kowalenko', dateOfBirth: '1990-03-14' });
    expect(dice(a, b)).toBeGreaterThanOrEqual(0.8);
    const c = encoder.encode({ familyName: 'Kowalenko', givenName: 'Elena', patronymic: 'Ivanovna', dateOfBirth: '1990-03-14', sex: 'female' });
    expect(dice(encoder.encode(olena), c)).toBeGreaterThanOrEqual(0.9);
    const russian = encoder.encode({ familyName: 'Коваленко', givenName: 'Елена', patronymic: 'Ивановна', dateOfBirth: '1990-03-14', sex: 'female' });
    expect(dice(encoder.encode(olena), russian)).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps high similarity for a day off, a typo or a missing patronymic', () => {
    const a = encoder.encode(olena);
    const scores = {
      dayOff: dice(a, encoder.encode({ ...olena, dateOfBirth: '1990-03-15' })),
      monthOff: dice(a, encoder.encode({ ...olena, dateOfBirth: '1990-04-14' })),
      yearOff: dice(a, encoder.encode({ ...olena, dateOfBirth: '1991-03-14' })),
      yearOnly: dice(a, encoder.encode({ ...olena, dateOfBirth: null, birthYear: 1990 })),
      typo: dice(a, encoder.encode({ ...olena, familyName: 'Коваленко'.replace('л', 'д') })),
      noPatronymic: dice(a, encoder.encode({ ...olena, patronymic: undefined })),
      sexUnknown: dice(a, encoder.encode({ ...olena, sex: 'unknown' })),
    };
    for (const [what, score] of Object.entries(scores)) expect(score, what).toBeGreaterThanOrEqual(DEFAULT_DICE_THRESHOLD);
    expect(scores.dayOff).toBeGreaterThan(0.85);
  });

  it('scores different people low', () => {
    const a = encoder.encode(olena);
    const b = encoder.encode({ familyName: 'Бондаренко', givenName: 'Сергій', patronymic: 'Петрович', dateOfBirth: '1985-11-02', sex: 'male' });
    expect(dice(a, b)).toBeLessThan(0.5);
    // Same name, different birth date and patronymic: namesakes are weaker than the threshold.
    const namesake = encoder.encode({ ...olena, patronymic: 'Петрівна', dateOfBirth: '1972-08-30' });
    expect(dice(a, namesake)).toBeLessThan(DEFAULT_DICE_THRESHOLD);
  });

  it('gives unrelated filters under another secret', () => {
    const other = createClkEncoder(randomBytes(32));
    expect(dice(encoder.encode(olena), other.encode(olena))).toBeLessThan(0.4);
  });

  it('separates fields: the same name as family name or as given name sets different bits', () => {
    const asFamily = encoder.encode({ familyName: 'Марко' });
    const asGiven = encoder.encode({ givenName: 'Марко' });
    expect(dice(asFamily, asGiven)).toBeLessThan(0.3);
  });

  it('scores an other name against the family name of another record', () => {
    const married = encoder.encode({ ...olena, familyName: 'Шевченко', otherNames: ['Коваленко'] });
    const maiden = encoder.encode(olena);
    const stranger = encoder.encode({ ...olena, familyName: 'Шевченко' });
    expect(dice(married, maiden)).toBeGreaterThan(dice(stranger, maiden));
  });

  it('encodes an empty record as an empty filter, and refuses malformed input', () => {
    expect(popcount(encoder.encode({}))).toBe(0);
    expect(popcount(encoder.encode({ familyName: ' - ', sex: 'unknown', otherNames: [] }))).toBe(0);
    expect(dice(encoder.encode({}), encoder.encode({}))).toBe(0);
    expect(() => encoder.encode({ dateOfBirth: '14.03.1990' })).toThrow(/YYYY-MM-DD/);
    expect(() => encoder.encode({ dateOfBirth: '1990-13-01' })).toThrow(/month/);
    expect(() => encoder.encode({ dateOfBirth: '1990-01-32' })).toThrow(/day/);
    expect(() => encoder.encode({ birthYear: 90 })).toThrow(/4-digit/);
    expect(() => createClkEncoder(randomBytes(16))).toThrow(/at least 32 bytes/);
    expect(() => createClkEncoder(secret, { weights: { givenName: 100 } })).toThrow(/0–64/);
    expect(() => createClkEncoder(secret, { weights: { otherNames: 20 } })).toThrow(/must not exceed/);
  });

  it('accepts partial birth dates, and a year agrees with a full date of that year', () => {
    const full = encoder.encode({ dateOfBirth: '1990-03-14' });
    const month = encoder.encode({ dateOfBirth: '1990-03' });
    const year = encoder.encode({ birthYear: 1990 });
    expect(dice(full, month)).toBeGreaterThan(dice(full, year));
    expect(dice(year, encoder.encode({ dateOfBirth: '1990' }))).toBe(1);
    expect(dice(year, encoder.encode({ dateOfBirth: '1990-03-14', birthYear: 1991 }))).toBeGreaterThan(0.5);
  });

  it('uses padded bigrams', () => {
    expect(bigrams('olena')).toEqual([' o', 'ol', 'le', 'en', 'na', 'a ']);
    expect(bigrams('a b')).toEqual([' a', 'a ', ' b', 'b ']);
  });
});

describe('dice', () => {
  it('equals the bit-by-bit definition, is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(clkArb, clkArb, (a, b) => {
        const d = dice(a, b);
        expect(d).toBe(dice(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expect(d).toBeCloseTo(slowDice(a, b), 12);
        if (popcount(a) > 0) expect(dice(a, a)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('works on unaligned views and refuses other lengths', () => {
    const a = encoder.encode(olena);
    const backing = new Uint8Array(CLK_BYTES + 3);
    backing.set(a, 3);
    expect(dice(a, backing.subarray(3))).toBe(1);
    expect(() => dice(a, new Uint8Array(64))).toThrow(/128 bytes/);
  });
});

describe('base64', () => {
  it('round-trips any filter', () => {
    fc.assert(
      fc.property(clkArb, (a) => {
        const text = toBase64(a);
        expect(text).toHaveLength(172);
        expect(fromBase64(text)).toEqual(a);
      }),
      { numRuns: 200 },
    );
    expect(() => fromBase64('AAAA')).toThrow(/128 bytes/);
    expect(() => fromBase64(`${toBase64(new Uint8Array(128))}x`)).toThrow(/128 bytes/);
  });
});

describe('ClkIndex', () => {
  it('finds what dice finds, best first, and grows past its capacity', () => {
    fc.assert(
      fc.property(fc.array(clkArb, { minLength: 1, maxLength: 40 }), clkArb, fc.double({ min: 0.05, max: 1, noNaN: true }), (filters, q, t) => {
        const index = new ClkIndex(filters, 2);
        expect(index.size).toBe(filters.length);
        const expected = filters
          .map((f, i) => ({ index: i, dice: dice(f, q) }))
          .filter((m) => m.dice >= t)
          .sort((a, b) => b.dice - a.dice || a.index - b.index);
        const found = index.search(q, t);
        expect(found.map((m) => m.index)).toEqual(expected.map((m) => m.index));
        found.forEach((m, i) => expect(m.dice).toBeCloseTo(expected[i]!.dice, 12));
        filters.forEach((f, i) => expect(index.diceAt(i, q)).toBeCloseTo(dice(f, q), 12));
      }),
      { numRuns: 200 },
    );
    expect(() => new ClkIndex().diceAt(0, new Uint8Array(128))).toThrow(RangeError);
  });
});

describe('duplicate detection on a labelled synthetic population', () => {
  // 200 records (seed 2026): ~130 persons, the rest further records of some of them as other agencies write
  // them (bench/clk.ts: Latin and Russian spellings, Polish forms, typos, a wrong date part, missing patronymic).
  const people = syntheticPeople(200, 2026);
  const filters = people.map((p) => encoder.encode(p));
  const measure = (threshold: number) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const same = people[i]!.personId === people[j]!.personId;
        const match = dice(filters[i]!, filters[j]!) >= threshold;
        if (match && same) tp++;
        else if (match) fp++;
        else if (same) fn++;
      }
    }
    return { tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
  };
  const atDefault = measure(DEFAULT_DICE_THRESHOLD);
  const at08 = measure(0.8);
  const f = (n: number) => n.toFixed(3);

  it(`threshold ${DEFAULT_DICE_THRESHOLD}: precision ${f(atDefault.precision)}, recall ${f(atDefault.recall)} (${atDefault.tp} true pairs found, ${atDefault.fp} false, ${atDefault.fn} missed)`, () => {
    const persons = new Set(people.map((p) => p.personId)).size;
    expect(persons).toBeGreaterThan(100);
    expect(atDefault.tp + atDefault.fn).toBeGreaterThan(60);
    expect(atDefault.precision).toBeGreaterThanOrEqual(0.9);
    expect(atDefault.recall).toBeGreaterThanOrEqual(0.9);
  });

  it(`threshold 0.8: precision ${f(at08.precision)}, recall ${f(at08.recall)} — stricter, fewer proposals`, () => {
    expect(at08.precision).toBeGreaterThanOrEqual(atDefault.precision);
    expect(at08.recall).toBeGreaterThanOrEqual(0.85);
  });
});
