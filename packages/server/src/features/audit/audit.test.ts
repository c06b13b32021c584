import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type TestTown } from '../../testing/harness.js';
import { verifyTownChain } from './audit.service.js';

describe('tamper-evident audit log (R27, #3)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('chains every record of a town and verifies clean after real work', async () => {
    await t.api('POST', '/departments', { name: '审计测试部门', kind: 'town_office', validFrom: '2026-01-01' });
    const check = await verifyTownChain(t.database.db, t.runtime.keyring, t.townId);
    expect(check).toMatchObject({ ok: true, firstBroken: null });
    expect(check.checked).toBeGreaterThan(50);
    const auditor = await t.as('auditor');
    expect((await auditor('GET', '/audit/verify')).body.ok).toBe(true);
  });

  it('lets audit_admin and supervision filter and export; the export is audited', async () => {
    const auditor = await t.as('jiancha');
    const page = await auditor('GET', '/audit?action=department.create&pageSize=5');
    expect(page.body.items[0]).toMatchObject({ action: 'department.create', result: 'ok' });
    expect(page.body.items[0].grant).toBe('系统管理员（全镇）');
    const police = await t.as('paichusuo');
    await police('GET', '/audit');
    const denied = (await auditor('GET', '/audit?action=access.denied')).body.items[0];
    expect(denied).toMatchObject({ grant: '日常管理单位（派出所）', result: 'denied' });
    const logins = await auditor('GET', '/audit?action=login&from=2026-03-15&to=2026-03-15');
    expect(logins.body.total).toBeGreaterThanOrEqual(2);
    const file = await auditor('GET', '/audit/export.xlsx?action=department');
    expect(file.status).toBe(200);
    const exported = (await auditor('GET', '/audit?action=audit.export')).body.items[0];
    expect(JSON.parse(exported.after)).toMatchObject({ filters: { action: 'department' } });
  });

  it('lets the supervision office export the checkpoints (audited), and verify over HTTP finds records cut off (#13 item 7)', async () => {
    const office = await t.as('jiancha');
    const res = await office('GET', '/audit/checkpoints');
    expect(res.status).toBe(200);
    const lines = String(res.body).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ town_id: t.townId, reason: 'export', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await office('GET', '/audit?action=audit_checkpoints.export')).body.total).toBe(1);
    expect((await (await t.as('finance'))('GET', '/audit/checkpoints')).status).toBe(403);
    const head = Number(lines.at(-1).audit_seq);
    await sql`delete from audit_log where town_id = ${t.townId} and seq >= ${head - 1}`.execute(t.database.db);
    const check = (await office('GET', '/audit/verify')).body;
    expect(check).toMatchObject({ ok: false, firstBroken: { seq: head - 1 } });
    expect(check.firstBroken.reason).toContain('被删除（截断）');
  });

  it('names the record that was changed directly in the database', async () => {
    const victim = await t.database.db.selectFrom('audit_log').select(['seq', 'id']).where('town_id', '=', t.townId).where('action', '=', 'department.create').orderBy('seq').executeTakeFirstOrThrow();
    await sql`update audit_log set actor = ${'篡改者'} where town_id = ${t.townId} and seq = ${victim.seq}`.execute(t.database.db);
    const check = await verifyTownChain(t.database.db, t.runtime.keyring, t.townId);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toMatchObject({ seq: Number(victim.seq), id: victim.id });
    expect(check.firstBroken!.reason).toContain('记录被改动');
  });

  it('notices a deleted record', async () => {
    const town = await demoTown();
    try {
      await sql`delete from audit_log where town_id = ${town.townId} and seq = 3`.execute(town.database.db);
      const check = await verifyTownChain(town.database.db, town.runtime.keyring, town.townId, { batchSize: 2 });
      expect(check.firstBroken).toMatchObject({ seq: 4 });
      expect(check.firstBroken!.reason).toContain('删除');
    } finally {
      await town.close();
    }
  });
});
