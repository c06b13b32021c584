import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';

// #13 item 1 on the one PUT that is not a whole replacement of what it names: a source's expected
// receipts for a year are an amount and its basis, and a call with the amount alone used to erase
// the basis (the schema filled in '').
describe('PUT /budget/{year}/receipts keeps the basis it is not sent (#13 item 1)', () => {
  let t: TestTown;
  let finance: Api;
  beforeAll(async () => {
    t = await demoTown();
    finance = await t.as('finance');
  });
  afterAll(() => t.close());

  const basis = async () =>
    (await t.database.db.selectFrom('budget_lines').select('basis').where('town_id', '=', t.townId).where('year', '=', 2026).where('kind', '=', 'receipt').where('source_code', '=', 'town_subsidy').executeTakeFirstOrThrow()).basis;

  it('changes the amount alone, and clears the basis only when sent empty', async () => {
    expect((await finance('PUT', '/budget/2026/receipts', { sourceCode: 'town_subsidy', amountFen: 100_000, basis: '镇财政预算批复' })).status).toBe(200);
    expect((await finance('PUT', '/budget/2026/receipts', { sourceCode: 'town_subsidy', amountFen: 200_000 })).status).toBe(200);
    expect(await basis()).toBe('镇财政预算批复');
    expect((await finance('PUT', '/budget/2026/receipts', { sourceCode: 'town_subsidy', amountFen: 200_000, basis: '' })).status).toBe(200);
    expect(await basis()).toBe('');
  });
});
