/**
 * Cryptographic long-term keys (CLKs, Schnell, Bachteler & Reiher 2009; as in Data61's clkhash/anonlink): a
 * person's names, date of birth and sex encoded as one keyed 1024-bit Bloom filter, compared by the Dice
 * coefficient. Two records of the same person written differently (Olena Kovalenko / Elena Kowalenko, a typo,
 * a day off in the birth date) share most bits; the filter does not reveal the names without the secret.
 * Pure: no I/O.
 *
 * Encoding. Each name is reduced to its matching key (name-variants.ts), padded with a space at both ends and
 * split into bigrams (" o", "ol", …, "a "). Each bigram sets k bits; the positions are taken from
 * HMAC-SHA256(field key, bigram) — 16 independent 10-bit positions per HMAC block ("random hashing", as clkhash's
 * blake hashing), not the linear double hashing of the 2009 paper, whose structure allows pattern-mining attacks
 * (Niedermeyer et al. 2014). The field key is derived from the secret per field (HKDF), so the same bigram in
 * the family name and in the patronymic sets different bits. k differs per field: the weights.
 * The date of birth is three tokens — year, month, day — so a typo in one part keeps the other two.
 */
import { createHmac } from 'node:crypto';
import { deriveKey } from './blind-index.js';
import { matchingKey } from './name-variants.js';

export const CLK_BITS = 1024;
export const CLK_BYTES = CLK_BITS / 8;
const CLK_WORDS = CLK_BITS / 32;
const POSITION_MASK = CLK_BITS - 1;

/** A CLK: 128 bytes, bit i of the filter is bit (i % 8) of byte (i >> 3). */
export type Clk = Uint8Array;
export type Sex = 'female' | 'male' | 'other' | 'unknown';

export type ClkFields = {
  familyName?: string | null;
  givenName?: string | null;
  patronymic?: string | null;
  /** Other names the person is known by (maiden name, former or alias surname). Encoded in the family-name space. */
  otherNames?: readonly string[] | null;
  /** "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when only part is known. */
  dateOfBirth?: string | null;
  /** Used when dateOfBirth is absent. */
  birthYear?: number | null;
  sex?: Sex | null;
};

/**
 * Bits set per token (k) for each field. Names carry most of the identity, the birth date parts follow, sex
 * distinguishes little. otherNames must not exceed familyName: an other name's bits are then a subset of the
 * same name's bits as a family name (same field key), so an alias that is another record's family name scores.
 */
export type ClkWeights = {
  familyName: number;
  givenName: number;
  patronymic: number;
  otherNames: number;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  sex: number;
};

export const DEFAULT_CLK_WEIGHTS: Readonly<ClkWeights> = {
  familyName: 10,
  givenName: 10,
  patronymic: 2,
  otherNames: 5,
  birthYear: 32,
  birthMonth: 20,
  birthDay: 24,
  sex: 4,
};

/** Dice coefficient from which two CLKs are proposed as the same person (see docs/decisions/0007). */
export const DEFAULT_DICE_THRESHOLD = 0.75;

export type ClkOptions = { weights?: Partial<ClkWeights> };

export type ClkEncoder = { encode(fields: ClkFields): Clk };

type FieldSpace = 'familyName' | 'givenName' | 'patronymic' | 'dateOfBirth' | 'sex';
const FIELD_SPACES: readonly FieldSpace[] = ['familyName', 'givenName', 'patronymic', 'dateOfBirth', 'sex'];
const MAX_K = 64;
const CACHE_LIMIT = 50_000;

/**
 * An encoder for one secret: field keys derived once, token positions cached (bigrams repeat across persons),
 * so bulk encoding costs little more than the HMACs of the distinct bigrams.
 */
export function createClkEncoder(secret: Buffer, options: ClkOptions = {}): ClkEncoder {
  if (secret.length < 32) throw new Error('The CLK secret must be at least 32 bytes');
  const weights: ClkWeights = { ...DEFAULT_CLK_WEIGHTS, ...options.weights };
  for (const [field, k] of Object.entries(weights)) {
    if (!Number.isInteger(k) || k < 0 || k > MAX_K) throw new Error(`CLK weight ${field} must be an integer 0–${MAX_K}`);
  }
  if (weights.otherNames > weights.familyName) throw new Error('CLK weight otherNames must not exceed familyName');
  const fieldKeys = new Map(FIELD_SPACES.map((f) => [f, deriveKey(secret, `clk/field/${f}/v1`)] as const));
  const cache = new Map<string, Uint16Array>();

  /** The first `k` positions of a token in a field space (positions for the largest k of the space are cached). */
  const positions = (space: FieldSpace, token: string, k: number): Uint16Array => {
    const cacheKey = `${space}\u0000${token}`;
    const cached = cache.get(cacheKey);
    if (cached && cached.length >= k) return cached;
    const blocks = Math.ceil(Math.max(k, 16) / 16);
    const out = new Uint16Array(blocks * 16);
    for (let b = 0; b < blocks; b++) {
      const mac = createHmac('sha256', fieldKeys.get(space)!)
        .update(b === 0 ? token : `${token}\u0000${b}`, 'utf8')
        .digest();
      for (let i = 0; i < 16; i++) out[b * 16 + i] = mac.readUInt16LE(i * 2) & POSITION_MASK;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cacheKey, out);
    return out;
  };

  const add = (filter: Clk, space: FieldSpace, token: string, k: number) => {
    if (k === 0) return;
    const p = positions(space, token, k);
    for (let i = 0; i < k; i++) {
      const bit = p[i]!;
      filter[bit >>> 3]! |= 1 << (bit & 7);
    }
  };

  const addName = (filter: Clk, space: FieldSpace, name: string | null | undefined, k: number) => {
    if (!name || k === 0) return;
    const key = matchingKey(name);
    if (key === '') return;
    for (const gram of bigrams(key)) add(filter, space, gram, k);
  };

  return {
    encode(fields: ClkFields): Clk {
      const filter = new Uint8Array(CLK_BYTES);
      addName(filter, 'familyName', fields.familyName, weights.familyName);
      addName(filter, 'givenName', fields.givenName, weights.givenName);
      addName(filter, 'patronymic', fields.patronymic, weights.patronymic);
      for (const other of fields.otherNames ?? []) addName(filter, 'familyName', other, weights.otherNames);
      const date = parseBirthDate(fields.dateOfBirth, fields.birthYear);
      if (date.year) add(filter, 'dateOfBirth', `y:${date.year}`, weights.birthYear);
      if (date.month) add(filter, 'dateOfBirth', `m:${date.month}`, weights.birthMonth);
      if (date.day) add(filter, 'dateOfBirth', `d:${date.day}`, weights.birthDay);
      if (fields.sex && fields.sex !== 'unknown') add(filter, 'sex', fields.sex, weights.sex);
      return filter;
    },
  };
}

/** One person's CLK. For many persons, make one `createClkEncoder` and reuse it. */
export function encodeClk(secret: Buffer, fields: ClkFields, options?: ClkOptions): Clk {
  return createClkEncoder(secret, options).encode(fields);
}

/** The bigrams of a matching key padded with one space at each end: "olena" → " o", "ol", "le", "en", "na", "a ". */
export function bigrams(key: string): string[] {
  const chars = Array.from(` ${key} `);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

function parseBirthDate(
  dateOfBirth: string | null | undefined,
  birthYear: number | null | undefined,
): { year?: string; month?: string; day?: string } {
  if (dateOfBirth) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(dateOfBirth.trim());
    if (!m) throw new Error('dateOfBirth must be YYYY-MM-DD, YYYY-MM or YYYY');
    const [, year, month, day] = m;
    if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) throw new Error('dateOfBirth: month out of range');
    if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) throw new Error('dateOfBirth: day out of range');
    return { year, month, day };
  }
  if (birthYear !== null && birthYear !== undefined) {
    if (!Number.isInteger(birthYear) || birthYear < 1000 || birthYear > 9999) throw new Error('birthYear must be a 4-digit year');
    return { year: String(birthYear) };
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

/** Bits set in every 16-bit value (64 KiB): two look-ups per pair of bytes. */
const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

function pop32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Bits set in four 32-bit words, sharing the last SWAR steps (per-byte sums stay ≤ 32). */
function pop4(a: number, b: number, c: number, d: number): number {
  a -= (a >>> 1) & 0x55555555;
  b -= (b >>> 1) & 0x55555555;
  c -= (c >>> 1) & 0x55555555;
  d -= (d >>> 1) & 0x55555555;
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  b = (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  d = (d & 0x33333333) + ((d >>> 2) & 0x33333333);
  let x = a + b;
  let y = c + d;
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
  y = (y & 0x0f0f0f0f) + ((y >>> 4) & 0x0f0f0f0f);
  return Math.imul(x + y, 0x01010101) >>> 24;
}

function checkClk(clk: Clk): void {
  if (clk.length !== CLK_BYTES) throw new Error(`A CLK is ${CLK_BYTES} bytes, got ${clk.length}`);
}

/** Number of bits set. */
export function popcount(clk: Clk): number {
  checkClk(clk);
  let n = 0;
  for (let i = 0; i < CLK_BYTES; i += 2) n += POP16[clk[i]! | (clk[i + 1]! << 8)]!;
  return n;
}

/**
 * Dice coefficient 2|A∧B| / (|A|+|B|), in [0, 1]; 0 when both filters are empty (nothing to compare).
 * Symmetric. For one query against many filters use ClkIndex, which keeps the filters as 32-bit words with
 * their popcounts.
 */
export function dice(a: Clk, b: Clk): number {
  checkClk(a);
  checkClk(b);
  let both = 0;
  let total = 0;
  for (let i = 0; i < CLK_BYTES; i += 2) {
    const x = a[i]! | (a[i + 1]! << 8);
    const y = b[i]! | (b[i + 1]! << 8);
    both += POP16[x & y]!;
    total += POP16[x]! + POP16[y]!;
  }
  return total === 0 ? 0 : (2 * both) / total;
}

export function toBase64(clk: Clk): string {
  checkClk(clk);
  return Buffer.from(clk.buffer, clk.byteOffset, clk.byteLength).toString('base64');
}

export function fromBase64(text: string): Clk {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== CLK_BYTES || bytes.toString('base64') !== text) throw new Error('Not a base64 CLK of 128 bytes');
  const clk = new Uint8Array(CLK_BYTES);
  clk.set(bytes);
  return clk;
}

export type ClkMatch = { index: number; dice: number };

/**
 * Many CLKs packed as 32-bit words with their popcounts, for one-against-all comparison. A filter whose
 * popcount makes the threshold unreachable (2·min(|A|,|B|)/(|A|+|B|) < t) is skipped without comparing words.
 */
export class ClkIndex {
  private words: Uint32Array;
  private counts: Uint16Array;
  private length = 0;

  constructor(filters: Iterable<Clk> = [], capacity = 1024) {
    this.words = new Uint32Array(Math.max(1, capacity) * CLK_WORDS);
    this.counts = new Uint16Array(Math.max(1, capacity));
    for (const f of filters) this.add(f);
  }

  get size(): number {
    return this.length;
  }

  /** Adds a filter; returns its index (0, 1, 2, … in order of addition). */
  add(clk: Clk): number {
    checkClk(clk);
    if (this.length === this.counts.length) this.grow();
    const index = this.length++;
    const base = index * CLK_WORDS;
    let count = 0;
    for (let w = 0; w < CLK_WORDS; w++) {
      const word = (clk[w * 4]! | (clk[w * 4 + 1]! << 8) | (clk[w * 4 + 2]! << 16) | (clk[w * 4 + 3]! << 24)) >>> 0;
      this.words[base + w] = word;
      count += pop32(word);
    }
    this.counts[index] = count;
    return index;
  }

  /** Every filter with Dice ≥ threshold against `query`, best first (ties by index). */
  search(query: Clk, threshold = DEFAULT_DICE_THRESHOLD): ClkMatch[] {
    const q = toWords(query);
    let qCount = 0;
    for (let w = 0; w < CLK_WORDS; w++) qCount += pop32(q[w]!);
    const out: ClkMatch[] = [];
    const words = this.words;
    const counts = this.counts;
    for (let i = 0; i < this.length; i++) {
      const count = counts[i]!;
      const total = qCount + count;
      if (total === 0) continue;
      if (2 * Math.min(qCount, count) < threshold * total) continue;
      let b = i * CLK_WORDS;
      let both = 0;
      for (let w = 0; w < CLK_WORDS; w += 4, b += 4) {
        both += pop4(words[b]! & q[w]!, words[b + 1]! & q[w + 1]!, words[b + 2]! & q[w + 2]!, words[b + 3]! & q[w + 3]!);
      }
      const d = (2 * both) / total;
      if (d >= threshold) out.push({ index: i, dice: d });
    }
    return out.sort((a, b) => b.dice - a.dice || a.index - b.index);
  }

  /** Dice of the filter at `index` against `query`. */
  diceAt(index: number, query: Clk): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new RangeError('ClkIndex: no such index');
    const q = toWords(query);
    const base = index * CLK_WORDS;
    let both = 0;
    let qCount = 0;
    for (let w = 0; w < CLK_WORDS; w++) {
      qCount += pop32(q[w]!);
      both += pop32(this.words[base + w]! & q[w]!);
    }
    const total = qCount + this.counts[index]!;
    return total === 0 ? 0 : (2 * both) / total;
  }

  private grow(): void {
    const capacity = this.counts.length * 2;
    const words = new Uint32Array(capacity * CLK_WORDS);
    words.set(this.words);
    const counts = new Uint16Array(capacity);
    counts.set(this.counts);
    this.words = words;
    this.counts = counts;
  }
}

function toWords(clk: Clk): Uint32Array {
  checkClk(clk);
  const out = new Uint32Array(CLK_WORDS);
  for (let w = 0; w < CLK_WORDS; w++) {
    out[w] = (clk[w * 4]! | (clk[w * 4 + 1]! << 8) | (clk[w * 4 + 2]! << 16) | (clk[w * 4 + 3]! << 24)) >>> 0;
  }
  return out;
}
