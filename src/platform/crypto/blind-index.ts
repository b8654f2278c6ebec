/**
 * Keyed blind indexes for exact look-up of encrypted identifiers (phone numbers, document numbers), and the
 * HKDF key derivation that keeps every purpose's key separate. Pure: no I/O.
 *
 * A blind index is HMAC-SHA256(key, kind ‖ normalised value): equal values give equal indexes, so the database
 * can answer "which person has this passport number?" without holding the number. Normalisation is what makes
 * "КВ 123456" and "kb-123456" equal; it is therefore part of the index's definition — changing a rule means
 * recomputing the indexes.
 */
import { createHmac, hkdfSync } from 'node:crypto';

const HKDF_SALT = Buffer.from('opennrm/hkdf/v1', 'utf8');

/** Purposes of derived keys. A new purpose (or a new version of one) gives an unrelated key. */
export const KEY_PURPOSE = {
  /** The key that wraps per-record data keys (derived from each master key of the ring). */
  dataKeyWrap: 'data-key-wrap/v1',
  /** The blind-index key (derived from the deployment's linkage secret). */
  blindIndex: 'blind-index/v1',
  /** The CLK secret (derived from the deployment's linkage secret). */
  clk: 'clk/v1',
} as const;

/**
 * HKDF-SHA256 (RFC 5869) of a 32-byte root key for one purpose: keys for different purposes are independent,
 * so the blind-index key reveals nothing about the encryption key and the other way round.
 */
export function deriveKey(rootKey: Buffer, purpose: string, length = 32): Buffer {
  if (rootKey.length < 32) throw new Error('deriveKey needs a root key of at least 32 bytes');
  if (purpose.length === 0) throw new Error('deriveKey needs a purpose');
  if (!Number.isInteger(length) || length < 16 || length > 64) throw new Error('deriveKey: length must be 16–64 bytes');
  return Buffer.from(hkdfSync('sha256', rootKey, HKDF_SALT, Buffer.from(`opennrm:${purpose}`, 'utf8'), length));
}

// ---------------------------------------------------------------------------------------------------------
// Phone numbers

/** Calling codes and national number lengths of the countries whose domestic formats are understood. */
const COUNTRIES = {
  // Ukraine: +380 and a 9-digit national significant number; domestic dialling adds the trunk prefix 0.
  UA: { callingCode: '380', nationalLength: 9 },
} as const;
export type PhoneCountry = keyof typeof COUNTRIES;

/** Separators people type inside phone numbers: spaces (incl. no-break), dashes, dots, brackets, slashes. */
const PHONE_SEPARATORS = /[\s\u00A0\u2007\u202F\-\u2010-\u2015\u2212.()/]/g;

/**
 * A phone number as E.164 ("+380671234567"), or null when it cannot be one. Ukrainian domestic formats are
 * understood — 0671234567, (067) 123-45-67, 380671234567, +38 067 123 45 67, +380 (067) …, 8 067 …, and the
 * 9-digit number without the trunk 0. A number starting with + or 00 is taken as international and kept as
 * E.164 (8–15 digits, no leading 0 in the country code). Letters (extensions, words) make it null.
 */
export function normalizePhone(raw: string, defaultCountry: PhoneCountry = 'UA'): string | null {
  const country = COUNTRIES[defaultCountry];
  if (!country) throw new Error(`normalizePhone: unsupported default country ${String(defaultCountry)}`);
  const compact = raw.normalize('NFKC').trim().replace(PHONE_SEPARATORS, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return null;

  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else digits = domesticToInternational(compact, country);
  if (digits === '') return null;

  if (digits.startsWith(country.callingCode)) {
    let national = digits.slice(country.callingCode.length);
    // "+380 (0)67 …" / "+380 067 …": the trunk 0 written after the calling code.
    if (national.length === country.nationalLength + 1 && national.startsWith('0')) national = national.slice(1);
    if (national.length !== country.nationalLength || national.startsWith('0')) return null;
    return `+${country.callingCode}${national}`;
  }
  if (/^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
  return null;
}

/** Digits of a number written without + or 00, as an international number for `country` ('' when impossible). */
function domesticToInternational(digits: string, country: (typeof COUNTRIES)[PhoneCountry]): string {
  const n = country.nationalLength;
  const code = country.callingCode;
  // 0XX XXX XX XX — the usual domestic form.
  if (digits.length === n + 1 && digits.startsWith('0')) return code + digits.slice(1);
  // 380XXXXXXXXX — the international form without the + (also "38 0XX …": the code is often quoted as 38).
  if (digits.length === code.length + n && digits.startsWith(code)) return digits;
  // 8 0XX XXX XX XX — the old long-distance prefix.
  if (digits.length === n + 2 && digits.startsWith('80')) return code + digits.slice(2);
  // XX XXX XX XX — the national number without its trunk 0.
  if (digits.length === n && !digits.startsWith('0')) return code + digits;
  return '';
}

// ---------------------------------------------------------------------------------------------------------
// Document numbers

export type DocumentType =
  /** Internal passport booklet (паспорт громадянина України, old form): series of 2 letters + 6 digits. */
  | 'ua_passport_booklet'
  /** ID card (паспорт у формі ID-картки): 9 digits. */
  | 'ua_id_card'
  /** Passport for travel abroad (закордонний паспорт): 2 Latin letters + 6 digits. */
  | 'ua_foreign_passport'
  /** Birth certificate: Roman-numeral series, 2 letters, 6 digits (I-КВ 123456). */
  | 'ua_birth_certificate'
  /** Any other document (other states' passports, residence permits, …): 1–40 letters and digits. */
  | 'other';

/** Formats of the normalised number (after look-alike mapping, upper case, no separators). */
const DOCUMENT_FORMATS: Readonly<Record<DocumentType, RegExp>> = {
  ua_passport_booklet: /^\p{Lu}{2}\d{6}$/u,
  ua_id_card: /^\d{9}$/,
  ua_foreign_passport: /^[A-Z]{2}\d{6}$/,
  ua_birth_certificate: /^[IVXL]{1,4}\p{Lu}{2}\d{6}$/u,
  other: /^[\p{Lu}\p{Lo}\p{N}]{1,40}$/u,
};

/**
 * Cyrillic capitals that look like Latin ones, mapped to the Latin letter. Ukrainian series are written in
 * Cyrillic but are often typed on a Latin keyboard ("KB" for "КВ"); mapping both to one form makes them equal.
 * Ї, Й and Ў are not mapped: NFKC keeps them as letters of their own.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', І: 'I', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  Ѕ: 'S', Ј: 'J',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;

/**
 * A document number in one canonical form, or null when it does not fit the type's format: NFKC, upper case,
 * separators and "№" dropped, Cyrillic look-alike letters mapped to Latin (А В Е І К М Н О Р С Т Х У), so
 * "КВ 123456", "kb-123456" and "К В 123456" all give "KB123456".
 */
export function normalizeDocumentNumber(type: DocumentType, raw: string): string | null {
  const format = DOCUMENT_FORMATS[type];
  if (!format) throw new Error(`normalizeDocumentNumber: unknown document type ${String(type)}`);
  const value = raw
    .replace(/№|N[°º]|No\./gu, ' ') // before NFKC, which turns № into "No"
    .normalize('NFKC')
    .toUpperCase()
    .replace(NOT_ALNUM, '')
    .replace(LOOK_ALIKE_PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch);
  return format.test(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------------------
// Blind index

/** 'phone', 'document', or another lower-case name (letters, digits, _ : . -) for a new kind of identifier. */
export type BlindIndexKind = 'phone' | 'document' | (string & Record<never, never>);

/** Bytes of HMAC kept by default: 128 bits (22 base64url characters). See docs/decisions/0007. */
export const BLIND_INDEX_BYTES = 16;

/**
 * HMAC-SHA256 of `kind` and the already normalised value, truncated to `bytes` (default 16), base64url. The
 * kind ('phone', 'document', …) is part of the MAC input, so equal strings of different kinds never share an
 * index. Callers normalise first (normalizePhone, normalizeDocumentNumber): this function does not.
 */
export function blindIndex(key: Buffer, kind: BlindIndexKind, normalizedValue: string, bytes = BLIND_INDEX_BYTES): string {
  if (key.length < 32) throw new Error('blindIndex needs a key of at least 32 bytes');
  if (!/^[a-z][a-z0-9_:.-]{0,63}$/.test(kind)) throw new Error(`blindIndex: invalid kind ${JSON.stringify(kind)}`);
  if (!Number.isInteger(bytes) || bytes < 8 || bytes > 32) throw new Error('blindIndex: bytes must be 8–32');
  if (normalizedValue.length === 0) throw new Error('blindIndex: empty value');
  // kind cannot contain NUL, so "kind NUL value" is unambiguous.
  const mac = createHmac('sha256', key).update(`opennrm-bi-v1\u0000${kind}\u0000`, 'utf8').update(normalizedValue, 'utf8').digest();
  return mac.subarray(0, bytes).toString('base64url');
}
