import { z } from 'zod';

/** The three apostrophes used in Ukrainian names (ʼ U+02BC, ' U+0027, ’ U+2019) are one letter: ʼ. */
const APOSTROPHES = /['\u2019\u02BC\u02B9\u0060\u00B4]/g;
export const CANONICAL_APOSTROPHE = '\u02BC';
// C0/C1 control characters other than tab and new lines, plus bidi overrides that disguise text.
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** NFC, one apostrophe, trimmed. Apply to every human-entered name. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(APOSTROPHES, CANONICAL_APOSTROPHE).trim();
}

/** A single-line human text field: normalised, bounded, no control characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .max(max * 4)
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((v) => !FORBIDDEN_CONTROLS.test(v) && !/[\r\n]/.test(v), 'must not contain control characters'),
    );
}

/** A multi-line text field: as `text` but new lines allowed. */
export function multilineText(max: number, min = 0) {
  return z
    .string()
    .max(max * 4)
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max).refine((v) => !FORBIDDEN_CONTROLS.test(v), 'must not contain control characters'));
}

/** How deeply a JSON value nests, counted without recursion (a hostile body can nest thousands deep). */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, depth + 1);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

/** True when any string (or key) inside the value holds a NUL character, which PostgreSQL text cannot store. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

/** Recursively NFC-normalises every string in a parsed JSON value or query object. */
export function normalizeStringsNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalizeStringsNfc);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeStringsNfc(v);
    return out;
  }
  return value;
}

export const uuid = () => z.uuid();
