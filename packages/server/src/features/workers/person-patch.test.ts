import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';

// #13 item 1: editing a person's address through the console wiped the masked phone, bank account
// and emergency phone (the dialog leaves them out unless retyped), and the next bank file was
// refused ("7 人没有银行账号"). A PATCH changes only what it is sent.

/**
 * The body the console's edit dialog (`personUpdateBody`, packages/web workerLogic.ts) sent for
 * an address-only edit before the fix: every text field as shown, the masked numbers left out.
 * The dialog now sends only `{ address }`; both must leave the numbers as they were.
 */
const CONSOLE_BODY_BEFORE_FIX = {
  name: '王五',
  householdRegistration: '',
  address: '小昆山镇新址 1 号',
  bankName: '',
  education: null,
  disabilityCertificate: '',
  emergencyContactName: '',
};

describe('PATCH /workers/{id}/person changes only what it is sent (#13 item 1)', () => {
  let t: TestTown;
  let hr: Api;
  let personId: string;
  const numbers = { phone: '13912345678', bankAccount: '6228480402564890018', emergencyContactPhone: '13787654321' };

  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    personId = (await hr('GET', '/workers?pageSize=1')).body.items[0].personId;
    const set = await hr('PATCH', `/workers/${personId}/person`, { name: '王五', ...numbers });
    expect(set.status).toBe(200);
  });
  afterAll(() => t.close());

  const storedRow = () => t.database.db.selectFrom('persons').selectAll().where('town_id', '=', t.townId).where('id', '=', personId).executeTakeFirstOrThrow();
  const reveal = async (field: string) => (await hr('POST', `/workers/${personId}/reveal`, { field })).body.value;

  it.each([
    ['the console body before the fix', CONSOLE_BODY_BEFORE_FIX],
    ['the console body after the fix', { address: '小昆山镇新址 2 号' }],
  ])('keeps phone, bank account and emergency phone through an address edit (%s)', async (_label, body) => {
    const before = await storedRow();
    const res = await hr('PATCH', `/workers/${personId}/person`, body);
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ address: body.address, phoneMasked: expect.any(String), bankAccountMasked: expect.any(String), emergencyContactPhoneMasked: expect.any(String) });
    const after = await storedRow();
    // Not re-encrypted either: the numbers not sent keep their very ciphertexts and hashes.
    for (const column of ['phone_cipher', 'phone_hash', 'bank_account_cipher', 'bank_account_hash', 'emergency_contact_phone_cipher', 'id_cipher', 'id_hash'] as const) {
      expect(after[column], column).toBe(before[column]);
    }
    expect(after.address).toBe(body.address);
    for (const [field, value] of Object.entries(numbers)) expect(await reveal(field)).toBe(value);
  });

  it('audits which fields changed, without numbers in clear', async () => {
    await hr('PATCH', `/workers/${personId}/person`, { address: '小昆山镇新址 3 号', phone: '13600001111' });
    const [entry] = await t.database.db
      .selectFrom('audit_log')
      .select(['after_json', 'before_json'])
      .where('town_id', '=', t.townId)
      .where('action', '=', 'worker.person.update')
      .where('object_id', '=', personId)
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    const after = JSON.parse(entry!.after_json!);
    expect([...after.changed].sort()).toEqual(['address', 'phone']);
    expect(entry!.after_json).not.toContain('13600001111');
    expect(entry!.before_json).not.toContain(numbers.phone);
  });

  it('clears a number sent as null, and refuses to clear the name (422, in Chinese)', async () => {
    const cleared = await hr('PATCH', `/workers/${personId}/person`, { emergencyContactPhone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.person.emergencyContactPhoneMasked).toBeNull();
    expect(cleared.body.person.phoneMasked).not.toBeNull();
    const refused = await hr('PATCH', `/workers/${personId}/person`, { name: null });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ field: 'name', message: expect.stringContaining('不能清空') });
    expect((await storedRow()).name).toBe('王五');
  });

  it('clears a text field sent as null to empty', async () => {
    const res = await hr('PATCH', `/workers/${personId}/person`, { address: null });
    expect(res.status).toBe(200);
    expect((await storedRow()).address).toBe('');
    expect(res.body.person.bankAccountMasked).not.toBeNull();
  });
});
