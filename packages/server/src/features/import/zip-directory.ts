// Reads a zip's central directory without inflating anything, so that a file can be refused
// before parsing when its entries would expand too far (a zip bomb), and so that the workbook
// reader can open the entries it needs in the order it needs them (xlsx-reader.ts). Handles ZIP64.

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const MAX32 = 0xffffffff;

function findEndOfDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function directoryBounds(buf: Buffer, eocd: number): { count: number; offset: number; size: number } {
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((count === 0xffff || size === MAX32 || offset === MAX32) && locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = Number(buf.readBigUInt64LE(locator + 8));
    if (buf.readUInt32LE(record) !== ZIP64_EOCD) throw new RangeError('bad zip64 record');
    count = Number(buf.readBigUInt64LE(record + 32));
    size = Number(buf.readBigUInt64LE(record + 40));
    offset = Number(buf.readBigUInt64LE(record + 48));
  }
  return { count, offset, size };
}

/** The values a ZIP64 extra field holds for the 32-bit fields that overflowed, in the format's order. */
function zip64Fields(buf: Buffer, start: number, end: number, entry: ZipEntry): void {
  for (let p = start; p + 4 <= end; p += 4 + buf.readUInt16LE(p + 2)) {
    if (buf.readUInt16LE(p) !== 0x0001) continue;
    let q = p + 4;
    for (const field of ['uncompressedSize', 'compressedSize', 'localOffset'] as const) {
      if (entry[field] !== MAX32) continue;
      entry[field] = Number(buf.readBigUInt64LE(q));
      q += 8;
    }
    return;
  }
}

/** The entries of a zip file, or undefined when the directory cannot be read (not a zip, or damaged). */
export function readZipDirectory(buf: Buffer): ZipEntry[] | undefined {
  try {
    const eocd = findEndOfDirectory(buf);
    if (eocd < 0) return undefined;
    const { count, offset, size } = directoryBounds(buf, eocd);
    if (offset + size > buf.length) return undefined;
    const entries: ZipEntry[] = [];
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (buf.readUInt32LE(p) !== CENTRAL_HEADER) return undefined;
      const nameLength = buf.readUInt16LE(p + 28);
      const extraLength = buf.readUInt16LE(p + 30);
      const commentLength = buf.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: buf.toString('utf8', p + 46, p + 46 + nameLength),
        compressedSize: buf.readUInt32LE(p + 20),
        uncompressedSize: buf.readUInt32LE(p + 24),
        method: buf.readUInt16LE(p + 10),
        localOffset: buf.readUInt32LE(p + 42),
      };
      const extraStart = p + 46 + nameLength;
      zip64Fields(buf, extraStart, extraStart + extraLength, entry);
      entries.push(entry);
      p = extraStart + extraLength + commentLength;
    }
    return entries;
  } catch {
    return undefined; // a read past the end: the directory is damaged
  }
}
