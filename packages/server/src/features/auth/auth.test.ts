import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { demoTown, signIn, type TestTown } from '../../testing/harness.js';
import { totpAt } from './totp.js';

async function lastAudit(t: TestTown, action: string) {
  return t.database.db.selectFrom('audit_log').selectAll().where('town_id', '=', t.townId).where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();
}

const login = (t: TestTown, username: string, password: string, extra: object = {}) =>
  t.anonymous('POST', '/api/auth/login', { townCode: t.townCode, username, password, ...extra });

describe('sign-in, lockout and sessions (#3)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('refuses every API call without a session, and forged or stale cookies', async () => {
    expect((await t.anonymous('GET', '/teams')).status).toBe(401);
    const forged = await t.anonymous('GET', '/teams', undefined, { cookie: 'gongyi_session=00112233445566778899aabbccddeeff' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('session_expired');
  });

  it('signs in, describes the session, and sets a strict HttpOnly cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode: t.townCode, username: 'hr', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/gongyi_session=[0-9a-f]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const body = res.json();
    expect(body).toMatchObject({ user: { username: 'hr' }, restriction: 'none', idleTimeoutSeconds: 900 });
    expect(body.actions).toEqual(expect.arrayContaining(['org.read', 'worker.read', 'worker.reveal']));
    expect(body.actions).not.toContain('user.manage');
    expect(body.passwordPolicy).toEqual({ minLength: 10, minClasses: 3, expiryDays: 90 });
    expect((await lastAudit(t, 'login.success'))?.actor).toContain('hr');
  });

  it('audits a failure for an unknown user without saying whether the user exists', async () => {
    const r = await login(t, 'nobody', 'whatever-password');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toBe((await login(t, 'hr', 'wrong-password')).body.error.message);
    expect(await lastAudit(t, 'login.failure')).toBeDefined();
  });

  it('ends a session after 15 idle minutes, and after 12 hours however busy', async () => {
    const start = '2026-03-15T10:00:00+08:00';
    t.runtime.clock.set(start);
    const hr = await t.as('hr');
    t.runtime.clock.set('2026-03-15T10:14:00+08:00');
    expect((await hr('GET', '/teams')).status).toBe(200);
    t.runtime.clock.set('2026-03-15T10:28:30+08:00'); // 14.5 minutes after the last use
    expect((await hr('GET', '/teams')).status).toBe(200);
    t.runtime.clock.set('2026-03-15T10:44:00+08:00'); // 15.5 minutes idle
    const idle = await hr('GET', '/teams');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('session_expired');

    t.runtime.clock.set(start);
    const busy = await t.as('hr');
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      t.runtime.clock.set(new Date(Date.parse(start) + minutes * 60_000).toISOString());
      expect((await busy('GET', '/overview')).status).toBe(200);
    }
    t.runtime.clock.set(new Date(Date.parse(start) + 12 * 3600_000 + 1000).toISOString());
    expect((await busy('GET', '/overview')).status).toBe(401);
    t.runtime.clock.set(start);
  });

  it('requires the CSRF token on every state change, and audits a missing one', async () => {
    const { cookie } = await signIn(t.app, t.townCode, 'admin');
    const res = await t.anonymous('POST', '/departments', { name: '无令牌部门', kind: 'town_office', validFrom: '2026-01-01' }, { cookie });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    expect(await lastAudit(t, 'access.denied')).toMatchObject({ result: 'denied' });
    const wrong = await t.anonymous('POST', '/departments', { name: '无令牌部门', kind: 'town_office', validFrom: '2026-01-01' }, { cookie, 'x-csrf-token': 'f'.repeat(32) });
    expect(wrong.status).toBe(403);
    expect((await t.api('GET', '/departments?q=无令牌')).body.total).toBe(0);
  });

  it('logout ends the session', async () => {
    const office = await t.as('office');
    expect((await office('POST', '/api/auth/logout')).status).toBe(200);
    expect((await office('GET', '/teams')).status).toBe(401);
  });

  it('disabling an account ends its sessions at once', async () => {
    const coop = await t.as('coop1');
    expect((await coop('GET', '/teams')).status).toBe(200);
    const security = await t.as('security');
    const users = (await security('GET', '/users?q=coop1')).body.items;
    expect((await security('PATCH', `/users/${users[0].id}`, { disabled: true })).status).toBe(200);
    expect((await coop('GET', '/teams')).status).toBe(401);
    // The same answer as a wrong password (#13): it does not tell that the account exists.
    expect((await login(t, 'coop1', DEMO_PASSWORD)).body.error.message).toBe((await login(t, 'nobody', DEMO_PASSWORD)).body.error.message);
  });

  it('enrols TOTP with a QR code and then asks for the code at sign-in (RFC 6238)', async () => {
    const leader = await t.as('leader');
    const setup = await leader('POST', '/api/auth/totp/setup');
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    expect((await leader('POST', '/api/auth/totp/enable', { code: '000000' === totpAt(setup.body.secret, t.runtime.clock.now()) ? '111111' : '000000' })).status).toBe(422);
    const enabled = await leader('POST', '/api/auth/totp/enable', { code: totpAt(setup.body.secret, t.runtime.clock.now()) });
    expect(enabled.body.user.totpEnabled).toBe(true);
    // The code that confirmed the enrolment is used up (#13); sign in with the next one.
    t.runtime.clock.set('2026-03-15T10:00:30+08:00');
    const missing = await login(t, 'leader', DEMO_PASSWORD);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'totp_required', field: 'totpCode' });
    const current = totpAt(setup.body.secret, t.runtime.clock.now());
    const wrong = await login(t, 'leader', DEMO_PASSWORD, { totpCode: current === '123456' ? '654321' : '123456' });
    expect(wrong.body.error).toMatchObject({ field: 'totpCode' });
    expect(wrong.body.error.message).toContain('动态码不正确');
    const ok = await login(t, 'leader', DEMO_PASSWORD, { totpCode: current });
    expect(ok.status).toBe(200);

    // The secret passes the second factor, so it is stored encrypted like the personal numbers.
    const stored = (await t.database.db.selectFrom('users').select('totp_secret').where('town_id', '=', t.townId).where('username', '=', 'leader').executeTakeFirstOrThrow()).totp_secret!;
    expect(stored.startsWith(`${t.runtime.keyring.currentKeyId}:`)).toBe(true);
    expect(stored).not.toContain(setup.body.secret);
    expect(t.runtime.keyring.decrypt(stored)).toBe(setup.body.secret);
    t.runtime.clock.set('2026-03-15T10:00:00+08:00');
  });

  it('still signs in with a TOTP secret an earlier version stored in clear', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await t.database.db.updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('town_id', '=', t.townId).where('username', '=', 'jiancha').execute();
    const code = totpAt(secret, t.runtime.clock.now());
    expect((await login(t, 'jiancha', DEMO_PASSWORD, { totpCode: code === '123456' ? '654321' : '123456' })).status).toBe(401);
    expect((await login(t, 'jiancha', DEMO_PASSWORD, { totpCode: code })).status).toBe(200);
  });

  it('a town setting requires TOTP for the three administrator roles before they can work', async () => {
    const town = await demoTown();
    try {
      const security = await town.as('security');
      const settings = (await security('GET', '/settings/security')).body;
      await security('PUT', '/settings/security', { ...settings, totpRequiredForAdmins: true });
      const admin = await town.as('admin');
      expect((await admin('GET', '/api/auth/session')).body.restriction).toBe('enrol_totp');
      expect((await admin('GET', '/teams')).status).toBe(403);
      const hr = await town.as('hr');
      expect((await hr('GET', '/teams')).status).toBe(200);
      const setup = await admin('POST', '/api/auth/totp/setup');
      const enabled = await admin('POST', '/api/auth/totp/enable', { code: totpAt(setup.body.secret, town.runtime.clock.now()) });
      expect(enabled.body.restriction).toBe('none');
      expect((await admin('GET', '/teams')).status).toBe(200);
      town.runtime.clock.set('2026-03-15T10:00:30+08:00'); // the enrolment's code is used up
      const off = await admin('POST', '/api/auth/totp/disable', { code: totpAt(setup.body.secret, town.runtime.clock.now()) });
      expect(off.status).toBe(422);
      expect(off.body.error.message).toContain('必须启用动态码');
    } finally {
      await town.close();
    }
  });

  it('limits sign-in attempts per address', async () => {
    const strict = await demoTown({ loginRateLimit: 4 }); // the harness's own sign-in is the first
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(strict, 'hr', 'wrong-password')).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses[3]).toBe(429);
      expect(statuses[4]).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
