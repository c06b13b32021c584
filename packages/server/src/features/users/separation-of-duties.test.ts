import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as uniqueGrants } from '../../db/migrations/2026_12_08_0015_unique_grants.js';
import { inTransaction } from '../../http/context.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { addDemoUser } from '../demo/demo-users.js';
import { SYSTEM } from '../policy.js';

// #13 items 9 and 16: 三权分立 (R27, 等保 level 3) — no one grants to their own account, the three
// administrator roles never share an account with a business role (whichever comes first), and a
// user holds a role in a scope once.

const TOWN = { scopeKind: 'town', scopeId: null } as const;

describe('separation of duties in grants (三权分立)', () => {
  let t: TestTown;
  let security: Api;
  const users = new Map<string, string>();
  beforeAll(async () => {
    t = await demoTown();
    security = await t.as('security');
    for (const u of (await security('GET', '/users?pageSize=100')).body.items as { id: string; username: string }[]) users.set(u.username, u.id);
  });
  afterAll(() => t.close());

  const grant = (username: string, body: object) => security('POST', `/users/${users.get(username)}/grants`, body);

  it('refuses a security administrator granting anything to its own account', async () => {
    for (const role of ['town_hr', 'finance', 'security_admin'] as const) {
      const r = await grant('security', { role, ...TOWN });
      expect(r.status, role).toBe(403);
      expect(r.body.error.message).toContain('不能给自己的账号授权');
    }
    // Still only its own grant: it cannot reveal an ID it could not before.
    const me = (await security('GET', '/users?q=security')).body.items.find((u: { username: string }) => u.username === 'security');
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['security_admin']);
  });

  it('refuses a business role for an administrator, and an administrator role for a business account', async () => {
    const auditorSupervision = await grant('auditor', { role: 'supervision', ...TOWN });
    expect(auditorSupervision.status).toBe(422);
    expect(auditorSupervision.body.error).toMatchObject({ field: 'role' });
    expect(auditorSupervision.body.error.message).toContain('三权分立');
    expect((await grant('admin', { role: 'finance', ...TOWN })).status).toBe(422);
    // The other order: a business account made an administrator.
    const hrAdmin = await grant('hr', { role: 'security_admin', ...TOWN });
    expect(hrAdmin.status).toBe(422);
    expect(hrAdmin.body.error.message).toContain('业务角色');
    // …and both at once for a new account.
    const both = await security('POST', '/users', { username: 'sec-hr', displayName: '兼职', grants: [{ role: 'town_hr', ...TOWN }, { role: 'security_admin', ...TOWN }] });
    expect(both.status).toBe(422);
    expect(both.body.error).toMatchObject({ field: 'grants' });
    // Business roles together remain fine (R21 lets a supervising department also lead).
    expect((await grant('hr', { role: 'leader', ...TOWN })).status).toBe(201);
  });

  it('lets only one of an administrator role and a business role through when both are granted at once', async () => {
    const created = await security('POST', '/users', { username: 'racer', displayName: '并发', grants: [{ role: 'leader', ...TOWN }] });
    const id = created.body.user.id as string;
    expect((await security('DELETE', `/users/${id}/grants/${created.body.user.grants[0].id}`)).status).toBe(200);
    const results = await Promise.all([
      security('POST', `/users/${id}/grants`, { role: 'security_admin', ...TOWN }),
      security('POST', `/users/${id}/grants`, { role: 'town_hr', ...TOWN }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect((await security('GET', '/users?q=racer')).body.items[0].grants).toHaveLength(1);
  });

  it('applies the same rules to the demo seed and the CLI path (createUser as the system)', async () => {
    const meta = { actor: SYSTEM, requestId: 'test', ip: '' };
    await expect(
      inTransaction(t.database, t.runtime, meta, (ctx) => addDemoUser(ctx, t.townId, 'mixed', [{ role: 'system_admin', ...TOWN }, { role: 'finance', ...TOWN }])),
    ).rejects.toThrow('Separation of duties');
  });

  it('refuses an identical grant with a clear message, in one request or across two', async () => {
    const again = await grant('hr', { role: 'town_hr', ...TOWN });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', field: 'role' });
    expect(again.body.error.message).toContain('无需重复授权');
    const twice = await security('POST', '/users', { username: 'fin2', displayName: '会计二', grants: [{ role: 'finance', ...TOWN }, { role: 'finance', ...TOWN }] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.field).toBe('grants.1.role');
    const hr = (await security('GET', '/users?q=hr')).body.items.find((u: { username: string }) => u.username === 'hr');
    expect(hr.grants.filter((g: { role: string }) => g.role === 'town_hr')).toHaveLength(1);
  });

  it('holds identical grants apart in the database too, under a race', async () => {
    const insert = (id: string) =>
      t.database.db
        .insertInto('user_grants')
        .values({ town_id: t.townId, id, user_id: users.get('finance')!, role: 'finance', scope_kind: 'town', scope_id: null, created_at: '2026-03-15T10:00:00+08:00' })
        .execute();
    await expect(insert('dup-grant-1')).rejects.toThrow();
  });

  it('migrates a database that already holds identical grants, keeping the first', async () => {
    const userId = users.get('coop1')!;
    const coopGrant = await t.database.db.selectFrom('user_grants').selectAll().where('town_id', '=', t.townId).where('user_id', '=', userId).executeTakeFirstOrThrow();
    const kept = await t.database.db.transaction().execute(async (trx) => {
      await sql`drop index user_grants_identical_uq`.execute(trx);
      await trx.insertInto('user_grants').values({ ...coopGrant, id: `${coopGrant.id}-dup` }).execute();
      await trx.insertInto('user_grants').values({ ...coopGrant, id: `${coopGrant.id}-dup2` }).execute();
      await uniqueGrants(trx as unknown as Kysely<unknown>);
      return trx.selectFrom('user_grants').select('id').where('town_id', '=', t.townId).where('user_id', '=', userId).execute();
    });
    expect(kept.map((r) => r.id)).toEqual([coopGrant.id]);
  });
});
