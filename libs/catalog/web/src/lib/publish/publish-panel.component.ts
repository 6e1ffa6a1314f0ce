import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  type CourseDraft,
  type CourseVersionSummary,
  type Locale,
  type ProblemDetails,
  localeCompleteness,
} from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  ProblemTextPipe,
  downloadJson,
  problemOf,
} from '@tc/shared/ui';
import { catchError, distinctUntilChanged, map, merge, of, startWith, switchMap } from 'rxjs';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { CoursesService } from '../data-access/courses.service';
import { LocaleCompletenessComponent } from './locale-completeness.component';
import type { LocatedProblem } from './publish-problems';

/**
 * Publish the draft as a new version after a confirmation that shows how complete each offered
 * language is; when one lacks texts the trainer publishes anyway (they fall back to the default
 * language, said again once published) or stops offering it. On refusal every problem, linking to the
 * lesson or module; the version history with preview and export of each version.
 */
@Component({
  selector: 'tc-publish-panel',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslocoPipe,
    ProblemMessageComponent,
    ProblemTextPipe,
    LocaleCompletenessComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './publish-panel.component.html',
  styleUrl: './publish-panel.component.scss',
})
export class PublishPanelComponent {
  protected readonly store = inject(CourseDraftStore);
  private readonly courses = inject(CoursesService);
  private readonly document = inject(DOCUMENT);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly draft = computed(() => this.store.draft() as CourseDraft);
  protected readonly confirming = signal(false);
  protected readonly problems = this.store.publishProblems;
  protected readonly exportProblem = signal<ProblemDetails | null>(null);
  /** Each offered language but the default: how much of the draft it has. */
  protected readonly completeness = computed(() => localeCompleteness(this.draft()));
  protected readonly incomplete = computed(() =>
    this.completeness()
      .filter((c) => c.done < c.total)
      .map((c) => c.locale),
  );
  /** What the last publish did about incomplete languages, said with its confirmation. */
  protected readonly outcome = signal<{ fallback: Locale[]; dropped: Locale[] } | null>(null);

  /** Problems whose list entry can name a place: ordered as the API gave them. */
  protected readonly listed = computed(() => this.problems().all);

  protected readonly versions = signal<{
    list: CourseVersionSummary[] | null;
    problem: ProblemDetails | null;
  }>({
    list: null,
    problem: null,
  });

  constructor() {
    const id$ = toObservable(computed(() => this.store.draft()?.id ?? null)).pipe(distinctUntilChanged());
    merge(id$, this.store.published.pipe(map(() => this.draft().id)))
      .pipe(
        switchMap((id) =>
          id
            ? this.courses.versions(id).pipe(
                map((list) => ({ list, problem: null })),
                catchError((e: unknown) => of({ list: [], problem: problemOf(e) })),
                startWith(this.versions()),
              )
            : of({ list: null, problem: null }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((v) => this.versions.set(v));
  }

  /** A publication date in the interface language (Intl: no Angular locale data to register). */
  protected when(iso: string): string {
    const lang = this.lang();
    return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  /** Publishes; `stopOffering` languages are no longer offered, the other incomplete ones fall back. */
  protected publish(stopOffering: readonly Locale[] = []): void {
    const outcome = {
      fallback: this.incomplete().filter((l) => !stopOffering.includes(l)),
      dropped: [...stopOffering],
    };
    this.confirming.set(false);
    this.outcome.set(null);
    this.store.publish(stopOffering).subscribe((version) => {
      if (version) this.outcome.set(outcome);
    });
  }

  /** Language names in the interface language, as a list ("arabe et anglais"). */
  protected names(locales: readonly Locale[]): string {
    return new Intl.ListFormat(this.lang(), { type: 'conjunction' }).format(
      locales.map((l) => this.transloco.translate(`languages.names.${l}`)),
    );
  }

  /** Where a problem is, in words and as a link. */
  protected place(p: LocatedProblem): {
    key: string;
    params: Record<string, unknown>;
    link: unknown[] | null;
    fragment?: string;
  } {
    const id = this.draft().id;
    if (p.lessonId !== null && p.moduleIndex !== null && p.lessonIndex !== null) {
      return {
        key: 'courses.publish.atLesson',
        params: { module: p.moduleIndex + 1, lesson: p.lessonIndex + 1 },
        link: ['/courses', id, 'lessons', p.lessonId],
      };
    }
    if (p.moduleId !== null && p.moduleIndex !== null) {
      return {
        key: 'courses.publish.atModule',
        params: { module: p.moduleIndex + 1 },
        link: ['/courses', id],
        fragment: `module-${p.moduleId}`,
      };
    }
    return { key: 'courses.publish.atCourse', params: {}, link: null };
  }

  protected export(version: number | null): void {
    const d = this.draft();
    this.exportProblem.set(null);
    this.courses.export(d.id, version).subscribe({
      next: (file) => downloadJson(this.document, `${d.slug}${version ? `-v${version}` : ''}.json`, file),
      error: (e: unknown) => this.exportProblem.set(problemOf(e)),
    });
  }
}
