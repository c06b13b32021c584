import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { demoTown, type TestTown } from '../../testing/harness.js';
import { advance, loginFrom } from '../../testing/security.js';
import { totpAt } from './totp.js';

// #13 item 13: a TOTP code works once (RFC 6238 §5.2). The last step used is remembered per user and
// a step at or before it is refused, so a code seen over a shoulder or in a proxy log is spent.

describe('TOTP codes are used once (#13)', () => {
  let t: TestTown;
  let secret: string;
  beforeAll(async () => {
    t = await demoTown();
    const leader = await t.as('leader');
    secret = (await leader('POST', '/api/auth/totp/setup')).body.secret;
    expect((await leader('POST', '/api/auth/totp/enable', { code: totpAt(secret, t.runtime.clock.now()) })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses the enrolment code, a code already used, and an earlier code still in the drift window', async () => {
    const enrolCode = totpAt(secret, t.runtime.clock.now());
    expect((await loginFrom(t, '10.0.0.1', 'leader', DEMO_PASSWORD, { totpCode: enrolCode })).body.error.field).toBe('totpCode');

    advance(t, 30);
    const code = totpAt(secret, t.runtime.clock.now());
    expect((await loginFrom(t, '10.0.0.1', 'leader', DEMO_PASSWORD, { totpCode: code })).status).toBe(200);
    advance(t, 10); // the same 30-second step
    const replay = await loginFrom(t, '10.0.0.2', 'leader', DEMO_PASSWORD, { totpCode: code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ field: 'totpCode' });
    expect(replay.body.error.message).toContain('动态码不正确');
    const failure = await t.database.db.selectFrom('audit_log').select('after_json').where('town_id', '=', t.townId).where('action', '=', 'login.failure').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(failure.after_json).toContain('totp_replay');

    advance(t, 30); // the previous step's code is still within ±1 step, but older than the one used
    expect((await loginFrom(t, '10.0.0.2', 'leader', DEMO_PASSWORD, { totpCode: code })).status).toBe(401);
    expect((await loginFrom(t, '10.0.0.2', 'leader', DEMO_PASSWORD, { totpCode: totpAt(secret, t.runtime.clock.now()) })).status).toBe(200);
  });

  it('lets only one of two sign-ins with one fresh code at once through', async () => {
    advance(t, 30);
    const code = totpAt(secret, t.runtime.clock.now());
    const both = await Promise.all(['10.0.1.1', '10.0.1.2'].map((ip) => loginFrom(t, ip, 'leader', DEMO_PASSWORD, { totpCode: code })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
  });
});
