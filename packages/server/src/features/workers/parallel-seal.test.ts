import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { widenQuota } from '../../testing/quota.js';
import { testKeyring } from '../crypto/keyring.js';
import { cleanRows, fixtureIds, freshRegion, MESSY_HEADER, multipart, workbookOf } from '../import/test-workbooks.js';
import { SEAL_OUT, startSealer } from './parallel-seal.js';
import { sealNumbers, type PersonNumbers } from './person-codec.js';
import { BULK_WORKERS } from './insert-workers.js';

// A bulk import seals persons' numbers on a worker thread (parallel-seal.ts): what it stores must
// be exactly what sealing on the request's thread stores — ciphertexts that open to the numbers,
// and the same keyed hashes.

describe('sealing numbers on a worker thread', () => {
  it('gives the same hashes as this thread and ciphertexts that open to the numbers; nulls stay null', async () => {
    const keyring = testKeyring();
    const people: PersonNumbers[] = [
      { idNumber: '11010519491231002X', phone: '13812345678', bankAccount: '6228480402564890018', emergencyContactPhone: '021-57831234' },
      { idNumber: '310117199001011234', phone: null, bankAccount: null, emergencyContactPhone: null },
    ];
    const sealer = startSealer(keyring)!;
    try {
      const known = ['known-hash', keyring.hash('id', people[1]!.idNumber)];
      const sealed = await sealer.seal(people, known);
      expect(sealed).toHaveLength(people.length * SEAL_OUT);
      people.forEach((p, i) => {
        const mine = sealNumbers(keyring, p, known[i]);
        const theirs = sealed.slice(i * SEAL_OUT, (i + 1) * SEAL_OUT);
        // Hashes (positions 1, 2, 4, 6) are deterministic; ciphertexts (0, 3, 5, 7) carry a fresh IV each.
        for (const at of [1, 2, 4, 6]) expect(theirs[at]).toBe(mine[at]);
        const clear = [p.idNumber, p.phone, p.bankAccount, p.emergencyContactPhone];
        [0, 3, 5, 7].forEach((at, k) => {
          const cipher = theirs[at];
          expect(cipher === null ? null : keyring.decrypt(cipher!)).toBe(clear[k]);
          if (cipher) expect(cipher).toMatch(/^k1:/);
        });
      });
      expect(sealed[1]).toBe('known-hash');
      // A second job on the same worker.
      expect(await sealer.seal(people.slice(0, 1), undefined)).toHaveLength(SEAL_OUT);
    } finally {
      await sealer.close();
    }
  });
});

describe('an import sealed on a worker thread', () => {
  let t: TestTown;
  let hr: Api;
  const settings = { ...BULK_WORKERS };
  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    await widenQuota(hr, { 河道保洁: 20, 林业养护: 10, 社区保安: 10 });
  });
  afterEach(() => {
    Object.assign(BULK_WORKERS, settings);
  });
  afterAll(() => t.close());

  it('stores numbers the roster finds by ID and ID tail, and reveals in clear', async () => {
    // One row a chunk: the first sealed here, the other three on the worker.
    Object.assign(BULK_WORKERS, { chunk: 1, sealOnWorkerFrom: 1, waitForSealer: true });
    const id = fixtureIds(freshRegion(), randomInt(100, 900));
    const { payload, contentType } = multipart({ name: '花名册.xlsx', data: await workbookOf(MESSY_HEADER, cleanRows(id), '花名册') });
    const commit = await hr('POST', '/workers/import/commit', payload, { 'content-type': contentType });
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ total: 4, created: 4 });
    for (const who of ['zhang', 'li', 'qian', 'zhou'] as const) {
      const worker = (await hr('GET', `/workers?idNumber=${id[who]}`)).body.items[0];
      expect(worker, who).toBeDefined();
      expect((await hr('GET', `/workers?idTail=${id[who].slice(-4)}`)).body.items.map((w: { personId: string }) => w.personId)).toContain(worker.personId);
      expect((await hr('POST', `/workers/${worker.personId}/reveal`, { field: 'idNumber' })).body.value).toBe(id[who]);
      if (worker.phoneMasked) expect((await hr('POST', `/workers/${worker.personId}/reveal`, { field: 'phone' })).body.value.slice(-4)).toBe(worker.phoneMasked.slice(-4));
    }
  });
});
