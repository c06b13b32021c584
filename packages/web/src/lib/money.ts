import type { Fen } from '@gongyi/domain';

// Forms take yuan (¥1,570.50 is typed 1570.5); the API keeps integer fen. Conversion happens here.

/** 1570.5 → 157050; empty stays empty. Rounds to the fen, so 0.1 + 0.2 style float noise cannot leak. */
export function yuanToFen(yuan: number | null | undefined): Fen | null {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return null;
  return Math.round(yuan * 100);
}

/** 157050 → 1570.5 for an amount field; empty stays empty. */
export function fenToYuan(fen: Fen | null | undefined): number | null {
  if (fen === null || fen === undefined) return null;
  return fen / 100;
}
