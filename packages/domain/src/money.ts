// Money is integer fen everywhere; yuan exist only in formatting and parsing at the edge.

export type Fen = number;

/**
 * The largest amount one entry may carry, in fen: 10^11 fen is one billion yuan, far above any
 * town's yearly receipts, and 90,000 such entries still add up below Number.MAX_SAFE_INTEGER, so
 * no plausible sum loses a fen (#13 item 15). Every amount a request carries is bounded by it.
 */
export const MAX_ENTRY_FEN = 100_000_000_000;

/** True when a sum read back from the database can be used as an exact JavaScript number. */
export function isSafeFen(value: number): boolean {
  return Number.isSafeInteger(value);
}

const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 157000 → "¥1,570.00" (UI.md: two decimals, thousands separator). */
export function formatYuan(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${YUAN.format(Math.trunc(abs / 100)).replace(/\.00$/, '')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,570.5" or "1570.50" → 157050; undefined when the text is not an amount with at most two decimals. */
export function parseYuan(text: string): Fen | undefined {
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,\s¥]/g, ''));
  if (!m) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
