import { InjectionToken } from '@angular/core';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * What a cohort's conversation keeps on this device, per signed-in person.
 *
 * Why IndexedDB and not a service-worker data group (`ngsw-config.json`): the worker caches by URL
 * whoever is signed in, so on a phone shared by two coaches the second would read, offline, what the
 * first's session fetched; and it cannot say when a copy was saved nor add the posts still waiting
 * to be sent. The learning domain keeps its offline courses and enrolment lists the same way, by
 * user id, for the same reasons. Every page that loads online overwrites its copy (the first page of
 * a list, a whole thread): what was last read is what can be read again offline.
 */
export interface Kept<T> {
  value: T;
  savedAt: string;
}

/**
 * A question or a reply written on this device and not yet sent: `clientId` is made here and goes
 * with the request, so the server takes it once however many times it is sent.
 */
export interface PendingPost {
  clientId: string;
  /** Who wrote it: only their session sends it. */
  userId: string;
  cohortId: string;
  /** The thread replied to; null for a new question. */
  threadId: string | null;
  /** A new question's title and lesson (null for a reply, or a question about no lesson). */
  title: string | null;
  lessonKey: string | null;
  body: string;
  queuedAt: string;
  /** How many sends were tried: after one, the server may have it already (the answer was lost). */
  attempts: number;
}

export interface ConversationStore {
  /** A copy kept under `key` for `userId` (see `copyKey`). */
  read<T>(userId: string, key: string): Promise<Kept<T> | null>;
  keep<T>(userId: string, key: string, value: T): Promise<void>;
  /** The person's posts waiting to be sent, oldest first. */
  pending(userId: string): Promise<PendingPost[]>;
  /** Adds a post; the same client id twice is one post. */
  queue(post: PendingPost): Promise<void>;
  /** Saves a change to a post still waiting (its attempts). */
  save(post: PendingPost): Promise<void>;
  unqueue(clientId: string): Promise<void>;
}

/** The key of a kept copy: its kind and what names it (a cohort id, a thread id, a lesson key…). */
export function copyKey(
  kind: 'announcements' | 'threads' | 'thread' | 'cohort-of',
  ...ids: string[]
): string {
  return [kind, ...ids].join('|');
}

const byQueuedAt = (a: PendingPost, b: PendingPost) => a.queuedAt.localeCompare(b.queuedAt);

/** For a browser without IndexedDB (and specs): kept while the page lives. */
export class MemoryConversationStore implements ConversationStore {
  private readonly copies = new Map<string, Kept<unknown>>();
  private readonly posts = new Map<string, PendingPost>();

  async read<T>(userId: string, key: string): Promise<Kept<T> | null> {
    return (this.copies.get(`${userId}|${key}`) as Kept<T> | undefined) ?? null;
  }
  async keep<T>(userId: string, key: string, value: T): Promise<void> {
    this.copies.set(`${userId}|${key}`, { value, savedAt: new Date().toISOString() });
  }
  async pending(userId: string): Promise<PendingPost[]> {
    return [...this.posts.values()].filter((p) => p.userId === userId).sort(byQueuedAt);
  }
  async queue(post: PendingPost): Promise<void> {
    if (!this.posts.has(post.clientId)) this.posts.set(post.clientId, post);
  }
  async save(post: PendingPost): Promise<void> {
    if (this.posts.has(post.clientId)) this.posts.set(post.clientId, post);
  }
  async unqueue(clientId: string): Promise<void> {
    this.posts.delete(clientId);
  }
}

interface ConversationDb extends DBSchema {
  /** Copies by `${userId}|${copyKey}`. */
  copies: { key: string; value: Kept<unknown> & { userId: string } };
  /** Posts waiting, by client id. */
  outbox: { key: string; value: PendingPost; indexes: { byUser: string } };
}

export const CONVERSATION_DB_NAME = 'tc-conversation';

let opened: Promise<IDBPDatabase<ConversationDb>> | null = null;

function conversationDb(): Promise<IDBPDatabase<ConversationDb>> {
  opened ??= openDB<ConversationDb>(CONVERSATION_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('copies');
      db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
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

/** For specs: forget the connection (before deleting the database). */
export async function closeConversationDb(): Promise<void> {
  const db = opened;
  opened = null;
  if (db) (await db).close();
}

export class IdbConversationStore implements ConversationStore {
  async read<T>(userId: string, key: string): Promise<Kept<T> | null> {
    const row = await (await conversationDb()).get('copies', `${userId}|${key}`);
    return row && row.userId === userId ? { value: row.value as T, savedAt: row.savedAt } : null;
  }
  async keep<T>(userId: string, key: string, value: T): Promise<void> {
    const row = { userId, value, savedAt: new Date().toISOString() };
    await (await conversationDb()).put('copies', row, `${userId}|${key}`);
  }
  async pending(userId: string): Promise<PendingPost[]> {
    const all = await (await conversationDb()).getAllFromIndex('outbox', 'byUser', userId);
    return all.sort(byQueuedAt);
  }
  async queue(post: PendingPost): Promise<void> {
    const db = await conversationDb();
    const tx = db.transaction('outbox', 'readwrite');
    if ((await tx.store.getKey(post.clientId)) === undefined) await tx.store.add(post);
    await tx.done;
  }
  async save(post: PendingPost): Promise<void> {
    const db = await conversationDb();
    const tx = db.transaction('outbox', 'readwrite');
    if ((await tx.store.getKey(post.clientId)) !== undefined) await tx.store.put(post);
    await tx.done;
  }
  async unqueue(clientId: string): Promise<void> {
    await (await conversationDb()).delete('outbox', clientId);
  }
}

export const CONVERSATION_STORE = new InjectionToken<ConversationStore>('CONVERSATION_STORE', {
  providedIn: 'root',
  factory: () =>
    typeof indexedDB === 'undefined' ? new MemoryConversationStore() : new IdbConversationStore(),
});
