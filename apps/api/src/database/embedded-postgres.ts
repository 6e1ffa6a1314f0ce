import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

/** Whether a process with this pid is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file, or throws a clear error naming the process that holds it. PGlite
 * has no lock of its own, and two processes writing one folder would corrupt it. A lock left by a
 * process that died (SIGKILL) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'tc.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written whole under another name, then linked into place: a process starting at the same moment
    // sees either no lock or one with its holder's pid, never an empty file it would take for stale.
    const draft = `${lockPath}.${process.pid}`;
    writeFileSync(draft, String(process.pid));
    try {
      linkSync(draft, lockPath);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: number;
      try {
        holder = Number(readFileSync(lockPath, 'utf8').trim());
      } catch (gone) {
        if ((gone as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw gone;
      }
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is already in use by process ${holder}. ` +
            `Stop that process, or start this one with another DATA_DIR (or a DATABASE_URL).`,
        );
      }
      rmSync(lockPath, { force: true });
    } finally {
      rmSync(draft, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockPath}.`);
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for `pg`, pointing at the socket server on 127.0.0.1. */
  url: string;
  /**
   * Resolves once the socket server holds no connection (a client that closed is let go a moment later),
   * so the next client is not refused for the one connection it serves.
   */
  whenFree(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL in WASM) on `<dataDir>/pglite` behind its socket server on a free loopback
 * port, so the app talks to it with the ordinary `pg` driver: one code path for PGlite and PostgreSQL.
 * The server takes one connection at a time; the pool must not open more (see the data source).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(join(dataDir, 'pglite'), { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(join(dataDir, 'pglite'));
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const conn = server.getServerConn(); // "127.0.0.1:PORT"
    let stopped = false;
    return {
      url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
      async whenFree(timeoutMs = 5000) {
        const until = Date.now() + timeoutMs;
        while (server.getStats().activeConnections > 0 && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
