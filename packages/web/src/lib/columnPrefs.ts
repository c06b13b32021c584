// Which columns of a table the user has hidden, kept in localStorage per table so the choice
// survives reloads. Unknown keys (a column since removed) are dropped when read.

const PREFIX = 'gongyi.columns.';

export function readHiddenColumns(table: string, known: readonly string[]): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + table);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return known.filter((key) => parsed.includes(key));
  } catch {
    return [];
  }
}

export function writeHiddenColumns(table: string, hidden: readonly string[]): void {
  try {
    if (hidden.length === 0) globalThis.localStorage?.removeItem(PREFIX + table);
    else globalThis.localStorage?.setItem(PREFIX + table, JSON.stringify(hidden));
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
