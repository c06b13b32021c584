import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { ApiError, connectSession, fileNameFrom, http, toQueryString } from './client';

function respond(status: number, body: string, contentType = 'application/json') {
  return vi.fn<typeof fetch>().mockResolvedValue(new Response(body, { status, headers: { 'Content-Type': contentType } }));
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

let disconnect: (() => void) | undefined;

afterEach(() => {
  vi.unstubAllGlobals();
  setLang('zh');
  disconnect?.();
  disconnect = undefined;
});

const headersOf = (mock: ReturnType<typeof vi.fn<typeof fetch>>, call = 0) =>
  (mock.mock.calls[call]?.[1]?.headers ?? {}) as Record<string, string>;

function errorBody(code: string, message: string) {
  return JSON.stringify({ error: { code, message } });
}

describe('api client', () => {
  it('sends the headers every request needs, and JSON on mutations', async () => {
    const fetchMock = respond(200, '{"id":"d1"}');
    vi.stubGlobal('fetch', fetchMock);
    await expect(http.post('/towns/t1/departments', { name: '社保所' })).resolves.toEqual({ id: 'd1' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/towns/t1/departments');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"name":"社保所"}');
    expect(init?.headers).toMatchObject({
      'X-Requested-With': 'gongyi',
      'Accept-Language': 'zh-CN',
      'Content-Type': 'application/json',
    });
  });

  it('sends an upload as multipart: the FormData itself, the CSRF token, and no JSON Content-Type', async () => {
    const fetchMock = respond(200, '{"counts":{"total":1}}');
    vi.stubGlobal('fetch', fetchMock);
    disconnect = connectSession({ csrfToken: () => 'tok' });
    const form = new FormData();
    form.append('file', new Blob(['a,b']), '花名册.csv');
    await expect(http.upload('/towns/t1/workers/import/preview', form)).resolves.toEqual({ counts: { total: 1 } });
    const [, init] = fetchMock.mock.calls[0] ?? [];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(form);
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('tok');
    expect(headersOf(fetchMock)['Content-Type']).toBeUndefined();
  });

  it('drops empty filters from the query string', () => {
    expect(toQueryString({ page: 1, q: '', on: undefined, kind: null, coopId: 'c1' })).toBe('?page=1&coopId=c1');
    expect(toQueryString({})).toBe('');
  });

  it("keeps the server's message, code and field", async () => {
    const body = { error: { code: 'valid_to_before_from', message: '失效日期不能早于生效日期', field: 'validTo' } };
    vi.stubGlobal('fetch', respond(400, JSON.stringify(body)));
    const error = await failure(http.patch('/towns/t1/departments/d1', { validTo: '2000-01-01' }));
    expect(error).toMatchObject({ status: 400, code: 'valid_to_before_from', field: 'validTo' });
    expect(error.message).toBe('失效日期不能早于生效日期');
  });

  it('turns a network failure into a Chinese sentence, never the raw error', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await failure(http.get('/towns'));
    expect(error.code).toBe('network');
    expect(error.message).toBe('无法连接服务器，请检查网络后重试');
  });

  it('treats a gateway page as a network failure and other non-JSON errors as a server error', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>Bad Gateway</html>', 'text/html'));
    expect((await failure(http.get('/towns'))).message).toBe('无法连接服务器，请检查网络后重试');

    vi.stubGlobal('fetch', respond(500, 'Internal Server Error\n    at handler (server.js:1:1)', 'text/plain'));
    const error = await failure(http.get('/towns'));
    expect(error.message).toBe('服务器出错（HTTP 500），请稍后重试');
    expect(error.message).not.toContain('server.js');
  });

  it('asks for English and speaks English when the console is in English', async () => {
    setLang('en');
    const fetchMock = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetchMock);
    const error = await failure(http.get('/towns'));
    expect(error.message).toMatch(/^Cannot reach the server/);
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toMatchObject({ 'Accept-Language': 'en' });
  });

  it('reads Chinese file names from Content-Disposition', () => {
    expect(fileNameFrom(`attachment; filename="teams.xlsx"; filename*=UTF-8''${encodeURIComponent('服务队.xlsx')}`)).toBe(
      '服务队.xlsx',
    );
    expect(fileNameFrom('attachment; filename="teams.xlsx"')).toBe('teams.xlsx');
    expect(fileNameFrom(null)).toBeUndefined();
  });
});

describe('api client and the session', () => {
  it('sends the CSRF token on every POST, PUT, PATCH and DELETE, and never on a GET', async () => {
    disconnect = connectSession({ csrfToken: () => 'tok-1' });
    const fetchMock = vi.fn<typeof fetch>().mockImplementation(() => Promise.resolve(new Response('{}', { status: 200 })));
    vi.stubGlobal('fetch', fetchMock);
    await http.get('/auth/session');
    await http.post('/auth/logout');
    await http.put('/towns/t1/settings/security', { passwordMinLength: 12 });
    await http.patch('/towns/t1/users/u1', { disabled: true });
    await http.delete('/towns/t1/users/u1/grants/g1');
    expect(headersOf(fetchMock, 0)['X-CSRF-Token']).toBeUndefined();
    for (const call of [1, 2, 3, 4]) {
      expect(headersOf(fetchMock, call)).toMatchObject({ 'X-CSRF-Token': 'tok-1', 'X-Requested-With': 'gongyi' });
    }
    expect(fetchMock.mock.calls.map((c) => c[1]?.method)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
    // A POST without a body sends no JSON content type (the server would refuse an empty JSON body).
    expect(headersOf(fetchMock, 1)['Content-Type']).toBeUndefined();
    expect(fetchMock.mock.calls[1]?.[1]?.body).toBeUndefined();
  });

  it('sends no CSRF header before anyone has signed in', async () => {
    const fetchMock = respond(200, '{}');
    vi.stubGlobal('fetch', fetchMock);
    await http.post('/auth/login', { townCode: 'x', username: 'a', password: 'b' });
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBeUndefined();
  });

  it('reports each successful call (the idle timer) and each 401 (the login page)', async () => {
    const onSuccess = vi.fn();
    const onUnauthorized = vi.fn();
    disconnect = connectSession({ onSuccess, onUnauthorized });
    vi.stubGlobal('fetch', respond(200, '{"items":[]}'));
    await http.get('/towns/t1/teams');
    expect(onSuccess).toHaveBeenCalledTimes(1);

    vi.stubGlobal('fetch', respond(401, errorBody('session_expired', '登录已超时，请重新登录。')));
    const error = await failure(http.get('/towns/t1/teams'));
    expect(error).toMatchObject({ status: 401, code: 'session_expired' });
    expect(onUnauthorized).toHaveBeenCalledWith(error);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('treats a 401 from the login itself as an answer, not as a lost session', async () => {
    const onUnauthorized = vi.fn();
    disconnect = connectSession({ onUnauthorized });
    vi.stubGlobal('fetch', respond(401, errorBody('totp_required', '请输入身份验证器中的 6 位动态码。')));
    const error = await failure(http.post('/auth/login', { townCode: 'x', username: 'a', password: 'b' }));
    expect(error.code).toBe('totp_required');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('fetches a fresh token once when the server refuses a stale one, then retries', async () => {
    let token = 'stale';
    const renewCsrf = vi.fn(() => {
      token = 'fresh';
      return Promise.resolve(token);
    });
    disconnect = connectSession({ csrfToken: () => token, renewCsrf });
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(new Response(errorBody('csrf_failed', '页面已过期'), { status: 403 }))
      .mockResolvedValueOnce(new Response('{"id":"u1"}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(http.patch('/towns/t1/users/u1', { displayName: '张三' })).resolves.toEqual({ id: 'u1' });
    expect(renewCsrf).toHaveBeenCalledTimes(1);
    expect(headersOf(fetchMock, 0)['X-CSRF-Token']).toBe('stale');
    expect(headersOf(fetchMock, 1)['X-CSRF-Token']).toBe('fresh');
  });

  it('retries a refused token only once, and shows the server message after that', async () => {
    const renewCsrf = vi.fn(() => Promise.resolve('still-wrong'));
    disconnect = connectSession({ csrfToken: () => 'x', renewCsrf });
    const fetchMock = vi.fn<typeof fetch>().mockImplementation(() =>
      Promise.resolve(new Response(errorBody('csrf_failed', '页面已过期（安全校验未通过）。请刷新页面后重试。'), { status: 403 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const error = await failure(http.post('/towns/t1/users', {}));
    expect(error.message).toBe('页面已过期（安全校验未通过）。请刷新页面后重试。');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(renewCsrf).toHaveBeenCalledTimes(1);
  });

  it('stops reporting to a provider that has disconnected', async () => {
    const onSuccess = vi.fn();
    connectSession({ onSuccess })();
    vi.stubGlobal('fetch', respond(200, '{}'));
    await http.get('/auth/towns');
    expect(onSuccess).not.toHaveBeenCalled();
  });
});
