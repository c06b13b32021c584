import { AppError, ruleViolation } from '../../http/errors.js';

// Every way a file is refused before any row is looked at: what was wrong and what to do.

export interface ImportLimits {
  /** Upload size. */
  maxBytes: number;
  /** Sum of the zip entries' uncompressed sizes (the zip-bomb guard). */
  maxExpandedBytes: number;
  /** Data rows below the header. */
  maxRows: number;
  /** Rows scanned for the header. */
  headerScanRows: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxExpandedBytes: 200 * 1024 * 1024,
  maxRows: 100_000,
  headerScanRows: 20,
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const SAVE_AS = '请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。';

export const refuse = {
  noFile: () =>
    new AppError('bad_request', { zh: '没有收到文件。请选择要导入的 .xlsx 或 .csv 文件后再提交。', en: 'No file was received; choose an .xlsx or .csv file.' }, 'file'),
  emptyFile: () => new AppError('bad_request', { zh: `文件是空的（0 字节）。${SAVE_AS}`, en: 'The file is empty (0 bytes).' }, 'file'),
  tooLarge: (limits: ImportLimits) =>
    new AppError(
      'payload_too_large',
      {
        zh: `文件超过 ${mb(limits.maxBytes)} MB，无法导入。请删除无关的工作表和图片，或拆分为多个文件分批导入。`,
        en: `The file is larger than ${mb(limits.maxBytes)} MB; remove other sheets and pictures or split it.`,
      },
      'file',
    ),
  expandsTooFar: (limits: ImportLimits) =>
    new AppError(
      'payload_too_large',
      {
        zh: `文件解压后超过 ${mb(limits.maxExpandedBytes)} MB，不像是正常的花名册，已拒绝。请检查文件，或拆分后分批导入。`,
        en: `The file expands to more than ${mb(limits.maxExpandedBytes)} MB when unzipped; it was refused. Check it or split it.`,
      },
      'file',
    ),
  encrypted: () =>
    new AppError(
      'unsupported_media_type',
      {
        zh: '文件已加密或为旧版 .xls，请取消密码并另存为 .xlsx 后再导入。',
        en: 'The file is password-protected or an old .xls; remove the password and save it as .xlsx.',
      },
      'file',
    ),
  notWorkbook: () =>
    new AppError(
      'unsupported_media_type',
      { zh: `文件不是有效的 .xlsx 工作簿（可能是其他文件改了扩展名）。${SAVE_AS}`, en: 'The file is not a valid .xlsx workbook (perhaps another file renamed); save it as .xlsx.' },
      'file',
    ),
  damaged: () =>
    new AppError('unsupported_media_type', { zh: `文件已损坏，无法读取。${SAVE_AS}`, en: 'The file is damaged and cannot be read; save it again as .xlsx.' }, 'file'),
  notText: () =>
    new AppError(
      'unsupported_media_type',
      { zh: `文件不是文本格式的 .csv（可能是其他文件改了扩展名）。${SAVE_AS}`, en: 'The file is not a text .csv (perhaps another file renamed); save it as .xlsx.' },
      'file',
    ),
  unsupportedType: () =>
    new AppError('unsupported_media_type', { zh: `只能导入 .xlsx 或 .csv 文件。${SAVE_AS}`, en: 'Only .xlsx and .csv files can be imported; save the file as .xlsx.' }, 'file'),
  emptySheet: (sheetName: string) =>
    ruleViolation(
      { zh: `第一个工作表“${sheetName}”是空的。请把花名册放在第一个工作表后再导入。`, en: `The first sheet "${sheetName}" is empty; put the roster in the first sheet.` },
      'file',
    ),
  noHeader: (limits: ImportLimits) =>
    ruleViolation(
      {
        zh: `在前 ${limits.headerScanRows} 行中没有找到表头。请确认花名册在第一个工作表，且有一行列名，如“姓名”“身份证号码”“所属队伍”“入职日期”。`,
        en: `No header row in the first ${limits.headerScanRows} rows; the roster needs a row of column names such as 姓名 and 身份证号码.`,
      },
      'file',
    ),
  noRows: (headerRow: number) =>
    ruleViolation({ zh: `表头（第 ${headerRow} 行）下面没有数据。请填写人员后再导入。`, en: `There are no rows below the header (row ${headerRow}).` }, 'file'),
  tooManyRows: (limits: ImportLimits) =>
    ruleViolation(
      {
        zh: `文件超过 ${limits.maxRows} 行数据。一次最多导入 ${limits.maxRows} 行，请分批导入。`,
        en: `The file has more than ${limits.maxRows} data rows; import at most ${limits.maxRows} rows at a time.`,
      },
      'file',
    ),
  badMapping: (zh: string, en: string) => new AppError('bad_request', { zh, en }, 'mapping'),
  rowsHaveErrors: (count: number) =>
    ruleViolation(
      {
        zh: `有 ${count} 行存在错误，本次没有导入任何数据。请下载错误报告，按“问题说明”改正后重新导入。`,
        en: `${count} row(s) have errors; nothing was imported. Download the report, fix the rows and import again.`,
      },
      'file',
    ),
};
