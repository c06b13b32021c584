import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { widenQuota } from '../../testing/quota.js';
import { changeSecuritySettings } from '../../testing/security.js';
import { PARALLEL_IMPORT, type Sealing } from './prepare-on-worker.js';
import { cleanRows, fixtureIds, freshRegion, MESSY_HEADER, messyRows, messyWorkbook, multipart, workbookOf, type Cell, type FixtureIds } from './test-workbooks.js';

// A large file's commit is read, checked and sealed on a worker thread while the request's thread
// writes the batches before (#4 parts 6 and 9). These tests send small files through that path
// (every size, two rows a batch) and hold it to the request-thread path: the same workers stored,
// the same refusals, nothing written when any row fails — also when earlier batches were written.

const settings = { ...PARALLEL_IMPORT };
const onWorker = (sealing: Sealing) => Object.assign(PARALLEL_IMPORT, { fromBytes: 0, batchRows: 2, firstBatchRows: 1, sealing });

describe('an import read and checked on a worker thread', () => {
  let t: TestTown;
  let hr: Api;
  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    await widenQuota(hr, { 河道保洁: 20, 林业养护: 20, 社区保安: 20 });
    // These tests reveal every stored number to compare them: more than one person's hourly limit (#13).
    await changeSecuritySettings(t, { revealsPerHour: 500 });
  });
  afterEach(() => {
    Object.assign(PARALLEL_IMPORT, settings);
  });
  afterAll(() => t.close());

  const send = (step: string, data: Buffer, name = '花名册.xlsx') => {
    const { payload, contentType } = multipart({ name, data });
    return hr('POST', `/workers/import/${step}`, payload, { 'content-type': contentType });
  };
  const ids = () => fixtureIds(freshRegion(), randomInt(100, 900));
  const file = (id: FixtureIds) => workbookOf(MESSY_HEADER, cleanRows(id), '小昆山镇公益性岗位人员花名册');
  const registered = async (idNumber: string) => (await hr('GET', `/workers?idNumber=${idNumber}`)).body.total as number;

  /** What the roster, the worker page and reveal show of a person, without the ids that differ per import. */
  async function stored(idNumber: string) {
    const row = (await hr('GET', `/workers?idNumber=${idNumber}`)).body.items[0];
    const detail = (await hr('GET', `/workers/${row.personId}`)).body;
    const byTail = (await hr('GET', `/workers?idTail=${idNumber.slice(-4)}`)).body.items.map((w: { personId: string }) => w.personId);
    const reveal = async (field: string) => (await hr('POST', `/workers/${row.personId}/reveal`, { field })).body.value as string | null;
    const { id: _p, ...person } = detail.person;
    const { id: _i, personId: _pp, employmentId: _e, createdAt: _c, ...post } = detail.post;
    return { person, post, flags: detail.flags, foundByTail: byTail.includes(row.personId), id: await reveal('idNumber'), phone: await reveal('phone'), bank: await reveal('bankAccount') };
  }

  for (const sealing of ['worker', 'request'] as const) {
    it(`stores exactly what the request's thread stores (numbers sealed by the ${sealing === 'worker' ? 'worker' : "request's thread"})`, async () => {
      const mine = ids();
      const theirs = ids();
      expect((await send('commit', await file(mine))).body).toEqual({ fileName: '花名册.xlsx', total: 4, created: 4, unchanged: 0, skipped: 0 });
      onWorker(sealing);
      const before = await auditCount(t.database, t.townId);
      expect((await send('commit', await file(theirs))).body).toEqual({ fileName: '花名册.xlsx', total: 4, created: 4, unchanged: 0, skipped: 0 });
      expect(await auditCount(t.database, t.townId)).toBe(before + 1);
      for (const who of ['zhang', 'li', 'qian', 'zhou'] as const) {
        const a = await stored(mine[who]);
        const b = await stored(theirs[who]);
        expect(b.id).toBe(theirs[who]);
        expect(b.foundByTail).toBe(true);
        // Everything but the ID number itself (and what derives from it) is the same.
        expect({ ...b, id: null, person: { ...b.person, idNumberMasked: null, birthDate: null, sex: null } }).toEqual({ ...a, id: null, person: { ...a.person, idNumberMasked: null, birthDate: null, sex: null } });
      }
      // The same file again: nothing new, every row unchanged.
      expect((await send('commit', await file(theirs))).body).toEqual({ fileName: '花名册.xlsx', total: 4, created: 0, unchanged: 4, skipped: 0 });
    });
  }

  it('refuses a file with errors after earlier batches were written, and nothing of it stays', async () => {
    onWorker('balance');
    const id = ids();
    // Two good batches, then the messy rows (7 errors among them).
    const good: Cell[][] = cleanRows(ids());
    const data = await workbookOf(MESSY_HEADER, [...good, ...messyRows(id)], '小昆山镇公益性岗位人员花名册');
    const before = await auditCount(t.database, t.townId);
    const commit = await send('commit', data);
    expect(commit.status).toBe(422);
    expect(commit.body.error.message).toBe('有 7 行存在错误，本次没有导入任何数据。请下载错误报告，按“问题说明”改正后重新导入。');
    for (const row of good) expect(await registered(String(row[2]))).toBe(0);
    expect(await registered(id.zhang)).toBe(0);
    expect(await auditCount(t.database, t.townId)).toBe(before);
  });

  it('refuses as the request-thread path does: the messy workbook, no header, an empty sheet, a CSV', async () => {
    const messy = await messyWorkbook(ids());
    const noHeader = await workbookOf(['甲', '乙'], [['1', '2']]);
    const empty = await workbookOf([], []);
    const csv = Buffer.from(`姓名,身份证号码,所属队伍,入职日期\n张三,${ids().zhang},林业养护,2013-01-01\n李四,123,林业养护,2013-01-01\n`);
    const answers = async () => [await send('commit', messy), await send('commit', noHeader), await send('commit', empty), await send('commit', csv, '人员.csv')].map((r) => [r.status, r.body.error?.message]);
    const here = await answers();
    onWorker('balance');
    expect(await answers()).toEqual(here);
    expect(here.map(([status]) => status)).toEqual([422, 422, 422, 422]);
  });

  it('imports a CSV on the worker', async () => {
    onWorker('balance');
    const id = ids();
    const csv = Buffer.from(`姓名,身份证号码,所属队伍,入职日期\n张三,${id.zhang},林业养护,2013-01-01\n李四,${id.li},林业养护,2013.1.1\n`);
    expect((await send('commit', csv, '人员.csv')).body).toEqual({ fileName: '人员.csv', total: 2, created: 2, unchanged: 0, skipped: 0 });
    expect((await stored(id.li)).post).toMatchObject({ teamName: '林业养护', startDate: '2013-01-01' });
  });
});
