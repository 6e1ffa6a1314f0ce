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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyEnrolment, ThreadSummary } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { copyKey } from '../../offline/conversation-store';
import { injectKeptCopies } from '../../offline/kept-copy';
import { PostOutboxService } from '../../offline/post-outbox.service';
import { AskQuestionComponent } from '../ask-form/ask-form.component';
import { ThreadsService } from '../data-access/threads.service';
import { formatWhen } from '../data-access/when';

/** How many of a lesson's threads the lesson page lists (the rest are on the cohort's page). */
const SHOWN = 5;

/**
 * "Questions about this lesson", under a lesson of the player (the app gives it to learning as
 * `LESSON_DISCUSSION`; learning knows nothing of conversation): the lesson's threads in the
 * coach's cohort, newest activity first, its questions still waiting on this device, a link to all
 * of them, and "Ask a question" about the lesson. The cohort comes from the coach's enrolments;
 * both lists are kept on the device, so that a lesson read offline shows what was asked.
 */
@Component({
  selector: 'tc-lesson-questions',
  imports: [RouterLink, TranslocoPipe, AskQuestionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-lesson-questions" aria-labelledby="tc-lesson-questions-heading">
      <h2 id="tc-lesson-questions-heading">{{ 'conversation.lesson.title' | transloco }}</h2>
      @if (cohortId(); as cohort) {
        @if (threads(); as list) {
          <ul class="tc-list">
            @for (t of list; track t.id) {
              <li>
                <a [routerLink]="['/cohorts', cohort, 'threads', t.id]"
                  ><bdi>{{ t.title }}</bdi></a
                >
                <span class="tc-meta">
                  @if (t.answered) {
                    <span class="tc-badge">{{ 'conversation.threads.answered' | transloco }}</span>
                  }
                  <span>{{ 'conversation.threads.replies' | transloco: { count: t.replyCount } }}</span>
                  <time [attr.datetime]="t.lastActivityAt">{{ when(t.lastActivityAt) }}</time>
                </span>
              </li>
            }
            @for (w of waiting(); track w.clientId) {
              <li>
                <span dir="auto">{{ w.title }}</span>
                <span class="tc-meta"
                  ><span class="tc-badge tc-queued">{{
                    'conversation.offline.waiting' | transloco
                  }}</span></span
                >
              </li>
            } @empty {
              @if (!list.length) {
                <li class="tc-muted">{{ 'conversation.lesson.none' | transloco }}</li>
              }
            }
          </ul>
        } @else if (failed()) {
          <p class="tc-muted">{{ 'conversation.lesson.unavailable' | transloco }}</p>
        }
        <p>
          <a [routerLink]="['/cohorts', cohort, 'threads']" [queryParams]="{ lesson: lessonKey() }">{{
            'conversation.lesson.all' | transloco
          }}</a>
        </p>
        <tc-ask-question
          [cohortId]="cohort"
          [lessonKey]="lessonKey()"
          [headingLevel]="3"
          headingId="tc-lesson-ask-heading"
        />
      } @else if (failed()) {
        <p class="tc-muted">{{ 'conversation.lesson.unavailable' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .tc-lesson-questions {
      margin-block: 1.5rem;
      padding-block: 1rem;
      padding-inline: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      overflow-wrap: anywhere;
    }
    h2 {
      font-size: 1.125rem;
      margin-block: 0 0.5rem;
    }
    .tc-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tc-list li {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      padding-block: 0.5rem;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .tc-list a {
      min-block-size: 24px;
    }
    .tc-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-badge {
      font-size: 0.8125rem;
      padding-inline: 0.5rem;
      border-radius: 1rem;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .tc-queued {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .tc-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LessonQuestionsComponent {
  private readonly api = inject(ThreadsService);
  private readonly kept = injectKeptCopies();
  private readonly outbox = inject(PostOutboxService);
  private readonly lang = inject(LanguageService).lang;
  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();

  protected readonly cohortId = signal<string | null>(null);
  protected readonly threads = signal<ThreadSummary[] | null>(null);
  protected readonly failed = signal(false);
  /** The enrolment whose cohort `cohortId` is. */
  private cohortOf: string | null = null;
  protected readonly waiting = computed(() => {
    const cohort = this.cohortId();
    const lesson = this.lessonKey();
    return cohort ? this.outbox.waitingIn(cohort, null).filter((p) => p.lessonKey === lesson) : [];
  });

  constructor() {
    effect(() => {
      const enrolmentId = this.enrolmentId();
      const lessonKey = this.lessonKey();
      untracked(() => void this.load(enrolmentId, lessonKey));
    });
    const sent = this.outbox.sent.subscribe(({ post }) => {
      if (post.cohortId === this.cohortId() && post.lessonKey === this.lessonKey()) {
        void this.load(this.enrolmentId(), this.lessonKey());
      }
    });
    inject(DestroyRef).onDestroy(() => sent.unsubscribe());
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  private async load(enrolmentId: string, lessonKey: string): Promise<void> {
    this.failed.set(false);
    try {
      if (this.cohortOf !== enrolmentId) {
        this.cohortOf = enrolmentId;
        this.cohortId.set(null);
        const mine = await this.kept(copyKey('cohort-of', 'enrolments'), this.api.myEnrolments());
        this.cohortId.set(
          mine.value.find((e: MyEnrolment) => e.enrolmentId === enrolmentId)?.cohortId ?? null,
        );
      }
      const cohortId = this.cohortId();
      if (!cohortId) {
        this.failed.set(true);
        return;
      }
      const page = await this.kept(
        copyKey('threads', cohortId, lessonKey),
        this.api.page(cohortId, { lessonKey, limit: SHOWN }),
      );
      this.threads.set(page.value.items);
    } catch {
      // Offline with nothing kept, or the cohort closed to the coach: the lesson reads on without it.
      if (!this.cohortId()) this.cohortOf = null;
      this.threads.set(null);
      this.failed.set(true);
    }
  }
}
