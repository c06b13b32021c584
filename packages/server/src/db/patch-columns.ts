// The update a PATCH writes (#13 item 1): the columns of the fields the request sent and changed,
// and no others. A field left out keeps its stored value, and two edits of different fields at
// once do not write each other's earlier values back (the services used to merge the whole row
// they had read and write every column).

/**
 * For every field of a PATCH body, its column, or how its value becomes columns (a phone sealed
 * into cipher and hash). Every field must have one: the compiler refuses a body field left out.
 */
export type ColumnsOf<I, R> = { [K in keyof I]-?: (keyof R & string) | ((value: Exclude<I[K], undefined>) => Partial<R>) };

/** The columns of the fields present in `patch` (undefined counts as absent). */
export function patchColumns<I extends object, R>(patch: Partial<I>, columns: ColumnsOf<I, R>): Partial<R> {
  const update: Partial<R> = {};
  for (const key of Object.keys(patch) as (keyof I)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    const to = columns[key];
    if (typeof to === 'function') Object.assign(update, to(value as Exclude<I[keyof I], undefined>));
    else update[to as keyof R] = value as never;
  }
  return update;
}

/**
 * The fields of `patch` that were sent and differ from `current` (the record as the API speaks
 * it, numbers in clear), so an unchanged number is neither re-encrypted nor recorded as changed.
 */
export function changedFields<I extends object>(patch: I, current: { [K in keyof I]?: unknown }): Partial<I> {
  const changed: Partial<I> = {};
  for (const key of Object.keys(patch) as (keyof I)[]) {
    const value = patch[key];
    if (value !== undefined && !sameValue(value, current[key])) changed[key] = value;
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}
