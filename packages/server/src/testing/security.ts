import type { TestTown } from './harness.js';

// Sign-in and security-settings helpers for the tests of #13 item 13.

/** The one answer to any failed sign-in (#13), as the tests compare it. */
export const SIGN_IN_REFUSED = '用户名或密码错误，或账号暂时不能登录';

/** A sign-in from a given client address (request.ip), as the throttle sees it. */
export async function loginFrom(t: TestTown, ip: string, username: string, password: string, extra: object = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { townCode: t.townCode, username, password, ...extra } });
  const body = res.json();
  return { status: res.statusCode, body, retryAfter: res.headers['retry-after'] as string | undefined, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0]!, csrf: body.csrfToken as string | undefined };
}

/** Moves the town's clock by some seconds. */
export function advance(t: TestTown, seconds: number): void {
  t.runtime.clock.set(new Date(t.runtime.clock.now().getTime() + seconds * 1000).toISOString());
}

/** Changes some of the town's security settings through the API, as its security administrator. */
export async function changeSecuritySettings(t: TestTown, patch: Record<string, unknown>): Promise<void> {
  const security = await t.as('security');
  const current = (await security('GET', '/settings/security')).body;
  const saved = await security('PUT', '/settings/security', { ...current, ...patch });
  if (saved.status !== 200) throw new Error(`security settings refused: ${JSON.stringify(saved.body)}`);
}
