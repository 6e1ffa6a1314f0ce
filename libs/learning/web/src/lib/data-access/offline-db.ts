import type { LearnerCourse, MyEnrolment, ProgressEvent } from '@tc/shared/contracts';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, openDB } from 'idb';
import type { AttemptOutbox, PendingAttempt, ProgressOutbox } from './progress-sync/outbox';

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
  /** Who recorded it: only their session sends it. */
  userId: string;
  value: T;
}

interface LearningDb extends DBSchema {
  progress: { key: number; value: Queued<ProgressEvent>; indexes: { byId: string; byUser: string } };
  attempts: { key: number; value: Queued<PendingAttempt>; indexes: { byId: string; byUser: string } };
  courses: { key: string; value: OfflineCourse };
  /** Each person's enrolments as last seen online, by user id. */
  enrolments: { key: string; value: MyEnrolment[] };
}

export const OFFLINE_DB_NAME = 'tc-learning';
/** 1: the queues and copies; 2: queued items and enrolment lists belong to a user. */
export const OFFLINE_DB_VERSION = 2;
/** Where the app remembers the coach who may open it offline (apps/web, app.config.ts). */
const REMEMBERED_COACH = 'tc.offline.me';
/** The owner of items queued before version 2 when nobody can be named: sent by no one. */
export const UNKNOWN_OWNER = '';

/**
 * Version 1 kept one queue for whoever was signed in. Its items were recorded by the coach the app
 * remembers for offline use (forgotten on sign-out): they become that coach's; with no coach
 * remembered they are kept, unsent, rather than sent with someone else's session.
 */
function legacyOwner(): string {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(REMEMBERED_COACH);
    const id = raw ? (JSON.parse(raw) as { id?: unknown }).id : null;
    return typeof id === 'string' ? id : UNKNOWN_OWNER;
  } catch {
    return UNKNOWN_OWNER;
  }
}

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

let opened: Promise<IDBPDatabase<LearningDb>> | null = null;

/** The one connection of this page; versions upgrade in order. */
export function learningDb(): Promise<IDBPDatabase<LearningDb>> {
  opened ??= openDB<LearningDb>(OFFLINE_DB_NAME, OFFLINE_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        for (const name of ['progress', 'attempts'] as const) {
          const store = db.createObjectStore(name, { keyPath: 'seq', autoIncrement: true });
          store.createIndex('byId', 'id', { unique: true });
        }
        db.createObjectStore('courses', { keyPath: 'enrolmentId' });
        db.createObjectStore('enrolments');
      }
      if (oldVersion < 2) {
        const owner = oldVersion < 1 ? UNKNOWN_OWNER : legacyOwner();
        for (const name of ['progress', 'attempts'] as const) {
          tx.objectStore(name).createIndex('byUser', 'userId');
        }
        // The upgrade transaction stays open while these requests run (opening waits for them).
        void giveOwner(tx, owner);
      }
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

/** Version 2: items queued before it get an owner; the one unowned enrolment list goes. */
async function giveOwner(
  tx: IDBPTransaction<LearningDb, StoreNames<LearningDb>[], 'versionchange'>,
  owner: string,
): Promise<void> {
  for (const name of ['progress', 'attempts'] as const) {
    const store = tx.objectStore(name);
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, userId: owner });
    }
  }
  // It is simply fetched again online.
  await tx.objectStore('enrolments').clear();
}

/** For specs: forget the connection (after deleting the database). */
export async function closeLearningDb(): Promise<void> {
  const db = opened;
  opened = null;
  if (db) (await db).close();
}

/**
 * An ordered queue in one object store: the auto-incremented key keeps the order in which items
 * were added; the unique `byId` index makes adding the same item twice a no-op; `byUser` gives
 * one person's items (in key order, so still oldest first).
 */
class IdbQueue<T> {
  constructor(
    private readonly store: 'progress' | 'attempts',
    private readonly idOf: (item: T) => string,
  ) {}

  async all(userId: string): Promise<T[]> {
    const db = await learningDb();
    const rows = (await db.getAllFromIndex(this.store, 'byUser', userId)) as Queued<T>[];
    return rows.map((r) => r.value);
  }

  async add(userId: string, item: T): Promise<void> {
    const db = await learningDb();
    const tx = db.transaction(this.store, 'readwrite');
    const id = this.idOf(item);
    if ((await tx.store.index('byId').getKey(id)) === undefined) {
      await (tx.store as unknown as { add(v: Queued<T>): Promise<number> }).add({ id, userId, value: item });
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
  all = (userId: string) => this.queue.all(userId);
  add = (userId: string, event: ProgressEvent) => this.queue.add(userId, event);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}

export class IdbAttemptOutbox implements AttemptOutbox {
  private readonly queue = new IdbQueue<PendingAttempt>('attempts', (a) => a.attemptId);
  all = (userId: string) => this.queue.all(userId);
  add = (userId: string, attempt: PendingAttempt) => this.queue.add(userId, attempt);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}
