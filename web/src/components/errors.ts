import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

const KNOWN_CODES = new Set([
  'validation', 'bad_json', 'unauthenticated', 'invalid_credentials', 'mfa_invalid', 'csrf', 'forbidden', 'not_found',
  'conflict', 'stale_version', 'password_policy', 'account_locked', 'unsupported_media_type', 'payload_too_large',
  'too_many_requests', 'not_ready', 'internal', 'network',
]);

/** A sentence for the user, in their language, for any error a request can end with. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (KNOWN_CODES.has(error.code)) return t(`errors.${error.code}`);
    if (error.status >= 500) return t('errors.internal');
  }
  return t('errors.unexpected');
}

const KNOWN_FIELD_MESSAGES = new Set([
  'too_short', 'too_long', 'common', 'contains_username', 'wrong_password', 'unknown', 'after_to', 'invalid', 'taken', 'exists',
]);

/** A server field error message (a code such as "too_short", or a schema message) in the user's language. */
export function fieldMessage(t: TFunction, message: string): string {
  if (KNOWN_FIELD_MESSAGES.has(message)) return t(`fieldErrors.${message}`, { min: 12, max: 256 });
  if (message.startsWith('unknown')) return t('fieldErrors.unknown');
  return t('fieldErrors.invalid');
}

/** Server field errors translated and keyed by form field. */
export function translatedFieldErrors(t: TFunction, error: unknown, rename: Record<string, string> = {}): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const raw = e.field.replace(/^(body|query|params)\./, '');
    const base = raw.split('.')[0] ?? raw;
    const key = rename[raw] ?? rename[base] ?? raw;
    const text = fieldMessage(t, e.message);
    out[key] = out[key] && !out[key].includes(text) ? `${out[key]} ${text}` : text;
  }
  return out;
}
