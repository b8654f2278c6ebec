/**
 * The error catalogue: every error the API returns has a stable code, an HTTP status and a title.
 * Responses are RFC 9457 problem+json; internal messages never reach the client.
 */
export const errorCatalogue = {
  validation: { status: 400, title: 'The request is not valid' },
  bad_json: { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  invalid_credentials: { status: 401, title: 'Wrong username, password or code' },
  mfa_invalid: { status: 401, title: 'The code is not valid' },
  csrf: { status: 403, title: 'Missing or invalid CSRF token' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  stale_version: { status: 409, title: 'The record was changed by someone else; reload and try again' },
  password_policy: { status: 422, title: 'The password does not meet the policy' },
  account_locked: { status: 423, title: 'The account is locked' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  too_many_requests: { status: 429, title: 'Too many attempts; try again later' },
  not_ready: { status: 503, title: 'Not ready' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? errorCatalogue[code].title);
    this.status = errorCatalogue[code].status;
  }
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [key: string]: unknown;
};

export function toProblem(err: AppError, requestId?: string): Problem {
  return {
    type: `https://opennrm.org/problems/${err.code.replace(/_/g, '-')}`,
    title: errorCatalogue[err.code].title,
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
    ...err.extra,
  };
}
