// How the learner's sync sends and when it tries again. Plain TypeScript, nothing of Angular or the
// browser: the load test (tools/scripts/load-faults/) simulates coaches with these same rules
// through the `@tc/learning/web/sync-policy` entry.

/** The server takes up to 500 events per request. */
export const PROGRESS_BATCH_SIZE = 500;
/** Waits between failed sends: about 2 s, 4 s, 8 s … up to a minute. */
export const FIRST_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 60_000;

/**
 * The wait before retry number `failures` (1 for the first): doubling from `FIRST_RETRY_MS` up to
 * `MAX_RETRY_MS`, then "equal jitter" (between half and all of it, `random` in [0, 1]) so that many
 * phones coming back at once do not retry in step.
 */
export function retryDelay(failures: number, random: number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  return Math.round(base / 2 + (base / 2) * random);
}

/**
 * Whether a send that failed with this HTTP status may succeed later: no answer (0: no network,
 * timeout), 504 from the service worker, request timeout, throttling, server trouble, or a session
 * to renew (401: kept until the coach signs in). Anything else, the server would refuse again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}
