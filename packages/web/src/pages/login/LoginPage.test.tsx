import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillField, renderWithSession } from '../../session/renderWithSession';
import { jsonResponse, sessionFixture } from '../../session/testing';
import { LoginPage } from './LoginPage';

const SESSION = sessionFixture({
  user: { id: 'u1', username: 'auditor', displayName: '审计管理员', totpEnabled: true, passwordExpiresOn: null },
  actions: ['audit.read'],
  csrfToken: 'c',
});
const reply = jsonResponse;

function Landed() {
  const { pathname } = useLocation();
  return <div data-testid="landed">{pathname}</div>;
}

/** A fake server: nobody signed in, one town, and `login` answering each sign-in attempt. */
function serve(login: (body: Record<string, unknown>) => Promise<Response>) {
  const fetchMock = vi.fn<typeof fetch>().mockImplementation((url, init) => {
    const path = String(url);
    if (path === '/api/auth/session') return reply(401, { error: { code: 'unauthenticated', message: '请先登录。' } });
    if (path === '/api/auth/towns') return reply(200, { items: [{ id: 't1', code: 'xiaokunshan', name: '小昆山镇' }] });
    if (path === '/api/auth/login') return login(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return reply(404, {});
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderLogin(path = '/login?next=%2Faudit%2Flog') {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '*', element: <Landed /> },
    ],
    { initialEntries: [path] },
  );
  renderWithSession(router);
}

const fill = fillField;

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('login page', () => {
  it('asks for the 6-digit code when the server wants it, then signs in and goes to the wanted page', async () => {
    const attempts: Record<string, unknown>[] = [];
    serve((body) => {
      attempts.push(body);
      return body.totpCode === '123456'
        ? reply(200, SESSION)
        : reply(401, { error: { code: 'totp_required', message: '请输入身份验证器中的 6 位动态码。', field: 'totpCode' } });
    });
    renderLogin();
    await screen.findByText('小昆山镇'); // the only town, preselected
    await fill('用户名', 'auditor');
    await fill('密码', 'Gongyi@2026demo');
    await submit();
    await fill('动态码', '123456');
    await submit();
    await waitFor(() => expect(screen.getByTestId('landed').textContent).toBe('/audit/log'));
    expect(attempts).toEqual([
      { townCode: 'xiaokunshan', username: 'auditor', password: 'Gongyi@2026demo' },
      { townCode: 'xiaokunshan', username: 'auditor', password: 'Gongyi@2026demo', totpCode: '123456' },
    ]);
  });

  it("shows the server's one sentence for any failed sign-in and empties the password box", async () => {
    serve(() => reply(401, { error: { code: 'unauthenticated', message: '用户名或密码错误，或账号暂时不能登录。请核对后重试；如仍不能登录，请联系本镇安全管理员。' } }));
    renderLogin();
    await screen.findByText('小昆山镇');
    await fill('用户名', 'hr');
    await fill('密码', 'wrong');
    await submit();
    expect((await screen.findByTestId('login-error')).textContent).toContain('用户名或密码错误，或账号暂时不能登录');
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('landed')).toBeNull();
  });

  it('says why a field is missing before asking the server', async () => {
    const fetchMock = serve(() => reply(200, SESSION));
    renderLogin();
    await screen.findByText('小昆山镇');
    await submit();
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(await screen.findByText('请输入密码')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/auth/login')).toBe(false);
  });
});
