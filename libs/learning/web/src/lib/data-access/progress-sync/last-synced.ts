const LAST_SYNCED_KEY = 'tc.learning.lastSyncedAt';

/** "Last synced" is each person's own. */
function lastSyncedKey(user: string): string {
  return `${LAST_SYNCED_KEY}.${user}`;
}

/** When the server last answered a send for `user` (ISO), as kept in this browser. */
export function readLastSynced(user: string | null): string | null {
  if (user === null) return null;
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(lastSyncedKey(user));
  } catch {
    return null;
  }
}

/** Keeps when the server last answered a send for `user`. */
export function writeLastSynced(user: string, at: string): void {
  try {
    localStorage.setItem(lastSyncedKey(user), at);
  } catch {
    // Storage full or forbidden: the time is only shown, not needed.
  }
}
