import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails, ThreadPage, ThreadSummary } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, TextDirDirective, problemOf, textIn } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { copyKey } from '../../offline/conversation-store';
import { injectKeptCopies } from '../../offline/kept-copy';
import { PostOutboxService } from '../../offline/post-outbox.service';
import { AskQuestionComponent } from '../ask-form/ask-form.component';
import { ThreadsService } from '../data-access/threads.service';
import { formatWhen } from '../data-access/when';

const PAGE_SIZE = 20;

/**
 * `/cohorts/:cohortId/threads`: a cohort's questions and discussions, newest activity first (only
 * those of one lesson with `?lesson=`), each with its lesson, replies, last activity and whether it
 * is answered; the questions written here and still waiting to be sent; and "Ask a question".
 * Offline, the list kept on this device at its last visit.
 */
@Component({
  selector: 'tc-threads-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    MatButtonModule,
    ProblemMessageComponent,
    TextDirDirective,
    AskQuestionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './threads.page.html',
  styleUrl: './threads.page.scss',
})
export class ThreadsPage {
  private readonly api = inject(ThreadsService);
  private readonly kept = injectKeptCopies();
  protected readonly outbox = inject(PostOutboxService);
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();
  /** `?lesson=`: only the threads about this lesson. */
  readonly lesson = input<string | undefined>(undefined);

  protected readonly page = signal<ThreadPage | null>(null);
  protected readonly items = signal<ThreadSummary[]>([]);
  /** When the list shown is the copy kept on this device (offline), else null. */
  protected readonly savedAt = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** New questions of this cohort waiting on this device. */
  protected readonly waiting = computed(() => this.outbox.waitingIn(this.cohortId(), null));

  constructor() {
    effect(() => {
      const id = this.cohortId();
      const lesson = this.lesson();
      untracked(() => void this.load(id, lesson, null));
    });
    // A question sent from this device (now or from the outbox): the list shows it.
    const sent = this.outbox.sent.subscribe(({ post }) => {
      if (post.cohortId === this.cohortId()) void this.load(this.cohortId(), this.lesson(), null);
    });
    inject(DestroyRef).onDestroy(() => sent.unsubscribe());
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  protected lessonTitle(t: ThreadSummary): string {
    return textIn(t.lessonTitle, this.lang());
  }

  protected more(): void {
    const cursor = this.page()?.nextCursor;
    if (cursor) void this.load(this.cohortId(), this.lesson(), cursor);
  }

  protected async cancel(clientId: string): Promise<void> {
    await this.outbox.cancel(clientId);
  }

  private async load(cohortId: string, lesson: string | undefined, cursor: string | null): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const request = this.api.page(cohortId, {
        lessonKey: lesson || undefined,
        cursor: cursor ?? undefined,
        limit: PAGE_SIZE,
      });
      // Only the first page is kept for offline reading: what the list opens on.
      const loaded = cursor
        ? { value: await firstValueFrom(request), savedAt: null }
        : await this.kept(copyKey('threads', cohortId, lesson ?? ''), request);
      this.page.set(loaded.value);
      this.savedAt.set(loaded.savedAt);
      this.items.update((items) => (cursor ? [...items, ...loaded.value.items] : loaded.value.items));
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
