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

function headersFor(hasBody: boolean): Record<string, string> {
  return {
    Accept: 'application/json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN',
    // A custom header no cross-site form can send: the server's CSRF check relies on it.
    'X-Requested-With': 'gongyi',
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
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
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, { query, body, signal }: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers: headersFor(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network', tNow('errors.network'));
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
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
  post: <T>(path: string, body: unknown) => json<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),

  /** Fetches a file (with the same headers and errors as any request) and hands it to the browser. */
  async download(path: string, query?: Query): Promise<string> {
    const res = await send('GET', path, { query });
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
  },
};

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
