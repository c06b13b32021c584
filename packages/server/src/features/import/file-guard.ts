import { refuse, type ImportLimits } from './refusals.js';
import { readZipDirectory } from './zip-directory.js';

// What kind of file was uploaded, judged by its bytes rather than its name, and whether it is
// safe to parse. Every refusal happens here, before exceljs or the CSV reader sees the file.

export type UploadKind = 'xlsx' | 'csv';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** Compound File Binary: an encrypted OOXML workbook, or an Excel 97–2003 .xls. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const TEXT_EXTENSIONS = new Set(['csv', 'txt']);
const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls', 'et']);

const startsWith = (data: Buffer, magic: Buffer) => data.length >= magic.length && data.subarray(0, magic.length).equals(magic);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function checkZip(data: Buffer, limits: ImportLimits): void {
  const entries = readZipDirectory(data);
  if (!entries) throw refuse.damaged();
  const expanded = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (expanded > limits.maxExpandedBytes) throw refuse.expandsTooFar(limits);
  if (!entries.some((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) throw refuse.notWorkbook();
}

/** UTF-16 text carries its BOM; any other NUL byte in the first 8 KB means a binary file. */
function looksBinary(data: Buffer): boolean {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return false;
  return data.subarray(0, 8192).includes(0);
}

/** Refuses what cannot or must not be parsed; otherwise says how to read the file. */
export function checkUpload(data: Buffer, fileName: string, limits: ImportLimits): UploadKind {
  if (data.length === 0) throw refuse.emptyFile();
  if (data.length > limits.maxBytes) throw refuse.tooLarge(limits);
  if (startsWith(data, CFB_MAGIC)) throw refuse.encrypted();
  if (startsWith(data, EMPTY_ZIP_MAGIC)) throw refuse.notWorkbook();
  if (startsWith(data, ZIP_MAGIC)) {
    checkZip(data, limits);
    return 'xlsx';
  }
  const extension = extensionOf(fileName);
  if (WORKBOOK_EXTENSIONS.has(extension)) throw refuse.notWorkbook();
  if (!TEXT_EXTENSIONS.has(extension)) throw refuse.unsupportedType();
  if (looksBinary(data)) throw refuse.notText();
  return 'csv';
}
