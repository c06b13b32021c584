import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, signIn, type TestTown } from '../../testing/harness.js';
import { advance } from '../../testing/security.js';

// #13 item 13 (等保 2.0 会话管理, OWASP ASVS 5 V7): sessions per account are limited (a town setting,
// default 3: a further sign-in ends the oldest), the idle deadline moves with every request, and no
// API answer may be kept by a browser or proxy cache.

describe('session limits (#13)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  const teams = (c: { cookie: string }) => t.anonymous('GET', '/teams', undefined, { cookie: c.cookie });

  it('ends the oldest session when a fourth sign-in opens, and follows the town setting', async () => {
    const sessions = [];
    for (let i = 0; i < 4; i++) {
      sessions.push(await signIn(t.app, t.townCode, 'hr'));
      advance(t, 1);
    }
    expect((await teams(sessions[0]!)).status).toBe(401);
    for (const s of sessions.slice(1)) expect((await teams(s)).status).toBe(200);
    const success = await t.database.db.selectFrom('audit_log').select('after_json').where('town_id', '=', t.townId).where('action', '=', 'login.success').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(success.after_json).toContain('"endedOldestSessions":1');

    const security = await t.as('security');
    const settings = (await security('GET', '/settings/security')).body;
    expect(settings.maxSessionsPerUser).toBe(3);
    expect((await security('PUT', '/settings/security', { ...settings, maxSessionsPerUser: 1 })).status).toBe(200);
    const only = await signIn(t.app, t.townCode, 'hr');
    for (const s of sessions) expect((await teams(s)).status).toBe(401);
    expect((await teams(only)).status).toBe(200);
    expect((await security('PUT', '/settings/security', { ...settings, maxSessionsPerUser: 0 })).body.error.field).toBe('maxSessionsPerUser');
  });

  it('never ends the session a sign-in just opened, even when sign-ins tie on their time', async () => {
    const security = await t.as('security');
    const settings = (await security('GET', '/settings/security')).body;
    expect((await security('PUT', '/settings/security', { ...settings, maxSessionsPerUser: 3 })).status).toBe(200);
    // The clock stands still: five sign-ins in one instant. Each new session must work; the older ones go.
    for (let i = 0; i < 5; i++) {
      const latest = await signIn(t.app, t.townCode, 'leader');
      expect((await teams(latest)).status, `sign-in ${i + 1}`).toBe(200);
    }
    const open = await t.database.db.selectFrom('sessions').select('id').where('town_id', '=', t.townId).where('user_id', '=', (await t.database.db.selectFrom('users').select('id').where('town_id', '=', t.townId).where('username', '=', 'leader').executeTakeFirstOrThrow()).id).execute();
    expect(open).toHaveLength(3);
  });

  it('moves the idle deadline on every request, not once a minute', async () => {
    const office = await signIn(t.app, t.townCode, 'office');
    advance(t, 30);
    expect((await teams(office)).status).toBe(200);
    advance(t, 14 * 60 + 45); // 14¾ minutes after the last request, 15¼ after signing in
    expect((await teams(office)).status).toBe(200);
    advance(t, 15 * 60 + 1);
    expect((await teams(office)).status).toBe(401);
  });

  it('marks every API answer no-store: data, session, sign-in, errors', async () => {
    const hr = await signIn(t.app, t.townCode, 'finance');
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: `/api/towns/${t.townId}/teams`, headers: { cookie: hr.cookie } }),
      t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: hr.cookie } }),
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode: t.townCode, username: 'finance', password: 'wrong-password' } }),
      t.app.inject({ method: 'GET', url: `/api/towns/${t.townId}/teams` }),
      t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ]);
    expect(answers.map((a) => a.headers['cache-control'])).toEqual(Array(5).fill('no-store'));
  });
});
