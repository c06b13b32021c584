import { isSafeFen } from '@gongyi/domain';
import { ruleViolation } from '../http/errors.js';

/**
 * A sum of fen read back from either database, as an exact number (#13 item 15). PostgreSQL
 * answers sum(bigint) as numeric text and a bigint through pg's parser; better-sqlite3 answers an
 * integer as a JavaScript number. Past Number.MAX_SAFE_INTEGER any of them would drop fen without
 * a word, so such a sum is refused with a clear message instead of reported wrong (or a 500).
 * Every amount is bounded by MAX_ENTRY_FEN on the way in, so this needs ~90,000 maximal entries.
 */
export function fenOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!isSafeFen(n)) {
    throw ruleViolation({
      zh: `金额合计（${String(value)} 分）超出系统可精确计算的范围，已停止计算以免出错。请联系管理员核查是否有异常的大额记录。`,
      en: `A sum of amounts (${String(value)} fen) is beyond what can be computed exactly; ask the administrator to check for abnormal amounts.`,
    });
  }
  return n;
}
