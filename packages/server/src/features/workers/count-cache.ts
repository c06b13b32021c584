// Roster totals at 100k workers cost a scan; a clerk paging through the same filters should not
// pay it per page. Totals are cached per process under the town's roster stamp, which every change
// to workers bumps in its transaction, so any app server sees a new stamp and recounts: the cache
// holds nothing another server would need.

const MAX_ENTRIES = 2000;
const entries = new Map<string, number>();

export async function cachedCount(key: string, count: () => Promise<number>): Promise<number> {
  const hit = entries.get(key);
  if (hit !== undefined) return hit;
  const value = await count();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, value);
  return value;
}
