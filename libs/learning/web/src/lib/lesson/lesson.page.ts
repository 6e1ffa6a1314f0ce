import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, ProblemMessageComponent } from '@tc/shared/ui';
import { isDone, placeOf } from '../data-access/course-outline';
import { DataSaver } from '../data-access/data-saver';
import { formatNumber, formatSize } from '../data-access/dates';
import { type CourseEntry, LearnerCourseStore } from '../data-access/learner-course.store';
import { QuizComponent } from '../quiz/quiz.component';
import { SyncStatusComponent } from '../ui/sync-status.component';
import { DataSaverToggleComponent } from './data-saver-toggle.component';
import { LessonHtmlDirective } from './lesson-html';
import { LessonDiscussionComponent } from './lesson-discussion';
import { TASK_LESSON_VIEW } from './task-lesson-view';

/**
 * `/learn/:enrolmentId/lessons/:lessonKey`: one lesson, its media or its quiz, previous/next.
 * Opening a lesson records `started`; "Mark as done" (or "Next" at the end) records `completed`.
 */
@Component({
  selector: 'tc-lesson-page',
  imports: [
    NgComponentOutlet,
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    QuizComponent,
    SyncStatusComponent,
    DataSaverToggleComponent,
    LessonHtmlDirective,
    LessonDiscussionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lesson.page.html',
  styleUrl: './lesson.page.scss',
})
export class LessonPage {
  private readonly store = inject(LearnerCourseStore);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly dataSaver = inject(DataSaver);
  /** The lesson whose media the coach asked to see with data saver on. */
  protected readonly shownMedia = signal<string | null>(null);
  /** Route parameters. */
  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly mediaImage = viewChild<ElementRef<HTMLImageElement>>('mediaImage');
  private readonly injector = inject(Injector);
  protected readonly entry = computed<CourseEntry | null>(
    () => this.store.entries()[this.enrolmentId()] ?? null,
  );
  protected readonly learner = computed(() => this.entry()?.course ?? null);
  protected readonly place = computed(() => {
    const l = this.learner();
    return l ? placeOf(l.course, this.lessonKey()) : null;
  });
  protected readonly lesson = computed(() => this.place()?.current.lesson ?? null);
  protected readonly done = computed(() => {
    const l = this.learner();
    const lesson = this.lesson();
    return !!l && !!lesson && isDone(l, lesson);
  });
  private readonly loadTaskView = inject(TASK_LESSON_VIEW, { optional: true });
  /** The hand-in of a task lesson, loaded when the first task lesson opens. */
  protected readonly taskView = resource({
    params: () => (this.lesson()?.kind === 'task' && this.loadTaskView ? this.loadTaskView : undefined),
    loader: ({ params: load }) => load(),
  });
  protected readonly quizState = computed(() => this.learner()?.quizzes[this.lessonKey()] ?? null);
  protected readonly position = computed(() => {
    const p = this.place();
    const lang = this.lang();
    return p ? { n: formatNumber(p.current.index + 1, lang), total: formatNumber(p.total, lang) } : null;
  });

  constructor() {
    effect(() => this.store.ensure(this.enrolmentId(), this.lang()));
    // `started` once per lesson opened, as soon as the course is known.
    let startedFor = '';
    effect(() => {
      const id = this.enrolmentId();
      const key = this.lessonKey();
      if (!this.lesson() || startedFor === `${id}/${key}`) return;
      startedFor = `${id}/${key}`;
      untracked(() => this.store.start(id, key));
    });
    // A new lesson: focus its title, so screen readers and keyboards start there.
    let focusedFor = '';
    afterRenderEffect(() => {
      const el = this.heading()?.nativeElement;
      const key = this.lessonKey();
      if (el && focusedFor !== key) {
        if (focusedFor) el.focus();
        focusedFor = key;
      }
    });
  }

  protected sizeOf(bytes: number | null): { value: string; unit: 'kB' | 'MB' } | null {
    return bytes && bytes > 0 ? formatSize(bytes, this.lang()) : null;
  }

  /** The media image asked for: shown, and focused so that the keyboard stays where it was. */
  protected showMedia(key: string): void {
    this.shownMedia.set(key);
    afterNextRender(() => this.mediaImage()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Offline, a srcset pick that was never kept: fall back to `src`, which the offline copy keeps. */
  protected dropSrcset(img: HTMLImageElement): void {
    if (!img.hasAttribute('srcset')) return;
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
  }

  protected markDone(): void {
    this.store.complete(this.enrolmentId(), this.lessonKey());
  }

  /** "Next" at the end of a text or media lesson also marks it as read (a task completes once passed). */
  protected next(key: string): void {
    const lesson = this.lesson();
    if (lesson && lesson.kind !== 'quiz' && lesson.kind !== 'task') this.markDone();
    void this.router.navigate(['/learn', this.enrolmentId(), 'lessons', key]);
  }

  protected finish(): void {
    const lesson = this.lesson();
    if (lesson && lesson.kind !== 'quiz' && lesson.kind !== 'task') this.markDone();
    void this.router.navigate(['/learn', this.enrolmentId()]);
  }

  protected retry(): void {
    this.store.reload(this.enrolmentId());
  }
}
