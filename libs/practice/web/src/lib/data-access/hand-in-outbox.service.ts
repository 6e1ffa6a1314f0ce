import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { AuthService, FOR_USER } from '@tc/identity/web';
import { isRetryableStatus, retryDelay } from '@tc/learning/web/sync-policy';
import type { ProblemDetails, Submission } from '@tc/shared/contracts';
import { OutboxPasses, problemOf } from '@tc/shared/ui';
import { Subject, firstValueFrom } from 'rxjs';
import { EVIDENCE_UPLOADER } from './evidence-uploader';
import { PracticeService } from './practice.service';
import { type TaskDraft, TASK_DRAFTS, draftKey } from './task-drafts';

/** How far one queued hand-in is: its files' bytes sent of all of them. */
export interface SendingProgress {
  sent: number;
  total: number;
}

/** A hand-in the server refused (it stays a draft, unlocked, with the reason). */
export interface RefusedHandIn {
  key: string;
  problem: ProblemDetails;
}

/**
 * A failed upload (tus-js-client's DetailedError, with the server's answer when there was one) as
 * the HTTP error it was, so that it is retried and explained like any other request.
 */
export function asHttpError(error: unknown): unknown {
  const res = (error as { originalResponse?: { getStatus(): number; getBody(): string } | null } | null)
    ?.originalResponse;
  if (error instanceof HttpErrorResponse || !res) return error;
  let body: unknown = null;
  try {
    body = JSON.parse(res.getBody());
  } catch {
    // Not a problem document: the status says enough.
  }
  return new HttpErrorResponse({ status: res.getStatus(), error: body });
}

/** Whether an upload or a request failed in a way that may succeed later (no network, 5xx, …). */
export function mayRetry(error: unknown): boolean {
  const http = asHttpError(error);
  // No answer at all (offline, the upload code not loaded): later.
  return http instanceof HttpErrorResponse ? isRetryableStatus(http.status) : true;
}

/**
 * The coach's hand-ins waiting on this device, sent in the order they were handed in, as the
 * learning outbox sends progress: each draft's files first (resumable uploads, one after the other,
 * each evidence id kept with its file as soon as the server gives it), then the hand-in itself with
 * its client id (the server dedupes a replay by it), marked `FOR_USER` so it never leaves with
 * another session's token. A failure that may pass (offline, 5xx) leaves everything in place and
 * tries again after a growing wait, and at once when the browser is back online; a refusal unlocks
 * the draft with the server's reason.
 */
@Injectable({ providedIn: 'root' })
export class HandInOutboxService {
  private readonly api = inject(PracticeService);
  private readonly drafts = inject(TASK_DRAFTS);
  private readonly upload = inject(EVIDENCE_UPLOADER);
  private readonly auth = inject(AuthService);
  private readonly passes = new OutboxPasses(() => this.sendAll());
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** What the browser says of its connection. */
  readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** By draft key: the bytes sent of the queued hand-in being sent now. */
  readonly sending = signal<Record<string, SendingProgress>>({});
  /** By draft key: drafts waiting in the outbox. */
  readonly waiting = signal<ReadonlySet<string>>(new Set());
  readonly waitingCount = computed(() => this.waiting().size);
  /** Each hand-in once the server has it. */
  readonly sent = new Subject<{ key: string; submission: Submission }>();
  readonly refused = new Subject<RefusedHandIn>();

  constructor() {
    const view = typeof window === 'undefined' ? null : window;
    const online = () => {
      this.online.set(true);
      void this.flush();
    };
    const offline = () => this.online.set(false);
    view?.addEventListener('online', online);
    view?.addEventListener('offline', offline);
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('online', online);
      view?.removeEventListener('offline', offline);
      this.clearTimer();
    });
    // What an earlier visit left queued goes as soon as its coach is signed in.
    effect(() => {
      if (this.auth.me()) untracked(() => void this.count().then(() => this.flush()));
    });
  }

  /** Locks the draft as handed in, with a fresh client id, and starts sending. */
  async handIn(draft: TaskDraft): Promise<TaskDraft> {
    const queued: TaskDraft = {
      ...draft,
      handInId: crypto.randomUUID(),
      handInRequestedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await this.drafts.put(queued);
    await this.count();
    void this.flush();
    return queued;
  }

  /** Takes a queued hand-in back to an editable draft (what is already uploaded stays uploaded). */
  async cancel(draft: TaskDraft): Promise<TaskDraft> {
    const back: TaskDraft = { ...draft, handInId: null, handInRequestedAt: null };
    await this.drafts.put(back);
    await this.count();
    return back;
  }

  /** Sends whatever the signed-in coach has queued; resolves when done or when a send must wait. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.passes.start();
  }

  /** Counts what the signed-in coach has waiting. */
  async count(): Promise<void> {
    const user = this.auth.me()?.id;
    const queued = user ? await this.drafts.queued(user) : [];
    this.waiting.set(new Set(queued.map(draftKey)));
  }

  /** False when a send must wait (the retry is planned). */
  private async sendAll(): Promise<boolean> {
    const user = this.auth.me()?.id;
    if (!user) return true;
    for (const queued of await this.drafts.queued(user)) {
      try {
        await this.send(queued);
      } catch (error: unknown) {
        if (mayRetry(error)) {
          this.failures++;
          this.timer = setTimeout(() => void this.flush(), retryDelay(this.failures, Math.random()));
          await this.count();
          return false;
        }
        const key = draftKey(queued);
        const current = await this.drafts.get(key);
        if (current) await this.drafts.put({ ...current, handInId: null, handInRequestedAt: null });
        this.refused.next({ key, problem: problemOf(asHttpError(error)) });
      } finally {
        this.sending.update(({ [draftKey(queued)]: _gone, ...rest }) => rest);
      }
    }
    this.failures = 0;
    await this.count();
    return true;
  }

  /** One queued draft: files not yet on the server, then the hand-in; the draft goes once sent. */
  private async send(queued: TaskDraft): Promise<void> {
    const key = draftKey(queued);
    let draft = queued;
    const total = draft.files.reduce((n, f) => n + f.bytes, 0);
    const done = () => draft.files.filter((f) => f.evidenceId).reduce((n, f) => n + f.bytes, 0);
    const report = (sent: number) => this.sending.update((all) => ({ ...all, [key]: { sent, total } }));
    report(done());
    // Saves one file's change at once: a reload resumes from it.
    const save = async (localId: string, change: Partial<TaskDraft['files'][number]>) => {
      draft = { ...draft, files: draft.files.map((f) => (f.localId === localId ? { ...f, ...change } : f)) };
      await this.drafts.put(draft);
    };
    for (const file of queued.files) {
      if (file.evidenceId) continue;
      const before = done();
      const evidenceId = await this.upload(
        {
          blob: file.blob,
          uploadUrl: file.uploadUrl,
          metadata: {
            enrolmentId: draft.enrolmentId,
            lessonKey: draft.lessonKey,
            kind: file.kind,
            filename: file.name,
            filetype: file.type,
          },
        },
        {
          progress: (sent) => report(before + sent),
          created: (url) => void save(file.localId, { uploadUrl: url }),
        },
      );
      await save(file.localId, { evidenceId });
      report(done());
    }
    const submission = await firstValueFrom(
      this.api.handIn(
        draft.enrolmentId,
        draft.lessonKey,
        {
          id: draft.handInId ?? crypto.randomUUID(),
          text: draft.text.trim() ? draft.text : null,
          // The same bytes added twice upload to one file: it is handed in once.
          fileIds: [
            ...new Set(draft.files.map((f) => f.evidenceId).filter((id): id is string => id !== null)),
          ],
        },
        new HttpContext().set(FOR_USER, draft.userId),
      ),
    );
    await this.drafts.delete(key);
    this.sent.next({ key, submission });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
