import { ruleViolation, type Text } from '../http/errors.js';
import { OPEN_END, type UseSpan } from './org-uses.repository.js';

/** After merging a partial edit, the period must still run forwards (R5). */
export function assertPeriod(validFrom: string, validTo: string | null): void {
  if (validTo !== null && validTo < validFrom) {
    throw ruleViolation(
      {
        zh: `失效日期 ${validTo} 早于生效日期 ${validFrom}。请把失效日期改为生效日期当天或之后，或清空失效日期。`,
        en: `Valid-to ${validTo} is before valid-from ${validFrom}. Choose that day or later, or clear it.`,
      },
      'validTo',
    );
  }
}

/**
 * #13 item 14: a record's period must cover where it is used — it cannot start after its first
 * use nor end while a use (a worker in post, a team assignment) runs on.
 */
export function assertCoversUses(what: Text, before: { validFrom: string; validTo: string | null }, validFrom: string, validTo: string | null, uses: UseSpan | null): void {
  if (!uses) return;
  // Only the bound being moved is checked: data older than this rule may already overhang.
  if (validFrom !== before.validFrom && validFrom > uses.first) {
    throw ruleViolation(
      {
        zh: `${what.zh}自 ${uses.first} 起已有人员或服务队使用，生效日期不能晚于 ${uses.first}。请改为该日或之前。`,
        en: `The ${what.en} is in use from ${uses.first}; it cannot start later than that.`,
      },
      'validFrom',
    );
  }
  if (validTo !== before.validTo && validTo !== null && uses.last > validTo) {
    const until = uses.last === OPEN_END ? '今' : uses.last;
    throw ruleViolation(
      {
        zh: `${what.zh}在 ${validTo} 之后仍有在岗人员或管理关系（至 ${until}），不能在此日结束。请先为相关人员办理离岗或调岗，或调整管理关系后再结束。`,
        en: `The ${what.en} is still in use after ${validTo} (until ${uses.last === OPEN_END ? 'today' : uses.last}); move or exit its workers first.`,
      },
      'validTo',
    );
  }
}
