import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';

describe('users and grants, managed by the security administrator (#3)', () => {
  let t: TestTown;
  let security: Api;
  beforeAll(async () => {
    t = await demoTown();
    security = await t.as('security');
  });
  afterAll(() => t.close());

  const deptId = async (name: string) => (await t.api('GET', `/departments?q=${encodeURIComponent(name)}`)).body.items[0].id as string;

  it('creates an account with a one-time password that must be changed before any work', async () => {
    const created = await security('POST', '/users', {
      username: 'shuiwu',
      displayName: '水务站管理员',
      grants: [{ role: 'daily_manager', scopeKind: 'department', scopeId: await deptId('水务站') }],
    });
    expect(created.status).toBe(201);
    expect(created.body.user.grants[0]).toMatchObject({ role: 'daily_manager', scopeName: '水务站' });
    const otp: string = created.body.oneTimePassword;
    expect(otp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    const login = await t.anonymous('POST', '/api/auth/login', { townCode: t.townCode, username: 'shuiwu', password: otp });
    expect(login.body.restriction).toBe('change_password');
    const headers = { cookie: String((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode: t.townCode, username: 'shuiwu', password: otp } })).headers['set-cookie']).split(';')[0]! };
    const session = (await t.anonymous('GET', '/api/auth/session', undefined, headers)).body;
    const user = (method: 'GET' | 'POST', url: string, body?: unknown) => t.anonymous(method, url, body, { ...headers, 'x-csrf-token': session.csrfToken });
    expect((await user('GET', '/teams')).status).toBe(403);

    const cases: [string, string][] = [
      ['short1A!', '至少需要 10 个字符'],
      ['alllowercaseletters', '至少 3 类'],
      ['Password123', '过于常见'],
      ['Shuiwu-2026-x', '包含用户名'],
    ];
    for (const [newPassword, text] of cases) {
      const r = await user('POST', '/api/auth/password', { currentPassword: otp, newPassword });
      expect(r.status, newPassword).toBe(422);
      expect(r.body.error.message).toContain(text);
    }
    expect((await user('POST', '/api/auth/password', { currentPassword: 'wrong', newPassword: 'River-Clean-2026' })).body.error.field).toBe('currentPassword');
    const changed = await user('POST', '/api/auth/password', { currentPassword: otp, newPassword: 'River-Clean-2026' });
    expect(changed.body.restriction).toBe('none');
    expect((await user('GET', '/teams')).status).toBe(200);
  });

  it('keeps the three administrator roles apart (三权分立)', async () => {
    const both = await security('POST', '/users', {
      username: 'superuser',
      displayName: '万能账号',
      grants: [
        { role: 'system_admin', scopeKind: 'town', scopeId: null },
        { role: 'audit_admin', scopeKind: 'town', scopeId: null },
      ],
    });
    expect(both.status).toBe(422);
    expect(both.body.error.message).toContain('三权分立');
    const admin = (await security('GET', '/users?q=admin')).body.items.find((u: { username: string }) => u.username === 'admin');
    const add = await security('POST', `/users/${admin.id}/grants`, { role: 'security_admin', scopeKind: 'town', scopeId: null });
    expect(add.status).toBe(422);
    // system_admin cannot read the audit log; audit_admin changes nothing
    expect((await t.api('GET', '/audit')).status).toBe(403);
    const auditor = await t.as('auditor');
    expect((await auditor('GET', '/audit')).status).toBe(200);
    expect((await auditor('POST', '/departments', { name: '审计建的部门', kind: 'town_office', validFrom: '2026-01-01' })).status).toBe(403);
    expect((await auditor('POST', '/users', { username: 'x1x', displayName: 'x', grants: [{ role: 'leader', scopeKind: 'town', scopeId: null }] })).status).toBe(403);
  });

  it('refuses a grant in the wrong scope or naming another town’s department', async () => {
    const wrongScope = await security('POST', '/users', { username: 'hr2', displayName: '人事', grants: [{ role: 'town_hr', scopeKind: 'department', scopeId: await deptId('社保所') }] });
    expect(wrongScope.status).toBe(422);
    expect(wrongScope.body.error.field).toBe('grants.0.scopeKind');
    const missing = await security('POST', '/users', { username: 'dm2', displayName: '日管', grants: [{ role: 'daily_manager', scopeKind: 'department', scopeId: 'elsewhere' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.field).toBe('grants.0.scopeId');
  });

  it('resets a password, ending the user’s sessions', async () => {
    const hr = await t.as('hr');
    const target = (await security('GET', '/users?q=hr')).body.items.find((u: { username: string }) => u.username === 'hr');
    const reset = await security('POST', `/users/${target.id}/reset-password`);
    expect(reset.body.oneTimePassword).toHaveLength(19);
    expect((await hr('GET', '/teams')).status).toBe(401);
  });

  it('changes security settings within the limits 等保 expects', async () => {
    const current = (await security('GET', '/settings/security')).body;
    expect(current).toMatchObject({ passwordMinLength: 10, lockoutThreshold: 5, lockoutMinutes: 15, sessionIdleMinutes: 15, sessionAbsoluteHours: 12, auditRetentionDays: 184 });
    const tooShort = await security('PUT', '/settings/security', { ...current, auditRetentionDays: 30 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.field).toBe('auditRetentionDays');
    const updated = await security('PUT', '/settings/security', { ...current, sessionIdleMinutes: 30 });
    expect(updated.body.sessionIdleMinutes).toBe(30);
    expect((await t.api('GET', '/settings/security')).status).toBe(403);
  });
});
