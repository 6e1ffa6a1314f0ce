import { Injectable, computed, inject, signal } from '@angular/core';
import type { CourseDraft, CourseVersion, Locale, ProblemDetails } from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import { EMPTY, type Observable, Subject, catchError, defer, finalize, of, share, tap } from 'rxjs';
import { type PublishProblems, locateProblems } from '../publish/publish-problems';
import { CoursesService } from './courses.service';

const NO_PROBLEMS: PublishProblems = { all: [], course: [], byModule: {}, byLesson: {} };

/**
 * The course draft being edited, shared by the editor, lesson editor and preview of one course
 * (provided on the `/courses/:id` route). Every mutation answers the whole draft, which replaces ours.
 */
@Injectable()
export class CourseDraftStore {
  private readonly courses = inject(CoursesService);
  private readonly state = signal<CourseDraft | null>(null);
  private loadingId: string | null = null;

  readonly draft = this.state.asReadonly();
  readonly loadProblem = signal<ProblemDetails | null>(null);
  /** Why the last publish failed. */
  readonly publishProblem = signal<ProblemDetails | null>(null);
  readonly busy = signal(false);
  /** Problems of the last refused publish, tied to module/lesson ids. */
  readonly publishProblems = signal<PublishProblems>(NO_PROBLEMS);
  readonly lastPublished = signal<CourseVersion | null>(null);
  /** Emits after each successful publish (the version list reloads). */
  readonly published = new Subject<CourseVersion>();

  readonly lessons = computed(() =>
    (this.state()?.modules ?? []).flatMap((m) => m.lessons.map((l) => ({ module: m, lesson: l }))),
  );

  /** Loads the draft unless it is the one already here. */
  ensure(id: string): void {
    if (this.state()?.id === id || this.loadingId === id) return;
    this.loadingId = id;
    this.state.set(null);
    this.loadProblem.set(null);
    this.publishProblem.set(null);
    this.publishProblems.set(NO_PROBLEMS);
    this.lastPublished.set(null);
    this.courses.get(id).subscribe({
      next: (draft) => {
        this.loadingId = null;
        this.state.set(draft);
      },
      error: (e: unknown) => {
        this.loadingId = null;
        this.loadProblem.set(problemOf(e));
      },
    });
  }

  /** Replaces the draft with a newer one received from elsewhere. */
  set(draft: CourseDraft): void {
    this.state.set(draft);
  }

  /**
   * A change of the draft, run when subscribed: `busy` meanwhile, and the draft it answers replaces
   * ours. The caller subscribes and shows its own errors next to what it edits.
   */
  run(change: (c: CoursesService, id: string) => Observable<CourseDraft>): Observable<CourseDraft> {
    return defer(() => {
      const id = this.state()?.id;
      if (!id) return EMPTY;
      this.busy.set(true);
      return change(this.courses, id).pipe(
        tap((draft) => this.state.set(draft)),
        finalize(() => this.busy.set(false)),
      );
    });
  }

  /** Publishes the draft, first no longer offering `stopOffering` (in the same request). */
  publish(stopOffering: readonly Locale[] = []): Observable<CourseVersion | null> {
    const draft = this.state();
    if (!draft) return of(null);
    this.busy.set(true);
    this.publishProblem.set(null);
    this.lastPublished.set(null);
    const result = this.courses.publish(draft.id, stopOffering).pipe(
      tap((version) => {
        this.publishProblems.set(NO_PROBLEMS);
        this.lastPublished.set(version);
        this.state.set({
          ...draft,
          locales: version.content.locales,
          latestVersion: version.number,
          hasUnpublishedChanges: false,
        });
        this.published.next(version);
      }),
      catchError((e: unknown) => {
        const problem = problemOf(e);
        if (problem.status === 422 && problem.errors?.length) {
          this.publishProblems.set(locateProblems(draft, problem.errors));
        } else {
          this.publishProblems.set(NO_PROBLEMS);
        }
        this.publishProblem.set(problem);
        return of(null);
      }),
      finalize(() => this.busy.set(false)),
      share(),
    );
    result.subscribe();
    return result;
  }
}
