import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  CoachModuleRecord,
  CoachQuizAttempt,
  CoachRecord,
  LocalizedText,
  ProblemDetails,
} from '@tc/shared/contracts';
import {
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  formatMoment,
  problemOf,
  textIn,
} from '@tc/shared/ui';
import { catchError, combineLatest, map, of, switchMap } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { formatDay } from '../data-access/dates';

/** A text set apart from the direction around it (a French name inside an Arabic sentence). */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The attempts grouped by quiz, in the course's order; quizzes no longer in the course last. */
export function attemptsByQuiz(
  modules: CoachModuleRecord[],
  attempts: CoachQuizAttempt[],
): { key: string; title: LocalizedText | null; attempts: CoachQuizAttempt[] }[] {
  const quizzes = modules.flatMap((m) => m.lessons).filter((l) => l.kind === 'quiz');
  const order = new Map(quizzes.map((q, i) => [q.key, i]));
  const titles = new Map(quizzes.map((q) => [q.key, q.title]));
  const keys = [...new Set(attempts.map((a) => a.lessonKey))].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity),
  );
  return keys.map((key) => ({
    key,
    title: titles.get(key) ?? null,
    attempts: attempts.filter((a) => a.lessonKey === key),
  }));
}

/**
 * One coach of a cohort, as its trainers follow them: where they work and how far they are; each
 * module's lessons with when they were done; every quiz attempt with its score; the self-assessment at
 * the start and the end of the course. Nothing about field tasks: the platform records none.
 */
@Component({
  selector: 'tc-coach-record-page',
  imports: [RouterLink, TranslocoPipe, LocalizedNamePipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './coach-record.page.html',
  styleUrl: './coach-record.page.scss',
})
export class CoachRecordPage {
  private readonly cohorts = inject(CohortsService);
  protected readonly lang = inject(LanguageService).lang;
  /** Route parameters `:id` (the cohort) and `:enrolmentId`. */
  readonly id = input.required<string>();
  readonly enrolmentId = input.required<string>();

  private readonly loaded = toSignal(
    combineLatest([toObservable(this.id), toObservable(this.enrolmentId)]).pipe(
      switchMap(([id, enrolmentId]) =>
        this.cohorts.coachRecord(id, enrolmentId).pipe(
          map((record) => ({ record, problem: null as ProblemDetails | null })),
          catchError((e: unknown) => of({ record: null, problem: problemOf(e) })),
        ),
      ),
    ),
  );
  protected readonly record = computed<CoachRecord | null>(() => this.loaded()?.record ?? null);
  protected readonly problem = computed(() => this.loaded()?.problem ?? null);
  protected readonly quizzes = computed(() => {
    const r = this.record();
    return r ? attemptsByQuiz(r.modules, r.quizAttempts) : [];
  });
  protected readonly rated = computed(() =>
    (this.record()?.selfAssessment.competences ?? []).some((c) => c.start !== null || c.end !== null),
  );

  protected text(value: LocalizedText | null | undefined): string {
    return textIn(value, this.lang(), this.record()?.defaultLocale);
  }

  protected isolated(value: string): string {
    return isolated(value);
  }

  protected moment(iso: string | null): string {
    return formatMoment(iso, this.lang());
  }

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  protected done(m: CoachModuleRecord): number {
    return m.lessons.filter((l) => l.completedAt).length;
  }

  protected levelName(level: number | null): string {
    const found = this.record()?.selfAssessment.levels.find((l) => l.level === level);
    return found ? found.name[this.lang()] : '';
  }
}
