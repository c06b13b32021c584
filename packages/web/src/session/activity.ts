// When the server last saw this browser: each successful API call slides the server's idle
// deadline, so it is the clock the idle timer runs on. Shared with the other tabs of the console
// through localStorage (one session cookie serves them all), so a tab left open in the background
// does not sign out a user who is working in another one.

const STORAGE_KEY = 'gongyi.lastActivity';
const listeners = new Set<() => void>();
let last = 0;

function stored(): number {
  try {
    return Number(globalThis.localStorage?.getItem(STORAGE_KEY)) || 0;
  } catch {
    return 0;
  }
}

/** A request succeeded at `at` (ms since the epoch). */
export function markActivity(at = Date.now()): void {
  last = Math.max(last, at);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, String(last));
  } catch {
    // Storage disabled: this tab keeps its own clock.
  }
  listeners.forEach((l) => l());
}

/** The latest activity seen by this tab or any other. */
export function latestActivity(): number {
  return Math.max(last, stored());
}

/** Calls `listener` on activity here or in another tab; returns the unsubscribe function. */
export function subscribeActivity(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}
