import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  numberAttribute,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CoachCourse,
  type CoachLesson,
  type CourseContent,
  type Locale,
  type ProblemDetails,
  type Quiz,
  isLocale,
} from '@tc/shared/contracts';
import {
  IsolatedPipe,
  LanguageService,
  ProblemMessageComponent,
  TextDirDirective,
  problemOf,
} from '@tc/shared/ui';
import { catchError, combineLatest, filter, map, of, startWith, switchMap } from 'rxjs';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { CoursesService } from '../data-access/courses.service';
import { LocalizedTextPipe } from '../data-access/localized-text.pipe';
import { QuizPreviewComponent } from './quiz-preview.component';
import { TaskPreviewComponent } from './task-preview.component';

interface PreviewState {
  course: CoachCourse | null;
  problem: ProblemDetails | null;
  loading: boolean;
}

/**
 * The course exactly as a coach receives it, in one of its locales; the draft or a version. Its quizzes
 * can be taken: graded in the browser against the authored key, nothing recorded.
 */
@Component({
  selector: 'tc-course-preview-page',
  imports: [
    RouterLink,
    MatButtonToggleModule,
    TranslocoPipe,
    LocalizedTextPipe,
    ProblemMessageComponent,
    QuizPreviewComponent,
    TaskPreviewComponent,
    TextDirDirective,
    IsolatedPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-preview.page.html',
  styleUrl: './course-preview.page.scss',
})
export class CoursePreviewPage {
  protected readonly store = inject(CourseDraftStore);
  private readonly courses = inject(CoursesService);
  private readonly router = inject(Router);
  private readonly uiLang = inject(LanguageService).lang;
  /** Route parameter and query parameters. */
  readonly id = input.required<string>();
  readonly locale = input<string | undefined>();
  readonly version = input<number | undefined, unknown>(undefined, {
    transform: (v: unknown) => (v == null || v === '' ? undefined : numberAttribute(v)),
  });

  /** The requested locale if offered, else the interface language if offered, else the default. */
  protected readonly shownLocale = computed<Locale | null>(() => {
    const d = this.store.draft();
    if (!d) return null;
    const asked = this.locale();
    if (isLocale(asked) && d.locales.includes(asked)) return asked;
    return d.locales.includes(this.uiLang()) ? this.uiLang() : d.defaultLocale;
  });
  protected readonly state = signal<PreviewState>({ course: null, problem: null, loading: true });
  /** Key of the lesson open, else the first. */
  protected readonly openKey = signal<string | null>(null);
  protected readonly openLesson = computed<{ lesson: CoachLesson; moduleTitle: string } | null>(() => {
    const course = this.state().course;
    if (!course) return null;
    const all = course.modules.flatMap((m) => m.lessons.map((lesson) => ({ lesson, moduleTitle: m.title })));
    return all.find((x) => x.lesson.key === this.openKey()) ?? all[0] ?? null;
  });

  /** The version previewed, answers included (the draft's are in the store). */
  private readonly versionContent = toSignal(
    combineLatest([toObservable(this.id), toObservable(this.version)]).pipe(
      switchMap(([id, version]) =>
        version
          ? this.courses.version(id, version).pipe(
              map((v): CourseContent | null => v.content),
              catchError(() => of(null)),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );
  /** Each quiz as authored, by lesson key, with the locale its missing texts fall back to. */
  protected readonly keys = computed(() => {
    const content = this.version() ? this.versionContent() : this.store.draft();
    const quizzes = new Map<string, Quiz>();
    for (const m of content?.modules ?? []) for (const l of m.lessons) if (l.quiz) quizzes.set(l.key, l.quiz);
    return { quizzes, defaultLocale: content?.defaultLocale ?? null };
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.ensure(id));
    });
    combineLatest([toObservable(this.id), toObservable(this.shownLocale), toObservable(this.version)])
      .pipe(
        filter((v): v is [string, Locale, number | undefined] => v[1] !== null),
        switchMap(([id, locale, version]) =>
          this.courses.preview(id, locale, version).pipe(
            map((course): PreviewState => ({ course, problem: null, loading: false })),
            catchError((e: unknown) =>
              of<PreviewState>({ course: null, problem: problemOf(e), loading: false }),
            ),
            startWith<PreviewState>({ ...this.state(), loading: true }),
          ),
        ),
      )
      .subscribe((s) => this.state.set(s));
  }

  protected chooseLocale(locale: Locale): void {
    void this.router.navigate([], {
      queryParams: { locale },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected open(key: string): void {
    this.openKey.set(key);
  }
}
