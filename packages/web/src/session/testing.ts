import type { Session } from '@gongyi/domain';

// Fixtures for tests that play the server: a signed-in session and a JSON response.

export function sessionFixture(overrides: Partial<Session> = {}): Session {
  return {
    user: { id: 'u1', username: 'hr', displayName: '镇人事干部', totpEnabled: false, passwordExpiresOn: null },
    town: { id: 't1', code: 'xiaokunshan', name: '小昆山镇' },
    grants: [],
    actions: ['org.read'],
    restriction: 'none',
    csrfToken: 'csrf-1',
    idleTimeoutSeconds: 900,
    expiresAt: '2026-03-15T22:00:00.000+08:00',
    passwordPolicy: { minLength: 10, minClasses: 3, expiryDays: 90 },
    ...overrides,
  };
}

export const jsonResponse = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
