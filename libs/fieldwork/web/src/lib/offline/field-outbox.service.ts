import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import {
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { AuthService, FOR_USER } from '@tc/identity/web';
import type { LikelyDuplicate } from '@tc/shared/contracts';
import { OutboxPasses, problemOf } from '@tc/shared/ui';
import { Subject, firstValueFrom, type Observable } from 'rxjs';
import { FieldworkApiService, type SendOptions } from '../data-access/fieldwork-api.service';
import { FIELD_STORE, copyKey, inWrittenOrder } from './field-store';
import { type FieldWrite, type PendingWrite, sendable } from './field-writes';

/** Waits between failed sends: about 2 s, 4 s, 8 s … up to a minute, jittered (the learner sync's rule). */
export function fieldRetryDelay(failures: number, random: number): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, failures - 1), 60_000);
  return Math.round(base / 2 + (base / 2) * random);
}

/**
 * Whether a failed send may succeed later: no answer (offline, timeout), the service worker's 504,
 * throttling, server trouble, or a session to renew. Anything else the server would refuse again.
 */
export function mayRetry(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  const s = error.status;
  return s === 0 || s === 401 || s === 408 || s === 429 || s >= 500;
}

/**
 * Whether a refusal says the server already holds what the write meant: the organisation has that
 * milestone already (recorded by this write's first send, or by a coach it is shared with: the log
 * shows the one kept), or a deletion of what is gone. Nothing to show the coach. Any other conflict
 * (an id taken by another record) is shown like any refusal.
 */
function alreadyDone(error: unknown, write: FieldWrite): boolean {
  if (!(error instanceof HttpErrorResponse)) return false;
  if (error.status === 409) return problemOf(error).code === 'milestone-already-reached';
  return error.status === 404 && (write.kind.startsWith('delete') || write.kind === 'unshare');
}

/** For specs: the jitter of the retry waits. */
export const FIELD_OUTBOX_RANDOM = new InjectionToken<() => number>('FIELD_OUTBOX_RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

let seq = 0;

/**
 * Everything a coach writes in the field log goes through here: it is kept in IndexedDB for the
 * signed-in person first (the pages show it at once, "waiting to sync"), then sent in the order it was
 * written — an organisation before its checks and visits — now if the link allows, else when the
 * browser is back online, after a growing wait, or when its writer next opens the app (sent with
 * `FOR_USER`, never with another session's token). Every record carries the id the device made, so a
 * send whose answer was lost and is sent again makes no second record.
 *
 * A refusal the server would repeat (a 4xx other than a conflict of the same record) is kept with
 * the server's problem for the coach to fix or discard, and the later writes of that organisation
 * wait behind it; the other organisations' writes go on.
 */
@Injectable({ providedIn: 'root' })
export class FieldOutboxService {
  private readonly api = inject(FieldworkApiService);
  private readonly store = inject(FIELD_STORE);
  private readonly auth = inject(AuthService);
  private readonly random = inject(FIELD_OUTBOX_RANDOM);
  private readonly passes = new OutboxPasses(() => this.sendAll());
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** What the browser says of its connection. */
  readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** The signed-in person's writes waiting (refused ones included), in written order. */
  readonly waiting = signal<readonly PendingWrite[]>([]);
  readonly refusedWrites = computed(() => this.waiting().filter((w) => w.problem));
  /** Likely duplicates the server named when it took an organisation, by organisation id. */
  readonly duplicates = signal<Readonly<Record<string, LikelyDuplicate[]>>>({});
  /** Each write once the server has it (pages read again what they show). */
  readonly sent = new Subject<PendingWrite>();
  /**
   * The writes sent lately, with when: a page whose copy was read before a write was sent still
   * applies it, so a record never blinks out between its send and the page's next read.
   */
  readonly sentLately = signal<readonly { write: PendingWrite; at: number }[]>([]);

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
    // What an earlier visit left waiting goes as soon as its writer is signed in.
    effect(() => {
      if (this.auth.me()) untracked(() => void this.count().then(() => this.flush()));
    });
  }

  /**
   * Keeps a write and tries to send it. `replaces`: a refused write the coach has corrected (the new
   * one takes its place in the order).
   */
  async write(organisationId: string, write: FieldWrite, replaces?: string): Promise<void> {
    const me = this.auth.me();
    if (!me) return;
    const old = replaces ? this.waiting().find((w) => w.writeId === replaces) : undefined;
    const pending: PendingWrite = {
      writeId: crypto.randomUUID(),
      userId: me.id,
      by: { id: me.id, name: me.displayName },
      organisationId,
      write,
      queuedAt: old?.queuedAt ?? new Date().toISOString(),
      seq: old ? old.seq : ++seq,
      attempts: 0,
      problem: null,
    };
    if (old) await this.store.unqueue(old.writeId);
    await this.store.queue(pending);
    await this.count();
    void this.flush();
  }

  /** Drops a write the coach gives up (a refused one, or one still waiting). */
  async discard(writeId: string): Promise<void> {
    await this.store.unqueue(writeId);
    await this.count();
    void this.flush();
  }

  /** Tries a refused write again as it is (the server may answer otherwise now). */
  async retry(writeId: string): Promise<void> {
    const w = this.waiting().find((x) => x.writeId === writeId);
    if (w) await this.store.save({ ...w, problem: null });
    await this.count();
    await this.flush();
  }

  /** The writes waiting for one organisation. */
  waitingFor(organisationId: string): PendingWrite[] {
    return this.waiting().filter((w) => w.organisationId === organisationId);
  }

  /** Sends what the signed-in person has waiting; resolves when done or when a send must wait. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.passes.start();
  }

  async count(): Promise<void> {
    const user = this.auth.me()?.id;
    this.waiting.set(user ? await this.store.pending(user).catch(() => []) : []);
  }

  /** False when a send must wait (the retry is planned). */
  private async sendAll(): Promise<boolean> {
    const user = this.auth.me()?.id;
    if (!user) return true;
    // One at a time, reading the queue again after each: a refusal blocks its organisation's next writes.
    for (;;) {
      const next = sendable(await this.store.pending(user))[0];
      if (!next) break;
      try {
        await this.send(next);
        await this.store.unqueue(next.writeId);
        this.markSent(next);
      } catch (error: unknown) {
        if (mayRetry(error)) {
          this.failures++;
          this.timer = setTimeout(() => void this.flush(), fieldRetryDelay(this.failures, this.random()));
          await this.count();
          return false;
        }
        if (alreadyDone(error, next.write)) {
          await this.store.unqueue(next.writeId);
          this.markSent(next);
        } else {
          await this.store.save({ ...next, attempts: next.attempts + 1, problem: problemOf(error) });
        }
      }
      await this.count();
    }
    this.failures = 0;
    await this.count();
    return true;
  }

  private async send(w: PendingWrite): Promise<void> {
    await this.store.save({ ...w, attempts: w.attempts + 1 });
    const o: SendOptions = { context: new HttpContext().set(FOR_USER, w.userId) };
    const id = w.organisationId;
    const write = w.write;
    const go = (request: Observable<unknown>) => firstValueFrom(request, { defaultValue: null });
    switch (write.kind) {
      case 'save-organisation': {
        const saved = await firstValueFrom(this.api.saveOrganisation(write.body, o));
        const duplicates = saved?.likelyDuplicates ?? [];
        this.duplicates.update((all) => ({ ...all, [id]: duplicates }));
        await this.store.keep(w.userId, copyKey('duplicates', id), duplicates).catch(() => undefined);
        return;
      }
      case 'delete-organisation':
        await go(this.api.deleteOrganisation(id, o));
        return;
      case 'create-check':
        await go(this.api.createCheck(id, write.body, o));
        return;
      case 'save-visit':
        await go(this.api.saveVisit(id, write.body, o));
        return;
      case 'delete-visit':
        await go(this.api.deleteVisit(id, write.visitId, o));
        return;
      case 'create-milestone':
        await go(this.api.createMilestone(id, write.body, o));
        return;
      case 'delete-milestone':
        await go(this.api.deleteMilestone(id, write.milestoneId, o));
        return;
      case 'create-comment':
        await go(this.api.comment(id, write.body, o));
        return;
      case 'ask-to-share':
        await go(this.api.askToShare(id, o));
        return;
      case 'share':
        await go(this.api.share(id, write.body, o));
        return;
      case 'unshare':
        await go(this.api.unshare(id, write.coachId, o));
        return;
    }
  }

  /** The writes to lay over a copy read at `readAt` (ms): those sent after it, then those waiting. */
  writesSince(readAt: number, organisationId?: string): PendingWrite[] {
    const sent = this.sentLately()
      .filter((s) => s.at > readAt)
      .map((s) => s.write);
    return [...sent, ...this.waiting()]
      .filter((w) => !organisationId || w.organisationId === organisationId)
      .sort(inWrittenOrder);
  }

  private markSent(w: PendingWrite): void {
    this.sentLately.update((list) => [...list.slice(-49), { write: w, at: Date.now() }]);
    this.sent.next(w);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
