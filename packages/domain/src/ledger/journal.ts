import type { Fen } from '../money.js';

// The journal's arithmetic (#8 part 2): an entry balances to the fen or is refused; balances are
// rebuilt from entries alone (what `gongyi ledger check` compares with the stored ones); a
// reversal is the same lines with the sides swapped.

export interface EntryLine {
  accountId: string;
  debitFen: Fen;
  creditFen: Fen;
}

export type EntryProblem =
  | { kind: 'too_few_lines' }
  | { kind: 'bad_amount'; line: number }
  | { kind: 'both_sides'; line: number }
  | { kind: 'unbalanced'; debitFen: Fen; creditFen: Fen };

/** Every problem of an entry: at least two lines, each a positive whole fen on exactly one side, debits = credits. */
export function checkEntry(lines: readonly EntryLine[]): EntryProblem[] {
  if (lines.length < 2) return [{ kind: 'too_few_lines' }];
  const problems: EntryProblem[] = [];
  let debit = 0;
  let credit = 0;
  lines.forEach((l, i) => {
    const amounts = [l.debitFen, l.creditFen];
    if (amounts.some((a) => !Number.isSafeInteger(a) || a < 0)) problems.push({ kind: 'bad_amount', line: i });
    else if ((l.debitFen > 0) === (l.creditFen > 0)) problems.push({ kind: 'both_sides', line: i });
    debit += l.debitFen;
    credit += l.creditFen;
  });
  if (debit !== credit) problems.push({ kind: 'unbalanced', debitFen: debit, creditFen: credit });
  return problems;
}

export function entryProblemText(p: EntryProblem): { zh: string; en: string } {
  switch (p.kind) {
    case 'too_few_lines':
      return { zh: '一笔分录至少要有一借一贷两行。', en: 'An entry needs at least one debit and one credit line.' };
    case 'bad_amount':
      return { zh: `第 ${p.line + 1} 行的金额须为不小于 0 的整分。`, en: `Line ${p.line + 1}: amounts are whole fen, not negative.` };
    case 'both_sides':
      return { zh: `第 ${p.line + 1} 行须只填借方或贷方中的一方，且大于 0。`, en: `Line ${p.line + 1}: one side only, above zero.` };
    case 'unbalanced':
      return { zh: `借方合计 ${(p.debitFen / 100).toFixed(2)} 元与贷方合计 ${(p.creditFen / 100).toFixed(2)} 元不等，分录须借贷平衡（R22）。`, en: 'Debits and credits differ; an entry must balance.' };
  }
}

/** The same lines with the sides swapped: posting it undoes the original to the fen. */
export function reversalOf(lines: readonly EntryLine[]): EntryLine[] {
  return lines.map((l) => ({ accountId: l.accountId, debitFen: l.creditFen, creditFen: l.debitFen }));
}

/** Debit minus credit per account, from the lines alone. */
export function rebuildBalances(lines: Iterable<EntryLine>): Map<string, Fen> {
  const balances = new Map<string, Fen>();
  for (const l of lines) balances.set(l.accountId, (balances.get(l.accountId) ?? 0) + l.debitFen - l.creditFen);
  return balances;
}
