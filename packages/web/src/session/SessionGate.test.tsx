import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from '../api/client';
import { renderWithSession } from './renderWithSession';
import { useSessionControls } from './SessionContext';
import { SessionGate } from './SessionGate';
import { jsonResponse, sessionFixture } from './testing';

// The session provider and the gate together, against a fetch that plays the server.

const SESSION = sessionFixture();
const json = jsonResponse;
const expired = () => json(401, { error: { code: 'session_expired', message: '登录已超时，请重新登录。' } });
const notSignedIn = () => json(401, { error: { code: 'unauthenticated', message: '请先登录。' } });

function Where({ name }: { name: string }) {
  const { pathname, search } = useLocation();
  const { state } = useSessionControls();
  return (
    <div data-testid="where">
      {name} {pathname}
      {search} {state.status === 'signedOut' ? (state.reason ?? 'none') : state.status}
    </div>
  );
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <Where name="login" /> },
      {
        element: <SessionGate />,
        children: [
          { path: '/org/teams', element: <Where name="teams" /> },
          { path: '/account/password', element: <Where name="password" /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  renderWithSession(router);
}

const where = () => screen.getByTestId('where').textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('session gate', () => {
  it('sends a visitor without a session to the login page, keeping the wanted address', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockImplementation(notSignedIn));
    renderAt('/org/teams?page=2');
    await waitFor(() => expect(where()).toBe('login /login?next=%2Forg%2Fteams%3Fpage%3D2 none'));
  });

  it('shows the page to a signed-in user, and puts the session CSRF token on mutations', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockImplementation((url) => (String(url) === '/api/auth/session' ? json(200, SESSION) : json(200, {})));
    vi.stubGlobal('fetch', fetchMock);
    renderAt('/org/teams');
    await waitFor(() => expect(where()).toBe('teams /org/teams signedIn'));
    await act(() => http.post('/towns/t1/departments', { name: '测试科' }));
    const headers = fetchMock.mock.calls.at(-1)?.[1]?.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('goes to the login page, saying the session expired, when any later call gets a 401', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockImplementation(() => json(200, SESSION)));
    renderAt('/org/teams');
    await waitFor(() => expect(where()).toBe('teams /org/teams signedIn'));
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockImplementation(expired));
    await act(async () => {
      await http.get('/towns/t1/teams').catch(() => undefined);
    });
    await waitFor(() => expect(where()).toBe('login /login?next=%2Forg%2Fteams expired'));
  });

  it('keeps a session that must change its password on that page only', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockImplementation(() => json(200, { ...SESSION, restriction: 'change_password' })));
    renderAt('/org/teams');
    await waitFor(() => expect(where()).toBe('password /account/password signedIn'));
  });

  it('offers to try again when the server cannot be reached at start', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    renderAt('/org/teams');
    expect(await screen.findByText('无法连接服务器，请检查网络后重试')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
