import { LEAVE_TYPE_LABELS, LEAVE_TYPES, type EntryInput, type Scorer, type Sheet } from '@gongyi/domain';
import { AppError } from '../../http/errors.js';
import type { Column } from '../../http/xlsx.js';
import { checkUpload } from '../import/file-guard.js';
import { readSheet, type CellValue } from '../import/read-sheet.js';
import { IMPORT_LIMITS } from '../import/refusals.js';
import type { Upload } from '../import/import.service.js';

// #6 part 5: a month's sheet as an xlsx a clerk fills in Excel or WPS and uploads again. Columns
// are found by their header text, rows by the system number in the last column; an empty cell
// leaves the stored value as it is. The unit's sheet holds attendance and the unit's indicators; the
// community's (R25, where the team holds a share) only its own workers and its own indicators.

type SheetEntry = Sheet['entries'][number];
const ID_HEADER = '系统编号（勿改）';

/** The indicators a scorer fills: the unit all but the community's own where the team holds a share. */
function indicatorsOf(sheet: Sheet, scorer: Scorer) {
  const share = sheet.communitySharePercent !== null;
  return sheet.template.indicators.filter((i) => (scorer === 'community' ? share && i.scorer === 'community' : !share || i.scorer === 'unit'));
}

const indicatorHeader = (i: Sheet['template']['indicators'][number]) => `${i.name}（满分${i.pointsTenths / 10}）`;

export function sheetColumns(sheet: Sheet, scorer: Scorer = 'unit'): Column<SheetEntry>[] {
  const scores = indicatorsOf(sheet, scorer).map((i) => ({ header: indicatorHeader(i), width: 14, value: (e: SheetEntry) => e.scores[i.id] ?? null }));
  if (scorer === 'community') {
    return [
      { header: '姓名', width: 10, value: (e) => e.name },
      { header: '村居', width: 12, value: (e) => e.communityName ?? '' },
      ...scores,
      { header: ID_HEADER, width: 40, value: (e) => e.personId },
    ];
  }
  return [
    { header: '姓名', width: 10, value: (e) => e.name },
    { header: '村居', width: 12, value: (e) => e.communityName ?? '' },
    { header: '应出勤天数', width: 10, value: (e) => e.daysDue },
    { header: '出勤天数', width: 10, value: (e) => e.daysWorked },
    { header: '旷工天数', width: 10, value: (e) => e.absenceDays || null },
    ...LEAVE_TYPES.map((t) => ({ header: LEAVE_TYPE_LABELS[t].zh, width: 8, value: (e: SheetEntry) => e.leave[t] ?? null })),
    ...(sheet.entries.some((e) => e.perPersonServed) ? [{ header: '服务人数', width: 10, value: (e: SheetEntry) => e.peopleServed }] : []),
    ...scores,
    { header: ID_HEADER, width: 40, value: (e) => e.personId },
  ];
}

const number = (v: CellValue | undefined): number | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) ? n : Number.NaN;
};

/** The rows of an uploaded sheet as entry inputs; a cell that is not a number becomes NaN and is refused by the checks. */
export async function rowsFromUpload(upload: Upload, sheet: Sheet, scorer: Scorer = 'unit'): Promise<EntryInput[]> {
  const kind = checkUpload(upload.data, upload.fileName, IMPORT_LIMITS);
  const read = await readSheet(upload.data, kind, upload.fileName, IMPORT_LIMITS);
  const header = read.rows.find((r) => r.cells.some((c) => String(c ?? '').trim() === ID_HEADER));
  if (!header) {
    throw new AppError('bad_request', { zh: `表中找不到“${ID_HEADER}”列。请用本页“下载填报表”得到的表格填写后上传。`, en: 'The sheet lacks the system-number column; fill the downloaded template.' }, 'file');
  }
  const col = (title: string) => header.cells.findIndex((c) => String(c ?? '').trim() === title);
  const idCol = col(ID_HEADER);
  const rows: EntryInput[] = [];
  for (const r of read.rows.filter((x) => x.row > header.row)) {
    const personId = String(r.cells[idCol] ?? '').trim();
    if (!personId) continue;
    const cell = (title: string) => (col(title) < 0 ? undefined : number(r.cells[col(title)]));
    const leave = Object.fromEntries(LEAVE_TYPES.flatMap((t) => (cell(LEAVE_TYPE_LABELS[t].zh) === undefined ? [] : [[t, cell(LEAVE_TYPE_LABELS[t].zh)!]])));
    const scores = Object.fromEntries(indicatorsOf(sheet, scorer).flatMap((i) => {
      const v = cell(indicatorHeader(i));
      return v === undefined ? [] : [[i.id, v]];
    }));
    if (scorer === 'community') {
      if (Object.keys(scores).length) rows.push({ personId, scores });
      continue;
    }
    const served = cell('服务人数');
    rows.push({
      personId,
      ...(cell('出勤天数') === undefined ? {} : { daysWorked: cell('出勤天数')! }),
      ...(cell('旷工天数') === undefined ? {} : { absenceDays: cell('旷工天数')! }),
      ...(Object.keys(leave).length ? { leave } : {}),
      ...(served === undefined ? {} : { peopleServed: Number.isInteger(served) ? served : -1 }),
      ...(Object.keys(scores).length ? { scores } : {}),
    });
  }
  if (rows.length === 0) throw new AppError('bad_request', { zh: '表中没有可导入的行。', en: 'The sheet has no rows.' }, 'file');
  return rows;
}
