import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type TestTown } from '../../testing/harness.js';

describe('communities (村居, the grid unit)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('lists villages and residential committees, filters by kind', async () => {
    expect((await t.api('GET', '/communities?kind=village')).body.total).toBe(8);
    expect((await t.api('GET', '/communities?kind=residential')).body.total).toBe(3);
  });

  it('creates, renames and closes a community', async () => {
    const created = await t.api('POST', '/communities', { name: '示范九村', kind: 'village', validFrom: '2026-01-01' });
    expect(created.status).toBe(201);
    const renamed = await t.api('PATCH', `/communities/${created.body.id}`, { name: '示范新村', validTo: '2026-12-31' });
    expect(renamed.body).toMatchObject({ name: '示范新村', validTo: '2026-12-31', kind: 'village' });
    const clash = await t.api('PATCH', `/communities/${created.body.id}`, { name: '示范一村' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('村居“示范一村”已存在');
  });
});
