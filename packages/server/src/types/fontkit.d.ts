// fontkit ships no types; http/pdf.ts needs only to parse a font once and hand it to pdfkit.
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}
