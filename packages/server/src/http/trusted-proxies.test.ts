import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD } from '../features/demo/demo-users.js';
import { StartupError } from '../startup-error.js';
import { demoTown, type TestTown } from '../testing/harness.js';
import { buildApp } from './app.js';
import type { App } from './route-kit.js';
import { parseTrustProxy } from './trusted-proxies.js';

// #13 item 12: X-Forwarded-For is believed only from the configured proxies, and request.ip is
// the right-most hop that is not one of them — so a client cannot pick its own address to dodge
// the sign-in rate limit or to write a forged IP into the audit log.

const RATE_LIMIT = 5;

describe('client address behind a reverse proxy (GONGYI_TRUST_PROXY)', () => {
  let t: TestTown;
  const apps: App[] = [];
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  /** An app over the demo town's database, configured from the environment as `gongyi serve` is. */
  async function appWith(trustProxy: string): Promise<App> {
    const config = loadConfig({ GONGYI_TRUST_PROXY: trustProxy });
    const app = await buildApp({ database: t.database, runtime: t.runtime, trustProxy: config.trustProxy, loginRateLimit: RATE_LIMIT });
    apps.push(app);
    return app;
  }

  const signIn = (app: App, peer: string, forwardedFor: string, username = 'nobody', password = 'wrong-password-1') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: peer,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { townCode: t.townCode, username, password },
    });

  async function lastSignInIp(): Promise<string | undefined> {
    const row = await t.database.db
      .selectFrom('audit_log')
      .select('ip')
      .where('town_id', '=', t.townId)
      .where('action', '=', 'login.success')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    return row?.ip;
  }

  for (const setting of ['1', '127.0.0.1,10.0.0.0/8']) {
    it(`ignores a forged X-Forwarded-For from an untrusted peer (GONGYI_TRUST_PROXY=${setting})`, async () => {
      const app = await appWith(setting);
      const peer = setting === '1' ? '198.51.100.20' : '198.51.100.21';
      const statuses: number[] = [];
      for (let i = 1; i <= RATE_LIMIT + 3; i++) statuses.push((await signIn(app, peer, `6.6.${i}.6`)).statusCode);
      // Every forged address is the same caller: the rate limit still fires.
      expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429]);

      const ok = await signIn(await appWith(setting), peer, '6.6.6.6', 'hr', DEMO_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(await lastSignInIp()).toBe(peer);
    });
  }

  it('takes the right-most untrusted hop when the peer is a trusted proxy', async () => {
    const app = await appWith('127.0.0.1,10.0.0.0/8');
    // The client forged "6.6.6.6"; the edge proxy (10.0.0.5) appended the real client 203.0.113.7,
    // and the inner proxy (10.1.2.3) is the peer.
    const ok = await signIn(app, '10.1.2.3', '6.6.6.6, 203.0.113.7, 10.0.0.5', 'hr', DEMO_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(await lastSignInIp()).toBe('203.0.113.7');

    // Many real clients behind one proxy each have their own limit; one client behind it is limited.
    const statuses: number[] = [];
    for (let i = 1; i <= RATE_LIMIT + 2; i++) statuses.push((await signIn(app, '127.0.0.1', `6.6.${i}.6, 203.0.113.8`)).statusCode);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429]);
    expect((await signIn(app, '127.0.0.1', '203.0.113.9')).statusCode).toBe(401);
  });

  it('trusts no proxy unless told, and refuses a setting that is not a list of addresses', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('true')).toEqual(['loopback']);
    expect(parseTrustProxy(' 127.0.0.1, 10.0.0.0/8 ,::1 ')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['*', 'all', '10.0.0.0/33', '10.0.0/8', 'proxy.example.com', '2']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(StartupError);
    }
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('GONGYI_TRUST_PROXY');
  });
});
