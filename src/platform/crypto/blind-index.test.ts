import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, BLIND_INDEX_BYTES, deriveKey, KEY_PURPOSE, normalizeDocumentNumber, normalizePhone } from './blind-index.js';

const root = randomBytes(32);
const key = deriveKey(root, KEY_PURPOSE.blindIndex);

describe('deriveKey (HKDF-SHA256)', () => {
  it('gives independent keys per purpose and per root, stable for the same inputs', () => {
    const purposes = Object.values(KEY_PURPOSE);
    const keys = purposes.map((p) => deriveKey(root, p).toString('hex'));
    expect(new Set(keys).size).toBe(purposes.length);
    expect(keys).not.toContain(root.toString('hex'));
    expect(deriveKey(root, 'clk/v1').equals(deriveKey(Buffer.from(root), 'clk/v1'))).toBe(true);
    expect(deriveKey(root, 'clk/v1').equals(deriveKey(randomBytes(32), 'clk/v1'))).toBe(false);
    expect(deriveKey(root, 'clk/v1', 64)).toHaveLength(64);
  });

  it('matches RFC 5869 HKDF-SHA256 computed by hand', async () => {
    const { createHmac } = await import('node:crypto');
    const prk = createHmac('sha256', 'opennrm/hkdf/v1').update(root).digest();
    const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('opennrm:blind-index/v1'), Buffer.from([1])])).digest();
    expect(key.equals(okm)).toBe(true);
  });

  it('refuses weak roots, empty purposes and odd lengths', () => {
    expect(() => deriveKey(randomBytes(16), 'x')).toThrow(/at least 32 bytes/);
    expect(() => deriveKey(root, '')).toThrow(/purpose/);
    expect(() => deriveKey(root, 'x', 8)).toThrow(/16–64/);
  });
});

describe('normalizePhone', () => {
  it.each([
    '0671234567',
    '067 123 45 67',
    '067-123-45-67',
    '(067) 123-45-67',
    '(067)1234567',
    '+380 67 123 45 67',
    '+380671234567',
    '380671234567',
    '+38 (067) 123-45-67',
    '+38 067 123 45 67',
    '38 067 123 45 67',
    '+380 (067) 123 45 67',
    '+380 (0) 67 123 45 67',
    '00380671234567',
    '8 067 123 45 67',
    '67 123 45 67',
    '\u00A0+380\u00A067\u2011123\u201145\u201167 ',
    '０６７１２３４５６７', // full-width digits (NFKC)
    '067.123.45.67',
  ])('%s → +380671234567', (raw) => {
    expect(normalizePhone(raw)).toBe('+380671234567');
  });

  it.each([
    ['+48 512 345 678', '+48512345678'],
    ['0048 512 345 678', '+48512345678'],
    ['+49 (30) 1234-5678', '+493012345678'],
    ['+1 (202) 555-0143', '+12025550143'],
    ['+373 69 123 456', '+37369123456'],
    ['+380 44 123 45 67', '+380441234567'],
    ['044 123 45 67', '+380441234567'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    '',
    '   ',
    '+',
    '12345',
    '067 123 45 6',
    '067 123 45 678',
    '+380 67 123 45 6',
    '+380 0 67 123 45 6',
    '+380 067 123 45 678',
    '+380 000 000 000',
    '0000000000',
    '+0123456789',
    '+1234567890123456',
    '067 123 45 67 ext. 2',
    'tel:0671234567',
    '067-123-45-67, 050-123-45-67',
    '+380+671234567',
    '++380671234567',
  ])('%j → null', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('formatting variants of any Ukrainian number give the same E.164 and the same index', () => {
    const operator = fc.constantFrom('50', '63', '66', '67', '68', '73', '91', '93', '95', '96', '97', '98', '99', '44', '32');
    const subscriber = fc.stringMatching(/^\d{7}$/);
    const separator = fc.constantFrom('', ' ', '-', '.', '\u00A0');
    fc.assert(
      fc.property(operator, subscriber, separator, fc.nat(5), (op, sub, sep, style) => {
        const parts = [sub.slice(0, 3), sub.slice(3, 5), sub.slice(5)].join(sep);
        const forms = [
          `0${op}${sep}${parts}`,
          `(0${op})${sep}${parts}`,
          `+380${sep}${op}${sep}${parts}`,
          `+38${sep}(0${op})${sep}${parts}`,
          `380${op}${parts.replaceAll(sep, '')}`,
          `00380${sep}${op}${sep}${parts}`,
        ];
        const expected = `+380${op}${sub}`;
        expect(normalizePhone(forms[style]!)).toBe(expected);
        expect(blindIndex(key, 'phone', normalizePhone(forms[style]!)!)).toBe(blindIndex(key, 'phone', expected));
      }),
      { numRuns: 500 },
    );
  });

  it('different numbers give different indexes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), fc.stringMatching(/^[1-9]\d{8}$/), (a, b) => {
        fc.pre(a !== b);
        expect(blindIndex(key, 'phone', normalizePhone(`0${a}`)!)).not.toBe(blindIndex(key, 'phone', normalizePhone(`0${b}`)!));
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeDocumentNumber', () => {
  it('maps Cyrillic look-alike series letters to Latin, so typed and written series agree', () => {
    const forms = ['КВ 123456', 'KB123456', 'кв-123456', 'kb 123 456', 'К В 123456', 'КB123456', '№ КВ 123456', 'KB № 123456'];
    for (const f of forms) expect(normalizeDocumentNumber('ua_passport_booklet', f)).toBe('KB123456');
    const idx = new Set(forms.map((f) => blindIndex(key, 'document', normalizeDocumentNumber('ua_passport_booklet', f)!)));
    expect(idx.size).toBe(1);
    // All twelve look-alike pairs (and У/Y).
    expect(normalizeDocumentNumber('other', 'АВЕІКМНОРСТХУ')).toBe(normalizeDocumentNumber('other', 'ABEIKMHOPCTXY'));
    expect(normalizeDocumentNumber('other', 'авеікмнорстху')).toBe('ABEIKMHOPCTXY');
  });

  it('keeps Cyrillic letters without a Latin look-alike, and different series apart', () => {
    expect(normalizeDocumentNumber('ua_passport_booklet', 'ЖК 123456')).toBe('ЖK123456');
    expect(normalizeDocumentNumber('ua_passport_booklet', 'АК 123456')).not.toBe(normalizeDocumentNumber('ua_passport_booklet', 'АВ 123456'));
  });

  it.each([
    ['ua_id_card', '001 234 567', '001234567'],
    ['ua_id_card', '№ 001234567', '001234567'],
    ['ua_id_card', 'No. 001234567', '001234567'],
    ['ua_foreign_passport', 'fa 123456', 'FA123456'],
    ['ua_foreign_passport', 'FX-123456', 'FX123456'],
    ['ua_birth_certificate', 'I-КВ 123456', 'IKB123456'],
    ['ua_birth_certificate', 'І-КВ № 123456', 'IKB123456'], // Cyrillic І as the Roman numeral
    ['ua_birth_certificate', 'II-ЖК 654321', 'IIЖK654321'],
    ['other', 'P 1234 5678 9', 'P123456789'],
    ['other', 'ab/12.34', 'AB1234'],
  ] as const)('%s %j → %s', (type, raw, normalised) => {
    expect(normalizeDocumentNumber(type, raw)).toBe(normalised);
  });

  it.each([
    ['ua_passport_booklet', '123456'],
    ['ua_passport_booklet', 'КВ 12345'],
    ['ua_id_card', '12345678'],
    ['ua_id_card', 'KB123456'],
    ['ua_foreign_passport', 'ФА 123456'],
    ['ua_birth_certificate', 'КВ 123456'],
    ['other', ' - '],
    ['other', 'X'.repeat(41)],
  ] as const)('%s %j → null', (type, raw) => {
    expect(normalizeDocumentNumber(type, raw)).toBeNull();
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const once = normalizeDocumentNumber('other', raw);
        if (once !== null) expect(normalizeDocumentNumber('other', once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('blindIndex', () => {
  it('is deterministic, 128-bit base64url by default, and keyed', () => {
    const a = blindIndex(key, 'phone', '+380671234567');
    expect(a).toBe(blindIndex(key, 'phone', '+380671234567'));
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(BLIND_INDEX_BYTES);
    expect(blindIndex(deriveKey(randomBytes(32), KEY_PURPOSE.blindIndex), 'phone', '+380671234567')).not.toBe(a);
    expect(blindIndex(key, 'phone', '+380671234567', 32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(blindIndex(key, 'phone', '+380671234567', 32).startsWith(a.slice(0, 21))).toBe(true); // a prefix of the full MAC
  });

  it('separates kinds: equal strings of different kinds never share an index', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (value) => {
        expect(blindIndex(key, 'phone', value)).not.toBe(blindIndex(key, 'document', value));
        expect(blindIndex(key, 'document', value)).not.toBe(blindIndex(key, 'document:ua_id_card', value));
      }),
      { numRuns: 200 },
    );
    // No ambiguity at the boundary between kind and value.
    expect(blindIndex(key, 'ab', 'c')).not.toBe(blindIndex(key, 'a', 'bc'));
  });

  it('refuses short keys, bad kinds, empty values and odd lengths', () => {
    expect(() => blindIndex(randomBytes(16), 'phone', '+380671234567')).toThrow(/at least 32 bytes/);
    expect(() => blindIndex(key, 'Phone', 'x')).toThrow(/invalid kind/);
    expect(() => blindIndex(key, 'a\u0000b', 'x')).toThrow(/invalid kind/);
    expect(() => blindIndex(key, '', 'x')).toThrow(/invalid kind/);
    expect(() => blindIndex(key, 'phone', '')).toThrow(/empty value/);
    expect(() => blindIndex(key, 'phone', 'x', 4)).toThrow(/8–32/);
  });
});
