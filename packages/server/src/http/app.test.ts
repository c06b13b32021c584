import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from './context.js';
import { SYSTEM } from '../features/policy.js';
import { demoTown, type TestTown } from '../testing/harness.js';
import { inject } from 'vitest';

describe('HTTP boundary', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res.body).toEqual({ status: 'ok', database: inject('testDatabase').kind, version: expect.any(String) });
  });

  it('publishes OpenAPI and a browsable docs page', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/towns/{townId}/teams/{id}/assignments');
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('gives one error shape for malformed JSON, oversize bodies, unknown addresses and towns', async () => {
    const json = { 'content-type': 'application/json' };
    const badJson = await t.api('POST', '/departments', '{"name":', json);
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toMatchObject({ code: 'bad_request' });
    const huge = await t.api('POST', '/departments', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), json);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const xml = await t.api('POST', '/departments', '<a/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    const missing = await t.api('GET', '/api/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('没有这个地址');
    const noTown = await t.api('GET', '/api/towns/nope/teams');
    expect(noTown.status).toBe(404);
    expect(noTown.body.error.message).toContain('该镇不存在');
    const badPage = await t.api('GET', '/departments?pageSize=1000');
    expect(badPage.status).toBe(400);
    expect(badPage.body.error).toMatchObject({ field: 'pageSize' });
    expect(badPage.body.error.message).toContain('每页条数');
  });

  it('echoes a request id on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'req-12345678' } });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });

  it('rolls back every write of a request that fails part-way', async () => {
    const meta = { actor: SYSTEM, requestId: 'test', ip: '' };
    await expect(
      inTransaction(t.database, t.runtime, meta, async (ctx) => {
        await ctx.db
          .insertInto('departments')
          .values({ town_id: t.townId, id: 'half-written', name: '半途部门', short_name: '半途', kind: 'town_office', note: '', valid_from: '2026-01-01', valid_to: null, created_at: 'x', updated_at: 'x' })
          .execute();
        throw new Error('failure after the first write');
      }),
    ).rejects.toThrow('failure after the first write');
    const found = await t.database.db.selectFrom('departments').select('id').where('town_id', '=', t.townId).where('id', '=', 'half-written').execute();
    expect(found).toEqual([]);
  });
});
