import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { advance, loginFrom, SIGN_IN_REFUSED } from '../../testing/security.js';

// #13 item 13 (等保 2.0 登录失败处理, OWASP ASVS 5 V6.3): guesses make the guessing address wait,
// longer each time, without locking the owner out from elsewhere; a hard ceiling per account across
// all addresses remains; every failure reads the same.

const auditCount = async (t: TestTown, action: string) =>
  (await t.database.db.selectFrom('audit_log').select('id').where('town_id', '=', t.townId).where('action', '=', action).execute()).length;

describe('sign-in throttling per account and address (#13)', () => {
  let t: TestTown;
  let security: Api;
  beforeAll(async () => {
    t = await demoTown();
    security = await t.as('security');
  });
  afterAll(() => t.close());

  it('makes the guessing address wait after 5 failures, doubling, while the owner signs in from elsewhere', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await loginFrom(t, '10.0.0.66', 'finance', 'wrong-password');
      expect([r.status, r.retryAfter]).toEqual([401, undefined]);
      expect(r.body.error.message).toContain(SIGN_IN_REFUSED);
    }
    const waiting = await loginFrom(t, '10.0.0.66', 'finance', DEMO_PASSWORD);
    expect([waiting.status, waiting.retryAfter]).toEqual([401, '60']);
    expect(waiting.body.error.message).toContain(SIGN_IN_REFUSED);
    expect(await auditCount(t, 'login.locked')).toBe(1);

    // The owner, at another address, is not held back by the attacker's guesses.
    expect((await loginFrom(t, '10.0.0.7', 'finance', DEMO_PASSWORD)).status).toBe(200);

    advance(t, 61);
    expect((await loginFrom(t, '10.0.0.66', 'finance', 'wrong-again')).retryAfter).toBeUndefined();
    // The next failure doubled the wait.
    expect((await loginFrom(t, '10.0.0.66', 'finance', DEMO_PASSWORD)).retryAfter).toBe('120');
    advance(t, 121);
    expect((await loginFrom(t, '10.0.0.66', 'finance', DEMO_PASSWORD)).status).toBe(200);
    expect(await auditCount(t, 'account.lockout')).toBe(0);
  });

  it('holds the account at every address after 20 failures across addresses, until the security administrator unlocks it', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom(t, `10.1.0.${i}`, 'leader', 'wrong-password')).status).toBe(401);
    const held = await loginFrom(t, '10.2.0.1', 'leader', DEMO_PASSWORD);
    expect([held.status, held.retryAfter]).toEqual([401, String(15 * 60)]);
    expect(held.body.error.message).toContain(SIGN_IN_REFUSED);
    expect(await auditCount(t, 'account.lockout')).toBe(1);

    const leader = (await security('GET', '/users?q=leader')).body.items.find((u: { username: string }) => u.username === 'leader');
    expect(leader.lockedUntil).not.toBeNull();
    expect((await security('PATCH', `/users/${leader.id}`, { unlock: true })).status).toBe(200);
    expect((await loginFrom(t, '10.2.0.1', 'leader', DEMO_PASSWORD)).status).toBe(200);
    // …and an address that had been guessing starts again too.
    expect((await loginFrom(t, '10.1.0.3', 'leader', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown user, a wrong password, a disabled account and a waiting address alike', async () => {
    const paichusuo = (await security('GET', '/users?q=paichusuo')).body.items[0];
    expect((await security('PATCH', `/users/${paichusuo.id}`, { disabled: true })).status).toBe(200);
    for (let i = 0; i < 5; i++) await loginFrom(t, '10.3.0.1', 'zongzhiban', 'wrong-password');

    const answers = [
      await loginFrom(t, '10.3.0.2', 'no-such-user', DEMO_PASSWORD),
      await loginFrom(t, '10.3.0.2', 'hr', 'wrong-password'),
      await loginFrom(t, '10.3.0.2', 'paichusuo', DEMO_PASSWORD),
      await loginFrom(t, '10.3.0.1', 'zongzhiban', DEMO_PASSWORD),
      await loginFrom(t, '10.3.0.2', 'hr', DEMO_PASSWORD, { townCode: 'no-such-town' }),
    ];
    const shapes = answers.map((a) => ({ status: a.status, code: a.body.error.code, message: a.body.error.message, field: a.body.error.field }));
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(shapes[0]).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(answers.map((a) => a.retryAfter)).toEqual([undefined, undefined, undefined, '60', undefined]);
  });

  it('makes an address wait on an unknown username just as on a real one, so the wait tells nothing', async () => {
    for (let i = 0; i < 5; i++) await loginFrom(t, '10.4.0.1', 'ghost', 'wrong-password');
    expect((await loginFrom(t, '10.4.0.1', 'ghost', 'wrong-password')).retryAfter).toBe('60');
  });

  it('lets only the first guesses of a burst fired at once be checked', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => loginFrom(t, '10.5.0.1', 'office', 'wrong-password')));
    expect(burst.every((r) => r.status === 401)).toBe(true);
    const rows = await t.database.db.selectFrom('rate_limits').selectAll().where('town_id', '=', t.townId).where('subject', '=', 'office').where('source', '=', '10.5.0.1').execute();
    expect(rows[0]!.count).toBe(5);
    expect(burst.filter((r) => r.retryAfter !== undefined)).toHaveLength(7);
  });
});
