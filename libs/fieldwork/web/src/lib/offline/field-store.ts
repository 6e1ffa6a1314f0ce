import { InjectionToken } from '@angular/core';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { PendingWrite } from './field-writes';

/**
 * What the field log keeps on this device, per signed-in person: the copies last read (the list of
 * organisations, each organisation's log, the reference lists a form needs) and the writes not yet
 * sent. IndexedDB and not a service-worker data group, as the conversation and learning domains do:
 * the worker caches by URL whoever is signed in (two coaches may share a phone), and it cannot add
 * the writes still waiting. Every read made online overwrites its copy.
 */
export interface Kept<T> {
  value: T;
  savedAt: string;
}

export interface FieldStore {
  read<T>(userId: string, key: string): Promise<Kept<T> | null>;
  keep<T>(userId: string, key: string, value: T): Promise<void>;
  /** The person's writes waiting, in the order they were written. */
  pending(userId: string): Promise<PendingWrite[]>;
  /** Adds a write; the same write id twice is one write. */
  queue(write: PendingWrite): Promise<void>;
  /** Saves a change to a write still waiting (its attempts, the problem the server found). */
  save(write: PendingWrite): Promise<void>;
  unqueue(writeId: string): Promise<void>;
}

/** Writes in the order they were made (`seq` breaks ties within one millisecond). */
export const inWrittenOrder = (a: PendingWrite, b: PendingWrite) =>
  a.queuedAt.localeCompare(b.queuedAt) || a.seq - b.seq;

/** For a browser without IndexedDB (and specs): kept while the page lives. */
export class MemoryFieldStore implements FieldStore {
  private readonly copies = new Map<string, Kept<unknown>>();
  private readonly writes = new Map<string, PendingWrite>();

  async read<T>(userId: string, key: string): Promise<Kept<T> | null> {
    return (this.copies.get(`${userId}|${key}`) as Kept<T> | undefined) ?? null;
  }
  async keep<T>(userId: string, key: string, value: T): Promise<void> {
    this.copies.set(`${userId}|${key}`, { value, savedAt: new Date().toISOString() });
  }
  async pending(userId: string): Promise<PendingWrite[]> {
    return [...this.writes.values()].filter((w) => w.userId === userId).sort(inWrittenOrder);
  }
  async queue(write: PendingWrite): Promise<void> {
    if (!this.writes.has(write.writeId)) this.writes.set(write.writeId, write);
  }
  async save(write: PendingWrite): Promise<void> {
    if (this.writes.has(write.writeId)) this.writes.set(write.writeId, write);
  }
  async unqueue(writeId: string): Promise<void> {
    this.writes.delete(writeId);
  }
}

interface FieldDb extends DBSchema {
  /** Copies by `${userId}|${key}`. */
  copies: { key: string; value: Kept<unknown> & { userId: string } };
  /** Writes waiting, by write id. */
  outbox: { key: string; value: PendingWrite; indexes: { byUser: string } };
}

export const FIELD_DB_NAME = 'tc-fieldwork';

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(FIELD_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('copies');
      db.createObjectStore('outbox', { keyPath: 'writeId' }).createIndex('byUser', 'userId');
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

export class IdbFieldStore implements FieldStore {
  async read<T>(userId: string, key: string): Promise<Kept<T> | null> {
    const row = await (await fieldDb()).get('copies', `${userId}|${key}`);
    return row && row.userId === userId ? { value: row.value as T, savedAt: row.savedAt } : null;
  }
  async keep<T>(userId: string, key: string, value: T): Promise<void> {
    const row = { userId, value, savedAt: new Date().toISOString() };
    await (await fieldDb()).put('copies', row, `${userId}|${key}`);
  }
  async pending(userId: string): Promise<PendingWrite[]> {
    const all = await (await fieldDb()).getAllFromIndex('outbox', 'byUser', userId);
    return all.sort(inWrittenOrder);
  }
  async queue(write: PendingWrite): Promise<void> {
    const db = await fieldDb();
    const tx = db.transaction('outbox', 'readwrite');
    if ((await tx.store.getKey(write.writeId)) === undefined) await tx.store.add(write);
    await tx.done;
  }
  async save(write: PendingWrite): Promise<void> {
    const db = await fieldDb();
    const tx = db.transaction('outbox', 'readwrite');
    if ((await tx.store.getKey(write.writeId)) !== undefined) await tx.store.put(write);
    await tx.done;
  }
  async unqueue(writeId: string): Promise<void> {
    await (await fieldDb()).delete('outbox', writeId);
  }
}

export const FIELD_STORE = new InjectionToken<FieldStore>('FIELD_STORE', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryFieldStore() : new IdbFieldStore()),
});

/** The key of a kept copy: its kind and what names it. */
export function copyKey(
  kind:
    | 'organisations'
    | 'log'
    | 'coaches'
    | 'duplicates'
    | 'territory'
    | 'children'
    | 'competences'
    | 'enrolments'
    | 'enrolment',
  ...ids: string[]
): string {
  return [kind, ...ids].join('|');
}
