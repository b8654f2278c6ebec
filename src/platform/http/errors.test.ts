import { describe, expect, it } from 'vitest';
import { AppError, errorCatalogue, type ErrorCode, toProblem } from './errors.js';

describe('error catalogue', () => {
  const codes = Object.keys(errorCatalogue) as ErrorCode[];

  it('gives every error an HTTP error status and a title', () => {
    for (const code of codes) {
      const { status, title } = errorCatalogue[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(title.length, code).toBeGreaterThan(3);
    }
  });

  it('has stable snake_case codes that map to distinct problem types', () => {
    const types = codes.map((c) => toProblem(new AppError(c)).type);
    expect(new Set(types).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});

describe('toProblem (RFC 9457)', () => {
  it('carries type, title, status, code, detail, instance and field errors', () => {
    const err = new AppError('validation', 'Check the form', { errors: [{ field: 'body.username', message: 'required' }] });
    expect(err.status).toBe(400);
    expect(toProblem(err, 'req-123')).toEqual({
      type: 'https://opennrm.org/problems/validation',
      title: 'The request is not valid',
      status: 400,
      code: 'validation',
      detail: 'Check the form',
      instance: 'urn:request:req-123',
      errors: [{ field: 'body.username', message: 'required' }],
    });
  });

  it('omits what it was not given and uses the catalogue title, not the caller\u2019s message', () => {
    const p = toProblem(new AppError('account_locked'));
    expect(p).toEqual({ type: 'https://opennrm.org/problems/account-locked', title: 'The account is locked', status: 423, code: 'account_locked' });
    expect(toProblem(new AppError('internal', undefined)).title).toBe('Internal error');
  });

  it('is an Error with the detail as message, so it can be thrown', () => {
    const e = new AppError('not_found', 'No such user');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('No such user');
    expect(new AppError('forbidden').message).toBe(errorCatalogue.forbidden.title);
  });
});
