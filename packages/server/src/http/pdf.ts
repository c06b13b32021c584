import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

// A4 documents in Chinese (agreements, payslips): Noto Sans SC (OTF, from @embedpdf/fonts-sc),
// embedded as a subset, registered as 'regular' and 'bold'. Each font is parsed once per process
// and the parsed font handed to every document (pdfkit accepts one in place of a file): a file
// would be parsed again per document and its glyph and layout caches start cold each time, which
// triples the time of a one-page PDF. Text is left-aligned, since justified Chinese leaves gaps.

let fonts: { regular: Font; bold: Font } | null = null;
function loadFonts() {
  if (!fonts) {
    // The package exports only its script (dist/); the fonts sit beside it.
    const dir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    const parse = (file: string) => create(readFileSync(join(dir, file)));
    fonts = { regular: parse('NotoSansHans-Regular.otf'), bold: parse('NotoSansHans-Bold.otf') };
  }
  return fonts;
}

export interface ChineseDocument {
  doc: PDFKit.PDFDocument;
  /** The whole file, once `doc.end()` has been called. */
  done: Promise<Buffer>;
}

/** A new A4 document with no page yet and the Chinese fonts registered. */
export function chineseDocument(title: string, margin: number): ChineseDocument {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: 'A4', margin, autoFirstPage: false, info: { Title: title, Creator: 'Gongyi 公益岗' } });
  // pdfkit's types list files only; at run time it takes a parsed fontkit font as well.
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
