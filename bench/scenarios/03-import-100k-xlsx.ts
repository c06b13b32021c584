import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { addDays, EDUCATION_LABELS, INSURANCE_LABELS, SPECIAL_POST_LABELS, type CreateWorker } from '@gongyi/domain';
import { migrateToLatest, openDatabase, type Database, type Runtime } from '../../packages/server/src/index.ts';
import { allDepartments } from '../../packages/server/src/features/departments/departments.service.ts';
import { allCommunities } from '../../packages/server/src/features/communities/communities.service.ts';
import { importFile } from '../../packages/server/src/features/import/import.service.ts';
import { prewarmImportWorker } from '../../packages/server/src/features/import/prepare-on-worker.ts';
import { SYSTEM } from '../../packages/server/src/features/policy.ts';
import { inTransaction, type ReadContext } from '../../packages/server/src/http/context.ts';
import { defineScenario } from '../scenario.ts';
import { benchRuntime, benchTown, demoOrg, manyWorkers } from '../workers.ts';

// A 100,000-row roster workbook imported end to end into the demo town (#4 part 9: ≤ 10 s on
// SQLite). Untimed: the demo town, and the workbook (once per process, exceljs streaming writer) as
// a town office keeps it: a merged title row, Chinese headers, IDs and card numbers as text, start
// dates as date cells. Timed: what POST /workers/import/commit runs (minus multipart), importFile in
// one transaction: the guard, then the file read and checked on a worker thread a batch at a time
// while this thread checks active-elsewhere, writes each batch and records the audit.

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const FILE_NAME = '小昆山镇公益性岗位人员花名册.xlsx';
const HEADER = ['序号', '姓名', '身份证号码', '联系电话', '所属队伍', '日常管理单位', '岗位', '村居', '入职日期', '开户银行', '银行卡号', '学历', '待遇办法', '原月基本工资', '原月奖金', '参保类型', '特殊岗位', '野外作业', '编外'];

/** Team, unit and community names by id, as the clerk writes them. */
async function orgNames(ctx: ReadContext, townId: string) {
  const org = await demoOrg(ctx, townId);
  const byId = (items: { id: string; name: string }[]) => new Map(items.map((i) => [i.id, i.name]));
  return {
    org,
    team: byId(org.teams),
    department: byId(await allDepartments(ctx, townId, {})),
    community: byId(await allCommunities(ctx, townId, {})),
  };
}

type Names = Awaited<ReturnType<typeof orgNames>>;

function cells(k: number, w: CreateWorker, names: Names): (string | number | Date | null)[] {
  const { person: p, post } = w;
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  return [
    k + 1,
    p.name,
    p.idNumber,
    p.phone,
    names.team.get(post.teamId)!,
    names.department.get(post.managingDepartmentId)!,
    post.duty,
    post.communityId ? names.community.get(post.communityId)! : null,
    // On or after the teams' founding (2012-11-01): the import checks the team is in force.
    new Date(`${addDays('2012-11-01', k % 4000)}T00:00:00Z`),
    p.bankName,
    p.bankAccount,
    p.education ? EDUCATION_LABELS[p.education].zh : null,
    post.payScheme === 'legacy' ? '老办法' : '新办法',
    yuan(post.legacyBaseFen),
    yuan(post.legacyBonusFen),
    INSURANCE_LABELS[post.insurance].zh,
    post.specialPost ? SPECIAL_POST_LABELS[post.specialPost].zh : null,
    post.fieldOrHazardous ? '是' : '否',
    post.offRoster ? '是' : '否',
  ];
}

let workbook: string | undefined;

/** The workbook, written once per process to a temp file (removed at exit). */
async function rosterWorkbook(database: Database, runtime: Runtime, townId: string): Promise<string> {
  if (workbook) return workbook;
  const names = await orgNames({ db: database.db, kind: database.kind, clock: runtime.clock, keyring: runtime.keyring, actor: SYSTEM }, townId);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-bench-xlsx-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, FILE_NAME);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('花名册');
  const title = sheet.addRow(['小昆山镇公益性岗位从业人员花名册（2026年11月）']);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  title.commit();
  sheet.addRow(HEADER).commit();
  for (const [k, w] of manyWorkers(names.org, ROWS).entries()) {
    const row = sheet.addRow(cells(k, w, names));
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await writer.commit();
  return (workbook = file);
}

export default defineScenario({
  name: 'import 100k xlsx',
  iterations: 3,
  async run({ target, time }) {
    const database = await openDatabase(target);
    try {
      await migrateToLatest(database);
      const runtime = benchRuntime();
      const townId = await benchTown(database, runtime);
      const data = fs.readFileSync(await rosterWorkbook(database, runtime, townId));
      const meta = { actor: SYSTEM, requestId: 'bench-import', ip: '127.0.0.1' };
      // As `gongyi serve` does at start: the import's worker thread is up before a file arrives.
      await prewarmImportWorker();
      const result = await time(() => inTransaction(database, runtime, meta, (trx) => importFile(trx, townId, { fileName: FILE_NAME, data, mapping: {} })));
      if (result.created !== ROWS) throw new Error(`imported ${JSON.stringify(result)}, expected ${ROWS} created`);
      return ROWS;
    } finally {
      await database.close();
    }
  },
});
