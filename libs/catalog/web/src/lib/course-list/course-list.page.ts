import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  type CourseDraft,
  type CourseSummary,
  LOCALES,
  type Locale,
  type ProblemDetails,
} from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  TextDirDirective,
  ProblemTexts,
  problemOf,
} from '@tc/shared/ui';
import { BehaviorSubject, catchError, map, merge, of, startWith, switchMap } from 'rxjs';
import { CoursesService } from '../data-access/courses.service';
import { LocalizedTextPipe } from '../data-access/localized-text.pipe';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug made of a title's Latin letters and digits ("L’eau à Oujda" → "l-eau-a-oujda"), or ''. */
export function slugFrom(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}
const CREATE_FIELDS = ['slug', 'defaultLocale', 'locales', ...LOCALES.map((l) => `title.${l}`)];

interface ListState {
  courses: CourseSummary[] | null;
  problem: ProblemDetails | null;
}

/** The trainer's courses; start a new one or import a course file. */
@Component({
  selector: 'tc-course-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedTextPipe,
    ProblemMessageComponent,
    TextDirDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-list.page.html',
  styleUrl: './course-list.page.scss',
})
export class CourseListPage {
  private readonly courses = inject(CoursesService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);

  protected readonly allLocales = LOCALES;
  protected readonly createFields = CREATE_FIELDS;
  private readonly reload = new BehaviorSubject<void>(undefined);
  protected readonly state = toSignal(
    this.reload.pipe(
      switchMap(() =>
        this.courses.list('mine').pipe(
          map((courses): ListState => ({ courses, problem: null })),
          catchError((e: unknown) => of<ListState>({ courses: [], problem: problemOf(e) })),
          startWith<ListState>({ courses: null, problem: null }),
        ),
      ),
    ),
    { initialValue: { courses: null, problem: null } as ListState },
  );

  protected readonly creating = signal(false);
  protected readonly busy = signal(false);
  protected readonly createProblem = signal<ProblemDetails | null>(null);
  protected readonly importProblem = signal<ProblemDetails | null>(null);
  protected readonly duplicateProblem = signal<ProblemDetails | null>(null);

  protected readonly form = new FormGroup({
    slug: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(SLUG_PATTERN), Validators.maxLength(80)],
    }),
    defaultLocale: new FormControl<Locale>(inject(LanguageService).lang(), { nonNullable: true }),
    locales: new FormGroup({
      fr: new FormControl(true, { nonNullable: true }),
      ar: new FormControl(true, { nonNullable: true }),
      en: new FormControl(false, { nonNullable: true }),
    }),
    title: new FormGroup({
      fr: new FormControl('', { nonNullable: true }),
      ar: new FormControl('', { nonNullable: true }),
      en: new FormControl('', { nonNullable: true }),
    }),
  });
  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  /** Offered locales: the ticked ones, the default always among them. */
  protected readonly offered = computed(() => {
    const v = this.formValue();
    return LOCALES.filter((l) => l === v.defaultLocale || v.locales[l]);
  });

  constructor() {
    // The slug follows the title (the default language's, else another with Latin letters) until the
    // trainer types one: a field fewer to fill for most courses.
    merge(this.form.controls.title.valueChanges, this.form.controls.defaultLocale.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const slug = this.form.controls.slug;
        if (slug.dirty) return;
        const v = this.form.getRawValue();
        const titles = [v.title[v.defaultLocale], ...LOCALES.map((l) => v.title[l])];
        slug.setValue(titles.map(slugFrom).find(Boolean) ?? '');
      });
    // The default locale is always offered: its box is ticked and locked.
    this.form.controls.defaultLocale.valueChanges
      .pipe(startWith(this.form.controls.defaultLocale.value), takeUntilDestroyed())
      .subscribe((lang) => {
        for (const l of LOCALES) {
          const box = this.form.controls.locales.controls[l];
          if (l === lang) {
            box.setValue(true);
            box.disable();
          } else {
            box.enable();
          }
        }
      });
  }

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.createProblem(), field);
  }

  protected toggleCreate(): void {
    this.creating.update((c) => !c);
    this.createProblem.set(null);
  }

  protected create(): void {
    const v = this.form.getRawValue();
    const locales = this.offered();
    const title = Object.fromEntries(
      locales.map((l) => [l, v.title[l].trim()]).filter(([, t]) => t),
    ) as Partial<Record<Locale, string>>;
    if (this.form.invalid || !title[v.defaultLocale]) {
      this.form.markAllAsTouched();
      if (!title[v.defaultLocale])
        this.form.controls.title.controls[v.defaultLocale].setErrors({ required: true });
      return;
    }
    this.busy.set(true);
    this.createProblem.set(null);
    this.courses.create({ slug: v.slug.trim(), defaultLocale: v.defaultLocale, locales, title }).subscribe({
      next: (draft) => this.opened(draft),
      error: (e: unknown) => {
        this.busy.set(false);
        this.createProblem.set(problemOf(e));
      },
    });
  }

  protected async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.importProblem.set(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      this.importProblem.set({
        type: 'about:blank',
        title: 'Bad file',
        status: 400,
        code: 'invalid-body',
        detail: this.transloco.translate('courses.import.notJson'),
      });
      return;
    }
    this.busy.set(true);
    this.courses.import(parsed).subscribe({
      next: (draft) => this.opened(draft),
      error: (e: unknown) => {
        this.busy.set(false);
        this.importProblem.set(problemOf(e));
      },
    });
  }

  /** Copies a course into a new draft of the trainer's and opens it in the editor. */
  protected duplicate(course: CourseSummary): void {
    this.busy.set(true);
    this.duplicateProblem.set(null);
    this.courses.duplicate(course.id).subscribe({
      next: (draft) => this.opened(draft),
      error: (e: unknown) => {
        this.busy.set(false);
        this.duplicateProblem.set(problemOf(e));
      },
    });
  }

  protected chooseFile(input: HTMLInputElement): void {
    input.click();
  }

  private opened(draft: CourseDraft): void {
    this.busy.set(false);
    void this.router.navigate(['/courses', draft.id]);
  }
}
