import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.infer<T> | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation', 'The cursor is not valid', { errors: [{ field: 'query.cursor', message: 'invalid' }] });
  }
}

export const limitParam = (max = 100, fallback = 50) => z.coerce.number().int().min(1).max(max).default(fallback);
export const booleanParam = () => z.enum(['true', 'false']).transform((v) => v === 'true');
