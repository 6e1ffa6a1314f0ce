/**
 * Ends the current task and resumes in a new one, so the browser can handle a tap or paint in
 * between: start-up work is cut into pieces instead of one long task (on a mid-range phone each
 * piece of Angular's start-up runs for hundreds of milliseconds). `scheduler.yield()` where the
 * browser has it (resumes ahead of other queued tasks), else a zero timeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function'
    ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve, 0));
}
