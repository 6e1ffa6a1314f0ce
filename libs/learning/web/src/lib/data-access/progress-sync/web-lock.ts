/** The name of the Web Lock held while one tab sends (two tabs never send the same batch). */
export const SYNC_LOCK = 'tc-learning-sync';

export type Lock = (run: () => Promise<void>) => Promise<boolean>;

/** Runs `run` holding the sync lock, or not at all (false) when another tab holds it. */
export function webLock(): Lock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) {
    return async (run) => {
      await run();
      return true;
    };
  }
  return (run) =>
    locks
      .request(SYNC_LOCK, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await run();
        return true;
      })
      // The lock API types the callback's promise as the result; it resolves to its value.
      .then((held) => held);
}
