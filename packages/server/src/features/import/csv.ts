// CSV as town offices save it: UTF-8 with or without BOM, GB18030/GBK from WPS and Chinese Excel,
// or Excel's "Unicode text" (UTF-16, tab-separated).

/** Decodes the bytes; UTF-8 unless that yields replacement characters, then GB18030 (a superset of GBK). */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  const utf8 = new TextDecoder('utf-8').decode(data);
  return utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(data) : utf8;
}

/** Comma unless the first line has more tabs than commas. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const count = (c: string) => firstLine.split(c).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

/** RFC 4180 records, one at a time: quoted fields may hold delimiters, line breaks and doubled quotes. */
export function* csvRecords(text: string): Generator<string[]> {
  const delimiter = delimiterOf(text);
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    i++;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i] === '\n') i++;
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) yield [...record, field];
}
