import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditEntry,
  type AuditExportFormat,
  type AuditQuery,
  type AuditSubjectType,
  type ProblemDetails,
  auditSentence,
} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, saveBlob } from '@tc/shared/ui';
import { catchError, debounceTime, distinctUntilChanged, map, merge, of, startWith, switchMap } from 'rxjs';
import { AuditService } from './audit.service';

const PAGE = 50;
/** The API's shortest author search. */
const ACTOR_MIN = 2;

/** A day `YYYY-MM-DD` of the date input as the start of that day (UTC), for the API. */
export function dayStart(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : undefined;
}

/** The day after `YYYY-MM-DD` (the API's `to` is exclusive: "to" a day includes that day). */
export function dayAfter(day: string): string | undefined {
  const start = dayStart(day);
  return start ? new Date(Date.parse(start) + 86_400_000).toISOString() : undefined;
}

/**
 * Admin: the audit log, newest first, filtered (the author by name), with older entries on demand and
 * an export of what the filters select. Each entry reads as a sentence in the reader's language, with
 * the names the server gives (people, courses, cohorts, territories), never ids.
 */
@Component({
  selector: 'tc-audit-log-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-log.page.html',
  styles: `
    .tc-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block: 0.5rem 1rem;
    }
    .tc-filters mat-form-field {
      flex: 1 1 11rem;
    }
    .tc-entries {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .tc-entries li {
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .tc-when {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .tc-kind {
      color: var(--mat-sys-on-surface-variant);
      margin-inline-end: 0.25rem;
    }
    .tc-subject a {
      overflow-wrap: anywhere;
    }
    .tc-sentence {
      margin: 0.125rem 0;
      overflow-wrap: anywhere;
    }
    .tc-meta,
    .tc-reason {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
      margin: 0;
    }
    .tc-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem;
    }
  `,
})
export class AuditLogPage {
  private readonly audit = inject(AuditService);
  private readonly lang = inject(LanguageService).lang;
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  /** The active language's texts: the sentences are written again once they are there. */
  private readonly texts = toSignal(this.transloco.selectTranslation(), { initialValue: {} });

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly subjectTypes = AUDIT_SUBJECT_TYPES;
  protected readonly filters = new FormGroup({
    action: new FormControl<AuditAction | ''>('', { nonNullable: true }),
    subjectType: new FormControl<AuditSubjectType | ''>('', { nonNullable: true }),
    actor: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  protected readonly entries = signal<AuditEntry[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly exporting = signal(false);

  constructor() {
    const destroyRef = inject(DestroyRef);
    // Asked again when a filter changes, and when the language does (the subjects' names).
    merge(this.filters.valueChanges.pipe(debounceTime(300)), toObservable(this.lang))
      .pipe(
        map(() => this.query()),
        startWith(this.query()),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        switchMap((query) =>
          this.audit.list(query).pipe(
            map((page) => ({ page, problem: null })),
            catchError((e: unknown) => of({ page: null, problem: problemOf(e) })),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ page, problem }) => {
        this.entries.set(page?.items ?? null);
        this.nextCursor.set(page?.nextCursor ?? null);
        this.problem.set(problem);
      });
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor) return;
    this.loadingMore.set(true);
    this.audit.list({ ...this.query(), cursor }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.entries.update((list) => [...(list ?? []), ...page.items]);
        this.nextCursor.set(page.nextCursor);
      },
      error: (e: unknown) => {
        this.loadingMore.set(false);
        this.problem.set(problemOf(e));
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

  /** The entry as one sentence of the interface language. */
  protected sentence(entry: AuditEntry): string {
    this.texts();
    return auditSentence(entry, (key, params) => this.transloco.translate(key, params));
  }

  /** The reason the admin gave, if any. */
  protected reasonOf(entry: AuditEntry): string | null {
    const reason = entry.details['reason'];
    return typeof reason === 'string' && reason ? reason : null;
  }

  /** What the filters select, as a file in the interface language. */
  protected download(format: AuditExportFormat): void {
    const { action, subjectType, actor, from, to, locale } = this.query();
    this.exporting.set(true);
    this.audit.export({ action, subjectType, actor, from, to, locale, format }).subscribe({
      next: ({ blob, filename }) => {
        this.exporting.set(false);
        saveBlob(this.document, filename, blob, 1_000);
      },
      error: (e: unknown) => {
        this.exporting.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  private query(): AuditQuery {
    const f = this.filters.getRawValue();
    return {
      action: f.action || undefined,
      subjectType: f.subjectType || undefined,
      actor: f.actor.trim().length >= ACTOR_MIN ? f.actor.trim() : undefined,
      from: dayStart(f.from),
      to: dayAfter(f.to),
      limit: PAGE,
      locale: this.lang(),
    };
  }
}
