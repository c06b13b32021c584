import type { TestTown } from './harness.js';

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
