import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { advance, changeSecuritySettings } from '../../testing/security.js';

// #13 item 13: the ID reveal is limited per user and hour (a town setting, default 20); the first
// reveal beyond it alerts the supervision office (a 'reveal.threshold' record in the audit log it
// reads), and every reveal beyond it is refused with 429 in Chinese, audited.

describe('the ID reveal is rate-limited per user (#13)', () => {
  let t: TestTown;
  let hr: Api;
  let personIds: string[];
  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    personIds = (await hr('GET', '/workers?pageSize=5')).body.items.map((w: { personId: string }) => w.personId);
  });
  afterAll(() => t.close());

  const reveal = (who: Api, i: number) => who('POST', `/workers/${personIds[i % personIds.length]}/reveal`, { field: 'idNumber' });

  it('defaults to 20 an hour', async () => {
    const security = await t.as('security');
    expect((await security('GET', '/settings/security')).body.revealsPerHour).toBe(20);
  });

  it('refuses the reveals beyond the hour’s limit, alerts the supervision office once, and opens again after the hour', async () => {
    await changeSecuritySettings(t, { revealsPerHour: 3 });

    for (let i = 0; i < 3; i++) expect((await reveal(hr, i)).status).toBe(200);
    const refused = await reveal(hr, 3);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('每人每小时最多 3 次');
    expect(refused.body.error.message).toContain('监察室');
    expect((await reveal(hr, 4)).status).toBe(429);

    const jiancha = await t.as('jiancha');
    const alerts = (await jiancha('GET', '/audit?action=reveal.threshold')).body;
    expect(alerts.total).toBe(1);
    expect(alerts.items[0]).toMatchObject({ result: 'denied', objectType: 'user' });
    expect(alerts.items[0].after).toContain('"limit":3');
    const denied = (await jiancha('GET', '/audit?action=worker.reveal&result=denied')).body;
    expect(denied.total).toBe(2);

    // Another user has a count of its own.
    const coop1 = await t.as('coop1');
    const coopWorker = (await coop1('GET', '/workers?pageSize=1')).body.items[0].personId;
    expect((await coop1('POST', `/workers/${coopWorker}/reveal`, { field: 'idNumber' })).status).toBe(200);

    advance(t, 3601);
    expect((await reveal(await t.as('hr'), 0)).status).toBe(200);
  });
});
