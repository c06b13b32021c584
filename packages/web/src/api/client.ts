import { ErrorResponseSchema } from '@gongyi/domain';
import { getLang, tNow } from '../i18n';

// One fetch wrapper for the whole console: headers every request needs, JSON in and out, and every
// failure turned into an ApiError whose message can be shown to the user as it is.

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Dotted path of the request field at fault, e.g. "assignment.managingUnits". */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Query string without empty values; keys keep their order. */
export function toQueryString(query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// ---------- the signed-in session, as far as the client needs it ----------
// The session provider plugs in here, so the client stays free of React: it hands over the CSRF
// token, hears of every successful call (the idle timer), of every 401 (back to the login page)
// and is asked for a fresh token when the server refuses a stale one.

export interface SessionLink {
  /** The session's CSRF token, sent on every POST/PUT/PATCH/DELETE. */
  csrfToken: () => string | undefined;
  /** A request succeeded: the server has slid the idle deadline. */
  onSuccess: () => void;
  /** The server no longer knows the session (not signed in, expired, logged out elsewhere). */
  onUnauthorized: (error: ApiError) => void;
  /** The server refused the CSRF token: fetch the session again; resolves to the new token. */
  renewCsrf: () => Promise<string | undefined>;
}

const NO_SESSION: SessionLink = {
  csrfToken: () => undefined,
  onSuccess: () => undefined,
  onUnauthorized: () => undefined,
  renewCsrf: () => Promise.resolve(undefined),
};
let link: SessionLink = NO_SESSION;

/** Connects the session provider; returns the function that disconnects it. */
export function connectSession(next: Partial<SessionLink>): () => void {
  const connected = { ...NO_SESSION, ...next };
  link = connected;
  return () => {
    if (link === connected) link = NO_SESSION;
  };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A 401 from these is an answer, not a lost session: wrong password, code required. */
const SIGN_IN_PATHS = new Set(['/auth/login']);

function headersFor(method: string, jsonBody: boolean): Record<string, string> {
  const csrf = MUTATING.has(method) ? link.csrfToken() : undefined;
  return {
    Accept: 'application/json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN',
    // A custom header no cross-site form can send, kept alongside the session's CSRF token.
    'X-Requested-With': 'gongyi',
    ...(jsonBody ? { 'Content-Type': 'application/json' } : {}),
    ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
  };
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Turns a failed response into an ApiError: the server's own message, or a generic one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  const parsed = ErrorResponseSchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(res.status, code, message, field);
  }
  // A proxy answering for a server that is down is, to the user, a network failure.
  if (GATEWAY_STATUSES.has(res.status)) return new ApiError(res.status, 'network', tNow('errors.network'));
  return new ApiError(res.status, `http_${res.status}`, tNow('errors.server', { status: res.status }));
}

interface RequestOptions {
  query?: Query;
  /** JSON, or a FormData (file uploads) that the browser sends as multipart with its own boundary. */
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions, retried = false): Promise<Response> {
  const { query, body, signal } = options;
  let res: Response;
  try {
    const form = body instanceof FormData;
    res = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers: headersFor(method, body !== undefined && !form),
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network', tNow('errors.network'));
  }
  if (res.ok) {
    link.onSuccess();
    return res;
  }
  const error = await errorFromResponse(res);
  // A token gone stale (signed in again in another tab): the server refused the request before
  // doing anything, so it is safe to fetch the current token and send the request once more.
  if (error.code === 'csrf_failed' && MUTATING.has(method) && !retried && (await link.renewCsrf())) {
    return send(method, path, options, true);
  }
  if (error.status === 401 && !SIGN_IN_PATHS.has(path)) link.onUnauthorized(error);
  throw error;
}

async function json<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const res = await send(method, path, options);
  try {
    return (await res.json()) as T;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(res.status, 'bad_response', tNow('errors.unexpected'));
  }
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  /** Without a body (logout, reset password) no Content-Type goes out: Fastify refuses an empty JSON body. */
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  delete: <T>(path: string) => json<T>('DELETE', path, {}),
  /** A multipart upload (files); the answer is JSON. */
  upload: <T>(path: string, form: FormData, signal?: AbortSignal) => json<T>('POST', path, { body: form, signal }),

  /** Fetches a file (with the same headers and errors as any request) and hands it to the browser. */
  download(path: string, query?: Query): Promise<string> {
    return save(send('GET', path, { query }), path);
  },

  /** Posts a form (an uploaded file) and hands the file the server answers with to the browser. */
  downloadPost(path: string, form: FormData): Promise<string> {
    return save(send('POST', path, { body: form }), path);
  },
};

/** Hands a file response to the browser as a download; resolves to the file name. */
async function save(response: Promise<Response>, path: string): Promise<string> {
  const res = await response;
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('Content-Disposition')) ?? path.split('/').pop() ?? 'export';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The file name of a Content-Disposition header, preferring the UTF-8 form (Chinese names). */
export function fileNameFrom(header: string | null): string | undefined {
  if (!header) return undefined;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim();
}
