import { ruleViolation } from '../http/errors.js';

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
