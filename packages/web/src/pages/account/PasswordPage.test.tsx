import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillField, renderWithSession } from '../../session/renderWithSession';
import { useSessionControls } from '../../session/SessionContext';
import { jsonResponse, sessionFixture } from '../../session/testing';
import { PasswordPage } from './PasswordPage';

// #13: the server refuses weak and recently used passwords; the form says why, under the new password.

function Signed() {
  const { state } = useSessionControls();
  return state.status === 'signedIn' ? <PasswordPage /> : null;
}

function renderPage(refusal: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      url === '/api/auth/session'
        ? jsonResponse(200, sessionFixture())
        : jsonResponse(422, { error: { code: 'rule_violation', message: refusal, field: 'newPassword' } }),
    ),
  );
  const router = createMemoryRouter([{ path: '*', element: <Signed /> }], { initialEntries: ['/account/password'] });
  renderWithSession(router);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('修改密码', () => {
  it.each([
    ['新密码过于常见：它是常见或已泄露的密码，或是常见词加数字、符号（如 Password123!），容易被猜中，请换一个。', 'Password123!'],
    ['新密码不能与最近 5 次使用过的密码（含当前密码）相同，请换一个。', 'River-Clean-2026'],
  ])('shows the server’s reason under the new password: %s', async (refusal, password) => {
    renderPage(refusal);
    await fillField('当前密码', 'Gongyi@2026demo');
    await fillField('新密码', password);
    await fillField('确认新密码', password);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    });
    expect(await screen.findByText(refusal)).toBeTruthy();
    // The rules the page states before any attempt name both refusals.
    const rules = screen.getByTestId('password-policy').textContent;
    expect(rules).toContain('Password123!');
    expect(rules).toContain('最近 5 次');
  });
});
