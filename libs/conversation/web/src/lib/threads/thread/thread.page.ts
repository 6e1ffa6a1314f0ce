import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails, ThreadDetail, ThreadPost } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, TextDirDirective, problemOf, textIn } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { copyKey } from '../../offline/conversation-store';
import { injectKeptCopies } from '../../offline/kept-copy';
import { PostOutboxService } from '../../offline/post-outbox.service';
import { BODY_MAX } from '../ask-form/ask-form.component';
import { ThreadsService } from '../data-access/threads.service';
import { formatWhen } from '../data-access/when';

/** What the page is asking of one post: its new text, a report's reason, a hiding's reason. */
interface Editing {
  postId: string;
  kind: 'edit' | 'report' | 'hide' | 'delete';
  text: string;
}

/** What the live region last said. */
type Said =
  | 'replySent'
  | 'replyQueued'
  | 'edited'
  | 'deleted'
  | 'reported'
  | 'marked'
  | 'unmarked'
  | 'hidden'
  | 'unhidden'
  | 'locked'
  | 'unlocked';

/**
 * `/cohorts/:cohortId/threads/:threadId`: a question and its replies in the order they were written,
 * the reply that settles it highlighted (and linked from the top). Its author edits a post for 15
 * minutes and deletes it; anyone reports someone else's; whoever moderates the cohort marks the
 * answer, hides a post saying why, and locks the thread. Replies go through the outbox (written
 * offline, they wait on the device and show as "waiting to send"); offline, the thread reads from
 * the copy kept on this device at its last visit.
 */
@Component({
  selector: 'tc-thread-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemMessageComponent,
    TextDirDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './thread.page.html',
  styleUrl: './thread.page.scss',
})
export class ThreadPage {
  private readonly api = inject(ThreadsService);
  private readonly kept = injectKeptCopies();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly outbox = inject(PostOutboxService);
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();
  readonly threadId = input.required<string>();

  protected readonly bodyMax = BODY_MAX;
  protected readonly thread = signal<ThreadDetail | null>(null);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly editing = signal<Editing | null>(null);
  protected readonly lockReason = signal('');
  protected readonly confirmingLock = signal(false);
  protected readonly reply = signal('');
  protected readonly said = signal<Said | null>(null);
  /** Replies to this thread waiting on this device. */
  protected readonly waiting = computed(() => this.outbox.waitingIn(this.cohortId(), this.threadId()));
  /** Actions need the server: none on a copy read offline. */
  protected readonly live = computed(() => this.savedAt() === null);
  protected readonly canModerate = computed(() => !!this.thread()?.canModerate && this.live());

  constructor() {
    effect(() => {
      const cohortId = this.cohortId();
      const threadId = this.threadId();
      untracked(() => void this.load(cohortId, threadId));
    });
    const sent = this.outbox.sent.subscribe(({ post }) => {
      // One sent from the reply box reloads there (to move the focus); one from the outbox, here.
      if (post.threadId === this.threadId() && !this.busy()) void this.load(this.cohortId(), this.threadId());
    });
    inject(DestroyRef).onDestroy(() => sent.unsubscribe());
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  protected lessonTitle(t: ThreadDetail): string {
    return textIn(t.lessonTitle, this.lang());
  }

  /** Whether its author may still edit it (the server says until when). */
  protected editable(p: ThreadPost): boolean {
    return p.mine && p.state === 'visible' && !!p.editableUntil && Date.parse(p.editableUntil) > Date.now();
  }

  protected start(p: ThreadPost, kind: Editing['kind']): void {
    this.problem.set(null);
    this.editing.set({ postId: p.id, kind, text: kind === 'edit' ? (p.body ?? '') : '' });
    afterNextRender(() => this.element(`#tc-edit-${p.id}`)?.focus(), { injector: this.injector });
  }

  protected setText(text: string): void {
    this.editing.update((e) => (e ? { ...e, text } : e));
  }

  protected stop(postId: string): void {
    this.editing.set(null);
    this.focusPost(postId);
  }

  /** Saves the open edit, report, hiding or deletion of a post. */
  protected async confirm(p: ThreadPost): Promise<void> {
    const e = this.editing();
    if (!e || e.postId !== p.id) return;
    const ids = [this.cohortId(), this.threadId(), p.id] as const;
    if ((e.kind === 'edit' || e.kind === 'hide') && !e.text.trim()) {
      this.element(`#tc-edit-${p.id}`)?.focus();
      return;
    }
    await this.act(p.id, async () => {
      switch (e.kind) {
        case 'edit':
          await firstValueFrom(this.api.edit(...ids, { body: e.text.trim() }));
          return 'edited';
        case 'delete':
          await firstValueFrom(this.api.remove(...ids));
          return 'deleted';
        case 'report':
          await firstValueFrom(this.api.report(...ids, { reason: e.text.trim() || null }));
          return 'reported';
        case 'hide':
          await firstValueFrom(this.api.hide(...ids, { reason: e.text.trim() }));
          return 'hidden';
      }
    });
  }

  protected async markAnswer(p: ThreadPost, answer: boolean): Promise<void> {
    await this.act(p.id, async () => {
      await firstValueFrom(this.api.markAnswer(this.cohortId(), this.threadId(), p.id, answer));
      return answer ? 'marked' : 'unmarked';
    });
  }

  protected async unhide(p: ThreadPost): Promise<void> {
    await this.act(p.id, async () => {
      await firstValueFrom(this.api.unhide(this.cohortId(), this.threadId(), p.id));
      return 'unhidden';
    });
  }

  protected async lock(locked: boolean): Promise<void> {
    await this.act(null, async () => {
      if (locked) {
        await firstValueFrom(
          this.api.lock(this.cohortId(), this.threadId(), { reason: this.lockReason().trim() || null }),
        );
      } else {
        await firstValueFrom(this.api.unlock(this.cohortId(), this.threadId()));
      }
      this.confirmingLock.set(false);
      this.lockReason.set('');
      return locked ? 'locked' : 'unlocked';
    });
  }

  protected async send(): Promise<void> {
    const body = this.reply().trim();
    if (!body) {
      this.element('#tc-reply')?.focus();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.said.set(null);
    try {
      const outcome = await this.outbox.write({
        cohortId: this.cohortId(),
        threadId: this.threadId(),
        title: null,
        lessonKey: null,
        body,
      });
      if (outcome.kind === 'refused') {
        this.problem.set(outcome.problem);
        return;
      }
      this.reply.set('');
      if (outcome.kind === 'sent') {
        await this.load(this.cohortId(), this.threadId());
        this.said.set('replySent');
        const mine = this.thread()
          ?.posts.filter((p) => p.mine)
          .at(-1);
        if (mine) this.focusPost(mine.id);
      } else {
        this.said.set('replyQueued');
        afterNextRender(() => this.element('.tc-post-waiting')?.focus(), { injector: this.injector });
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected async cancel(clientId: string, body: string): Promise<void> {
    await this.outbox.cancel(clientId);
    // Its text comes back to the reply box, to change or send again.
    if (!this.reply().trim()) this.reply.set(body);
    this.element('#tc-reply')?.focus();
  }

  /** Runs a moderation or own-post action, reloads, says what happened, keeps the focus on the post. */
  private async act(postId: string | null, work: () => Promise<Said>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.said.set(null);
    try {
      const said = await work();
      this.editing.set(null);
      await this.load(this.cohortId(), this.threadId());
      this.said.set(said);
      if (postId) this.focusPost(postId);
      else afterNextRender(() => this.element('h1')?.focus(), { injector: this.injector });
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private focusPost(postId: string): void {
    afterNextRender(() => this.element(`#tc-post-${postId}`)?.focus(), { injector: this.injector });
  }

  private element(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }

  private async load(cohortId: string, threadId: string): Promise<void> {
    this.loading.set(true);
    try {
      const loaded = await this.kept(copyKey('thread', threadId), this.api.get(cohortId, threadId));
      this.thread.set(loaded.value);
      this.savedAt.set(loaded.savedAt);
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
