import { InjectionToken } from '@angular/core';
import type { EvidenceFileKind, TaskState } from '@tc/shared/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** A file the coach added to a draft: its bytes stay on the device until the server has them. */
export interface DraftFile {
  /** Made on the device; also what resumes its upload. */
  localId: string;
  kind: EvidenceFileKind;
  name: string;
  type: string;
  bytes: number;
  blob: Blob;
  /** A recording's length. */
  durationMs: number | null;
  /** Where its resumable upload lives once created (a reload resumes there). */
  uploadUrl: string | null;
  /** The server's id once the upload finished. */
  evidenceId: string | null;
}

/**
 * What a coach prepares for one task on this device. Handing it in gives it `handInId` (the
 * client id the server dedupes by) and locks it: it waits in the outbox until its files are uploaded
 * and the hand-in is sent, then goes.
 */
export interface TaskDraft {
  userId: string;
  enrolmentId: string;
  lessonKey: string;
  text: string;
  files: DraftFile[];
  updatedAt: string;
  handInId: string | null;
  handInRequestedAt: string | null;
}

export const draftKey = (d: Pick<TaskDraft, 'userId' | 'enrolmentId' | 'lessonKey'>): string =>
  `${d.userId}|${d.enrolmentId}|${d.lessonKey}`;

/** Drafts (with their files) and the last task state seen online, per user, in the browser. */
export interface TaskDraftStore {
  get(key: string): Promise<TaskDraft | null>;
  put(draft: TaskDraft): Promise<void>;
  delete(key: string): Promise<void>;
  /** The user's drafts waiting to be handed in, oldest request first. */
  queued(userId: string): Promise<TaskDraft[]>;
  /** The task as last seen online (what an offline visit shows). */
  lastState(key: string): Promise<TaskState | null>;
  keepState(key: string, state: TaskState): Promise<void>;
}

const byRequest = (a: TaskDraft, b: TaskDraft) =>
  (a.handInRequestedAt ?? '').localeCompare(b.handInRequestedAt ?? '');

/** For a browser without IndexedDB (and specs): kept while the page lives. */
export class MemoryTaskDraftStore implements TaskDraftStore {
  private readonly drafts = new Map<string, TaskDraft>();
  private readonly states = new Map<string, TaskState>();

  async get(key: string): Promise<TaskDraft | null> {
    return this.drafts.get(key) ?? null;
  }
  async put(draft: TaskDraft): Promise<void> {
    this.drafts.set(draftKey(draft), draft);
  }
  async delete(key: string): Promise<void> {
    this.drafts.delete(key);
  }
  async queued(userId: string): Promise<TaskDraft[]> {
    return [...this.drafts.values()].filter((d) => d.userId === userId && d.handInId).sort(byRequest);
  }
  async lastState(key: string): Promise<TaskState | null> {
    return this.states.get(key) ?? null;
  }
  async keepState(key: string, state: TaskState): Promise<void> {
    this.states.set(key, state);
  }
}

interface PracticeDb extends DBSchema {
  drafts: { key: string; value: TaskDraft; indexes: { byUser: string } };
  states: { key: string; value: TaskState };
}

export const PRACTICE_DB_NAME = 'tc-practice';

let opened: Promise<IDBPDatabase<PracticeDb>> | null = null;

function practiceDb(): Promise<IDBPDatabase<PracticeDb>> {
  opened ??= openDB<PracticeDb>(PRACTICE_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('drafts').createIndex('byUser', 'userId');
      db.createObjectStore('states');
    },
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

/** IndexedDB keeps Blobs as they are: a draft's photos and recordings survive a reload or a restart. */
export class IdbTaskDraftStore implements TaskDraftStore {
  async get(key: string): Promise<TaskDraft | null> {
    return (await (await practiceDb()).get('drafts', key)) ?? null;
  }
  async put(draft: TaskDraft): Promise<void> {
    await (await practiceDb()).put('drafts', draft, draftKey(draft));
  }
  async delete(key: string): Promise<void> {
    await (await practiceDb()).delete('drafts', key);
  }
  async queued(userId: string): Promise<TaskDraft[]> {
    const all = await (await practiceDb()).getAllFromIndex('drafts', 'byUser', userId);
    return all.filter((d) => d.handInId).sort(byRequest);
  }
  async lastState(key: string): Promise<TaskState | null> {
    return (await (await practiceDb()).get('states', key)) ?? null;
  }
  async keepState(key: string, state: TaskState): Promise<void> {
    await (await practiceDb()).put('states', state, key);
  }
}

export const TASK_DRAFTS = new InjectionToken<TaskDraftStore>('TASK_DRAFTS', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryTaskDraftStore() : new IdbTaskDraftStore()),
});
