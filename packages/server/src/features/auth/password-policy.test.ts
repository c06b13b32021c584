import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { DEFAULT_SECURITY_SETTINGS } from '../settings/security-settings.js';
import { passwordProblem } from './password-strength.js';

// #13 item 13 (OWASP ASVS 5 V6.2, 等保 2.0 口令复杂度): common and breached-pattern passwords are
// refused, the last 5 passwords cannot come back, and no town's rules go below length 10 and 3
// character classes.

const who = { username: 'zhangsan', townCode: 'xiaokunshan' };
const problem = (password: string, settings = DEFAULT_SECURITY_SETTINGS) => passwordProblem(password, settings, who)?.zh ?? null;

describe('what makes a password guessable (#13)', () => {
  it('refuses common words dressed with digits and symbols, look-alikes, the username or town, and keyboard runs', () => {
    const refused: [string, string][] = [
      ['Password123!', '过于常见'],
      ['P@ssw0rd2026', '过于常见'],
      ['Admin@2026!', '过于常见'],
      ['Woaini1314!!', '过于常见'],
      ['Gongyi@2026', '过于常见'],
      ['!!Welcome2026', '过于常见'],
      ['Office-Zhangsan9', '包含用户名'],
      ['Off1ce-Zh@ngsan9', '包含用户名'],
      ['Xiaokunshan#88', '镇代码'],
      ['X1aokunshan#88', '镇代码'],
      ['Qwerty123!@#', '过于常见'],
      ['Poiuytrewq!9', '键盘'],
      ['Mnbvcxz!@#456', '键盘'],
      ['!QAZ@wsx#EDC4', '键盘'],
      ['1qaz2wsx3EDC!', '键盘'],
      ['Aaaa1111!!!!', '键盘'],
      ['Abcdef123456!', '键盘'],
      ['Zxcvbnm,./123A', '键盘'],
    ];
    for (const [password, reason] of refused) expect(problem(password), password).toContain(reason);
  });

  it('accepts passwords that are long and unrelated', () => {
    for (const password of ['River-Clean-2026', 'Songjiang#Rain7', 'x7#Kp2$mQ9vL', '绿水青山Lake-2026', 'MyDog1234Runs!']) expect(problem(password), password).toBeNull();
  });

  it('applies the floors of length 10 and 3 classes whatever the settings say', () => {
    const weak = { ...DEFAULT_SECURITY_SETTINGS, passwordMinLength: 6, passwordMinClasses: 1 };
    expect(problem('Rv-Cln-26', weak)).toContain('至少需要 10 个字符');
    expect(problem('riverclean2026', weak)).toContain('至少 3 类');
  });
});

describe('password changes through the API (#13)', () => {
  let t: TestTown;
  let security: Api;
  beforeAll(async () => {
    t = await demoTown();
    security = await t.as('security');
  });
  afterAll(() => t.close());

  it('refuses Password123! and each of the last 5 passwords, and takes the 6th back', async () => {
    const hr = await t.as('hr');
    const change = (currentPassword: string, newPassword: string) => hr('POST', '/api/auth/password', { currentPassword, newPassword });
    const weak = await change(DEMO_PASSWORD, 'Password123!');
    expect(weak.status).toBe(422);
    expect(weak.body.error).toMatchObject({ field: 'newPassword' });

    const chain = ['Lake-Tide-2031', 'Hill-Wind-2032', 'Pine-Road-2033', 'Moon-Bell-2034', 'Reed-Gate-2035'];
    let current = DEMO_PASSWORD;
    for (const next of chain) {
      expect((await change(current, next)).status, next).toBe(200);
      current = next;
    }
    for (const old of chain) {
      const r = await change(current, old);
      expect(r.status, old).toBe(422);
      expect(r.body.error.message).toContain('最近 5 次');
    }
    // The password before those five has left the history.
    expect((await change(current, DEMO_PASSWORD)).status).toBe(200);
  });

  it('keeps the password a reset replaces in the history', async () => {
    const cun1 = (await security('GET', '/users?q=cun1')).body.items[0];
    const otp = (await security('POST', `/users/${cun1.id}/reset-password`)).body.oneTimePassword;
    const cookie = String((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode: t.townCode, username: 'cun1', password: otp } })).headers['set-cookie']).split(';')[0]!;
    const csrf = (await t.anonymous('GET', '/api/auth/session', undefined, { cookie })).body.csrfToken;
    const back = await t.anonymous('POST', '/api/auth/password', { currentPassword: otp, newPassword: DEMO_PASSWORD }, { cookie, 'x-csrf-token': csrf });
    expect(back.body.error.message).toContain('最近 5 次');
  });

  it('refuses security settings below length 10 or 3 classes, and floors a weaker stored row', async () => {
    const current = (await security('GET', '/settings/security')).body;
    for (const [field, value] of [['passwordMinLength', 8], ['passwordMinClasses', 2]] as const) {
      const r = await security('PUT', '/settings/security', { ...current, [field]: value });
      expect(r.status, field).toBe(400);
      expect(r.body.error.field).toBe(field);
    }
    // A row written before the floors (or by hand) is read at the floors; its other values stand.
    await t.database.db
      .insertInto('town_settings')
      .values({ town_id: t.townId, key: 'security', value_json: JSON.stringify({ ...current, passwordMinLength: 6, passwordMinClasses: 1, sessionIdleMinutes: 20 }), updated_at: '2026-03-15T10:00:00.000+08:00' })
      .onConflict((oc) => oc.columns(['town_id', 'key']).doUpdateSet({ value_json: (eb) => eb.ref('excluded.value_json') }))
      .execute();
    expect((await security('GET', '/settings/security')).body).toMatchObject({ passwordMinLength: 10, passwordMinClasses: 3, sessionIdleMinutes: 20 });
    const office = await t.as('office');
    const short = await office('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Rv-Cln-26' });
    expect(short.body.error.message).toContain('至少需要 10 个字符');
  });
});
