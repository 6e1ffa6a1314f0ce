/**
 * Whether this browser has reason to think it holds a session, so that a signed-out visitor's pages
 * never send `POST /auth/refresh` only to be told 401. The refresh token itself stays an httpOnly
 * cookie the scripts cannot see; this is a plain flag in localStorage, secret-free: set when a
 * session starts (sign-in, an accepted link, a refresh), removed on sign-out and when a refresh is
 * refused. A coach remembered for offline use (`tc.offline.me`, kept by the app's start-up) counts
 * too, so a session begun before this flag existed is still found. `apps/web/src/session-start.js`
 * reads the same keys before the app has loaded.
 */
export const SESSION_HINT = 'tc.session';
const REMEMBERED_COACH = 'tc.offline.me';

/** True when a session may exist; without storage, true (the refresh is asked, as it always was). */
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) !== null || localStorage.getItem(REMEMBERED_COACH) !== null;
  } catch {
    return true;
  }
}

export function setSessionHint(present: boolean): void {
  try {
    if (present) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // No storage: hasSessionHint() answers true, nothing to keep.
  }
}
