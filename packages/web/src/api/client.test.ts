import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { ApiError, fileNameFrom, http, toQueryString } from './client';

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

afterEach(() => {
  vi.unstubAllGlobals();
  setLang('zh');
});

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
