import type { LearnerCourse, MyEnrolment, ProgressEvent } from '@tc/shared/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { AttemptOutbox, PendingAttempt, ProgressOutbox } from './progress-outbox';

/** A course kept in the browser for offline use (the coach's view: no quiz answers in it). */
export interface OfflineCourse {
  enrolmentId: string;
  /** The language it was saved in. */
  locale: string;
  course: LearnerCourse;
  savedAt: string;
  /** The course's JSON and its media, in bytes. */
  bytes: number;
  /** Same-origin media fetched with it (the service worker keeps them). */
  mediaUrls: string[];
}

interface Queued<T> {
  seq?: number;
  id: string;
  value: T;
}

interface LearningDb extends DBSchema {
  progress: { key: number; value: Queued<ProgressEvent>; indexes: { byId: string } };
  attempts: { key: number; value: Queued<PendingAttempt>; indexes: { byId: string } };
  courses: { key: string; value: OfflineCourse };
  enrolments: { key: string; value: MyEnrolment[] };
}

export const OFFLINE_DB_NAME = 'tc-learning';

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

let opened: Promise<IDBPDatabase<LearningDb>> | null = null;

/** The one connection of this page; versions upgrade in order. */
export function learningDb(): Promise<IDBPDatabase<LearningDb>> {
  opened ??= openDB<LearningDb>(OFFLINE_DB_NAME, 1, {
    upgrade(db) {
      for (const name of ['progress', 'attempts'] as const) {
        const store = db.createObjectStore(name, { keyPath: 'seq', autoIncrement: true });
        store.createIndex('byId', 'id', { unique: true });
      }
      db.createObjectStore('courses', { keyPath: 'enrolmentId' });
      db.createObjectStore('enrolments');
    },
    // Another tab opens a newer version: let it, and open again on the next call.
    blocking() {
      void opened?.then((db) => db.close());
      opened = null;
    },
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

/** For specs: forget the connection (after deleting the database). */
export async function closeLearningDb(): Promise<void> {
  const db = opened;
  opened = null;
  if (db) (await db).close();
}

/**
 * An ordered queue in one object store: the auto-incremented key keeps the order in which items
 * were added; the unique `byId` index makes adding the same item twice a no-op.
 */
class IdbQueue<T> {
  constructor(
    private readonly store: 'progress' | 'attempts',
    private readonly idOf: (item: T) => string,
  ) {}

  async all(): Promise<T[]> {
    const db = await learningDb();
    const rows = (await db.getAll(this.store)) as Queued<T>[];
    return rows.map((r) => r.value);
  }

  async add(item: T): Promise<void> {
    const db = await learningDb();
    const tx = db.transaction(this.store, 'readwrite');
    const id = this.idOf(item);
    if ((await tx.store.index('byId').getKey(id)) === undefined) {
      await (tx.store as unknown as { add(v: Queued<T>): Promise<number> }).add({ id, value: item });
    }
    await tx.done;
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const db = await learningDb();
    const tx = db.transaction(this.store, 'readwrite');
    const byId = tx.store.index('byId');
    // All requests at once in the one transaction (a batch is up to 500 ids).
    await Promise.all([
      ...ids.map(async (id) => {
        const key = await byId.getKey(id);
        if (key !== undefined) await tx.store.delete(key);
      }),
      tx.done,
    ]);
  }
}

export class IdbProgressOutbox implements ProgressOutbox {
  private readonly queue = new IdbQueue<ProgressEvent>('progress', (e) => e.id);
  all = () => this.queue.all();
  add = (event: ProgressEvent) => this.queue.add(event);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}

export class IdbAttemptOutbox implements AttemptOutbox {
  private readonly queue = new IdbQueue<PendingAttempt>('attempts', (a) => a.attemptId);
  all = () => this.queue.all();
  add = (attempt: PendingAttempt) => this.queue.add(attempt);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}
