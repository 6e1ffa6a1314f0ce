import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  Cohort,
  ProblemDetails,
  ReviewQueueItem,
  ReviewQueuePage as QueuePage,
  ReviewQueueQuery,
} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, textIn } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { PracticeService } from '../data-access/practice.service';
import { formatWhen } from '../hand-in/format';

type QueueStatus = NonNullable<ReviewQueueQuery['status']>;
export const QUEUE_STATUSES: readonly QueueStatus[] = ['waiting', 'returned', 'passed'];
const PAGE_SIZE = 20;

/**
 * A cohort's hand-ins to review, oldest first: waiting (the default), returned or passed, all
 * modules or one; a page at a time ("more" follows the cursor). Each row opens its review.
 */
@Component({
  selector: 'tc-review-queue-page',
  imports: [RouterLink, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-queue.page.html',
  styleUrl: './review-queue.page.scss',
})
export class ReviewQueuePage {
  private readonly api = inject(PracticeService);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();
  /** From the URL (`?status=`, `?module=`), so a filter survives a reload and the back button. */
  readonly status = input<string | undefined>(undefined);
  readonly module = input<string | undefined>(undefined);

  protected readonly statuses = QUEUE_STATUSES;
  protected readonly cohort = signal<Cohort | null>(null);
  protected readonly items = signal<ReviewQueueItem[]>([]);
  protected readonly page = signal<QueuePage | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly current = computed<QueueStatus>(() =>
    QUEUE_STATUSES.includes(this.status() as QueueStatus) ? (this.status() as QueueStatus) : 'waiting',
  );
  protected readonly moduleKey = computed(() => this.module() ?? '');
  protected readonly modules = computed(() =>
    (this.cohort()?.modules ?? []).map((m) => ({ key: m.key, title: textIn(m.title, this.lang()) })),
  );
  protected readonly title = (item: ReviewQueueItem) => textIn(item.lessonTitle, this.lang());
  protected readonly moduleTitle = (key: string) => this.modules().find((m) => m.key === key)?.title ?? key;

  constructor() {
    effect(() => {
      const id = this.cohortId();
      untracked(
        () =>
          void firstValueFrom(this.api.cohort(id)).then(
            (c) => this.cohort.set(c),
            () => undefined,
          ),
      );
    });
    effect(() => {
      const query = { cohortId: this.cohortId(), status: this.current(), moduleKey: this.moduleKey() };
      untracked(() => void this.load(query.cohortId, query.status, query.moduleKey, null));
    });
  }

  protected when(iso: string): string {
    return formatWhen(iso, this.lang());
  }

  protected filterModule(key: string): void {
    void this.router.navigate([], { queryParams: { module: key || null }, queryParamsHandling: 'merge' });
  }

  protected more(): void {
    const cursor = this.page()?.nextCursor;
    if (cursor) void this.load(this.cohortId(), this.current(), this.moduleKey(), cursor);
  }

  protected reload(): void {
    void this.load(this.cohortId(), this.current(), this.moduleKey(), null);
  }

  private async load(
    cohortId: string,
    status: QueueStatus,
    moduleKey: string,
    cursor: string | null,
  ): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.api.queue(cohortId, {
          status,
          moduleKey: moduleKey || undefined,
          cursor: cursor ?? undefined,
          limit: PAGE_SIZE,
        }),
      );
      this.page.set(page);
      this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
