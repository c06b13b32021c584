// Roster figures at 100k workers cost a scan (a total) or a page query and 40 decryptions (a page);
// a clerk paging through the same filters should not pay them per request. They are cached per
// process under the town's roster version (workers.repository.ts: the roster stamp, which every
// change to workers bumps in its transaction, and the organisation names and links the roster
// shows or scopes by), read afresh on every request: any app server that changes the data moves
// the version, so the cache holds nothing another server would need.

/** A bounded map of key → promise (least recently used out first); a failed load is forgotten. */
export function boundedCache<T>(maxEntries: number): (key: string, load: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, load) => {
    let hit = entries.get(key);
    if (hit) {
      entries.delete(key);
    } else {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      hit = load();
      hit.catch(() => {
        if (entries.get(key) === hit) entries.delete(key);
      });
    }
    entries.set(key, hit);
    return hit;
  };
}

export const cachedCount = boundedCache<number>(2000);
