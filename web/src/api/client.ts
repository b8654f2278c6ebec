/**
 * The one way the web app talks to the API: JSON, same-origin cookies, the session's CSRF token on
 * state-changing requests, RFC 9457 problem+json errors turned into ApiError, and a hook for "the
 * session ended" (401 on an authenticated call) so the app can send the user to the sign-in page.
 */

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  readonly errors: FieldError[];

  constructor(init: { status: number; code: string; title: string; detail?: string; type?: string; errors?: FieldError[] }) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type ?? 'about:blank';
    this.errors = init.errors ?? [];
  }

  /** Field errors keyed by the field name without the "body." / "query." prefix the server adds. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const name = e.field.replace(/^(body|query|params)\./, '').replace(/\.\d+$/, '');
      out[name] ??= e.message;
    }
    return out;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (the session expired or was ended elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** false for sign-in steps: their 401 means "wrong credentials", not "session ended". */
  redirectOn401?: boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) =>
    isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string' ? [{ field: e.field, message: e.message }] : [],
  );
}

async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isRecord(body)) {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : response.status,
      code: typeof body.code === 'string' ? body.code : `http_${response.status}`,
      title: typeof body.title === 'string' ? body.title : response.statusText,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      type: typeof body.type === 'string' ? body.type : undefined,
      errors: toFieldErrors(body.errors),
    });
  }
  return new ApiError({ status: response.status, code: `http_${response.status}`, title: response.statusText || 'Error' });
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network', title: 'Network error' });
  }

  if (!response.ok) {
    const error = await problemFrom(response);
    if (response.status === 401 && options.redirectOn401 !== false && unauthorizedHandler) unauthorizedHandler();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The URL of an API resource, for links the browser follows itself (downloads). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return `/api/v1${path}${queryString(query)}`;
}
