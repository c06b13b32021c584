import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';

// The first worksheet of an .xlsx, row by row, without holding the sheet in memory.
//
// exceljs parses the XML (shared strings, styles for dates, the 1904 date system, the sheet's
// cells); the zip is opened here, from its central directory. exceljs's own streaming reader
// (WorkbookReader.parse) reads the zip with unzipper's Parse stream, which ends as soon as its
// input is consumed even while entries are still queued for the reader: under load the last
// entries were lost (exceljs writes workbook.xml last, so 1 read in ~800 of our own templates
// failed as "damaged"). Reading from the directory also lets us take the entries in the order the
// reader needs them, cap every entry at the size its directory declared (a lying zip bomb), and
// decode UTF-8 across chunk boundaries (exceljs decodes each chunk alone, splitting characters).

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const STORED_CHUNK = 16 * 1024;

type Relationship = { Id: string; Target: string };
type SheetRef = { name: string; rId: string };

/** The parts of exceljs's WorkbookReader used here (internal API of exceljs 4.4, pinned in package.json). */
interface ExcelWorkbookReader {
  workbookRels?: Relationship[];
  model?: { sheets?: SheetRef[] };
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: ExcelWorksheetReader }>;
}

interface ExcelWorksheetReader extends AsyncIterable<{ number: number; values: unknown }> {
  name: string;
}

export interface XlsxSheet {
  name: string;
  rows: AsyncIterable<{ number: number; values: unknown }>;
}

/** Thrown for a zip that is not a workbook; anything else thrown means a damaged file. */
export class NotAWorkbook extends Error {}

function entryBody(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (data.readUInt32LE(at) !== LOCAL_HEADER) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw new Error(`${entry.name} runs past the end`);
  return data.subarray(start, start + entry.compressedSize);
}

/**
 * An entry as text chunks, inflated as they are read. Even the shared strings go in chunks: exceljs
 * gathers a chunk's XML events in one array, and one array for 100k names costs seconds of GC.
 */
async function* entryChunks(data: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const body = entryBody(data, entry);
  const decoder = new TextDecoder('utf-8');
  if (entry.method === STORED) {
    for (let at = 0; at < body.length; at += STORED_CHUNK) yield decoder.decode(body.subarray(at, at + STORED_CHUNK), { stream: true });
    yield decoder.decode();
    return;
  }
  if (entry.method !== DEFLATED) throw new Error(`compression method ${entry.method}`);
  const inflate = createInflateRaw();
  inflate.end(body);
  let inflated = 0;
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    inflated += chunk.length;
    if (inflated > entry.uncompressedSize) throw new Error(`${entry.name} inflates past its declared size`);
    yield decoder.decode(chunk, { stream: true });
  }
  yield decoder.decode();
}

/** A relationship's target as a path inside the zip (targets are relative to xl/ unless absolute). */
const zipPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/** Opens the workbook's first sheet (the first in the workbook's own order, as Excel shows its tabs). */
export async function openFirstSheet(data: Buffer): Promise<XlsxSheet> {
  const entries = new Map((readZipDirectory(data) ?? []).map((e) => [e.name, e]));
  const open = (name: string) => {
    const entry = entries.get(name);
    return entry ? Readable.from(entryChunks(data, entry)) : undefined;
  };
  const Reader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: null, options: object) => ExcelWorkbookReader;
  const reader = new Reader(null, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });

  const rels = open('xl/_rels/workbook.xml.rels');
  const workbook = open('xl/workbook.xml');
  if (!rels || !workbook) throw new NotAWorkbook();
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  reader.sharedStrings = [];
  const sharedStrings = open('xl/sharedStrings.xml');
  // With sharedStrings: 'cache' the generator yields nothing; draining it fills reader.sharedStrings.
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
  const styles = open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  const sheetEntry = target && entries.get(zipPath(target));
  if (!first || !sheetEntry) throw new NotAWorkbook();
  const sheetNo = /(\d+)\.xml$/.exec(sheetEntry.name)?.[1] ?? '1';
  const emitted = reader._parseWorksheet(entryChunks(data, sheetEntry), sheetNo).next();
  if (emitted.done) throw new Error('exceljs emitted no worksheet');
  const sheet = emitted.value.value;
  return { name: first.name || sheet.name, rows: sheet };
}
