import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DeadLetter, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { DeadLettersService } from './dead-letters.service';

const PAGE = 50;

/**
 * Admin: the background jobs that failed every attempt (a notification's delivery, an announcement),
 * newest failure first, with what went wrong and the ids they were about; once the cause is fixed, an
 * admin queues one again. Nothing personal is shown: the server gives ids and field names only.
 */
@Component({
  selector: 'tc-dead-letters-page',
  imports: [RouterLink, MatButtonModule, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dead-letters.page.html',
  styles: `
    .tc-jobs {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .tc-jobs > li {
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
      min-inline-size: 0;
    }
    .tc-top {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .tc-queue {
      font-family: monospace;
      overflow-wrap: anywhere;
    }
    .tc-meta {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
      margin: 0.125rem 0;
    }
    .tc-error {
      margin: 0.25rem 0;
      overflow-wrap: anywhere;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: 0 0.5rem;
      margin: 0.25rem 0;
      font-size: 0.875rem;
    }
    dd {
      margin: 0;
      font-family: monospace;
      overflow-wrap: anywhere;
    }
  `,
})
export class DeadLettersPage {
  private readonly deadLetters = inject(DeadLettersService);
  private readonly lang = inject(LanguageService).lang;

  protected readonly items = signal<DeadLetter[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loadingMore = signal(false);
  /** The dead letter being queued again (its button waits). */
  protected readonly retrying = signal<string | null>(null);
  /** The last retry's queue, said once it is queued. */
  protected readonly retried = signal<string | null>(null);

  constructor() {
    this.deadLetters.list({ limit: PAGE }).subscribe({
      next: (page) => {
        this.items.set(page.items);
        this.nextCursor.set(page.nextCursor);
      },
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor) return;
    this.loadingMore.set(true);
    this.deadLetters.list({ limit: PAGE, cursor }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.items.update((list) => [...(list ?? []), ...page.items]);
        this.nextCursor.set(page.nextCursor);
      },
      error: (e: unknown) => {
        this.loadingMore.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  /** Queues the job again; it leaves the list (gone already: it leaves too, and the problem says so). */
  protected retry(item: DeadLetter): void {
    this.retrying.set(item.id);
    this.retried.set(null);
    this.problem.set(null);
    this.deadLetters.retry(item.id).subscribe({
      next: (r) => {
        this.retrying.set(null);
        this.retried.set(r.queue);
        this.items.update((list) => (list ?? []).filter((d) => d.id !== item.id));
      },
      error: (e: unknown) => {
        this.retrying.set(null);
        const problem = problemOf(e);
        this.problem.set(problem);
        if (problem.status === 404) this.items.update((list) => (list ?? []).filter((d) => d.id !== item.id));
      },
    });
  }

  /** When, in the interface language (Intl: no Angular locale data to register). */
  protected when(iso: string): string {
    const lang = this.lang();
    return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {
      dateStyle: 'medium',
      timeStyle: 'medium',
    }).format(new Date(iso));
  }

  protected idsOf(item: DeadLetter): { key: string; value: string }[] {
    return Object.entries(item.ids).map(([key, value]) => ({
      key,
      value: Array.isArray(value) ? value.join(', ') : value,
    }));
  }
}
