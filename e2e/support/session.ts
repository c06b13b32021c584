import type { ConsoleMessage, Page } from 'playwright-core';

// Signing in and out through the console's own pages, as a user does.

/** The demo accounts' password (README; demo mode only). */
export const DEMO_PASSWORD = 'Gongyi@2026demo';

/** Fills the login page (opened first if the tab is blank) and waits for the console. */
export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  if (page.url() === 'about:blank') await page.goto('/login');
  const form = page.getByTestId('login-form');
  await form.getByRole('combobox', { name: '所在镇' }).waitFor();
  await form.getByText('小昆山镇').waitFor(); // preselected once the town list has loaded
  await form.getByLabel('用户名', { exact: true }).fill(username);
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

/**
 * Signs in on the login page the tab shows (or opens it), the demo town preselected as the only
 * one, and waits for the console.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await fillLogin(page, username, password);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByTestId('user-menu').waitFor();
}

/** 退出登录 from the header's user menu; waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByTestId('login-form').waitFor();
}

/** Signs out and in as another user, from the home page (an open drawer's mask would cover the user menu). */
export async function switchUser(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('user-menu').waitFor();
  await signOut(page);
  await signIn(page, username);
}

/** A response the browser logs as a failed resource although the test expects it: [status, path]. */
export type ExpectedFailure = [status: number, path: string];

/**
 * Uncaught exceptions and console errors of a page. The console asks GET /api/auth/session at
 * start to learn whether anyone is signed in, and the browser logs the 401 as a failed resource:
 * that one is always expected. A test that provokes others (a wrong password, a refused new
 * password) names them.
 */
export function collectPageErrors(page: Page, expected: ExpectedFailure[] = []): string[] {
  const errors: string[] = [];
  const allowed = [[401, '/api/auth/session'], ...expected].map(([status, path]) => `${status} ${path}`);
  const isExpected = (m: ConsoleMessage) => {
    const status = /status of (\d{3})/.exec(m.text())?.[1];
    return status !== undefined && allowed.includes(`${status} ${new URL(m.location().url || 'http://x/').pathname}`);
  };
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !isExpected(m)) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}
