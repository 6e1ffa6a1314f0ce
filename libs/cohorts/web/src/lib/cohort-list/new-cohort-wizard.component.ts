import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Cohort, CourseSummary, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, TextDirDirective, ProblemTexts, problemOf, today } from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { catchError, map, of, startWith, tap } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { TRAINER_SCOPE } from '../data-access/trainer-scope';

const FIELDS = ['courseId', 'courseVersion', 'name', 'territoryId', 'startsOn', 'endsOn'];

/** The end may not come before the start. */
function datesInOrder(group: AbstractControl): ValidationErrors | null {
  const { startsOn, endsOn } = group.value as { startsOn?: string; endsOn?: string };
  return startsOn && endsOn && endsOn < startsOn ? { endBeforeStart: true } : null;
}

/**
 * A field shows its error once it was left or a submit was tried (both mark it touched), never
 * because the form was submitted: the first step's "Next" submits the form, and the second step's
 * untouched fields must not greet the trainer with "required".
 */
export function touchedAndInvalid(control: AbstractControl | null): boolean {
  return !!control && control.invalid && control.touched;
}

/**
 * A new cohort in two steps: 1. a published course and its version; 2. name, territory, dates.
 * Deadlines come after, on the cohort's page, where the version's modules are known. The territory
 * choice starts at the trainer's own territories, already chosen when there is only one.
 */
@Component({
  selector: 'tc-new-cohort-wizard',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemMessageComponent,
    TerritoryPickerComponent,
    CourseTitlePipe,
    TextDirDirective,
  ],
  providers: [{ provide: ErrorStateMatcher, useValue: { isErrorState: touchedAndInvalid } }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-cohort-wizard.component.html',
  styleUrl: './new-cohort-wizard.component.scss',
})
export class NewCohortWizardComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly created = output<Cohort>();
  readonly cancelled = output<void>();
  /** Where the trainer may place a cohort: the territory picker starts there. */
  protected readonly scope = inject(TRAINER_SCOPE);

  protected readonly fields = FIELDS;
  protected readonly step = signal<1 | 2>(1);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected readonly courses = toSignal(
    this.cohorts.publishedCourses().pipe(
      map((list) => ({ list: list.filter((c) => c.latestVersion !== null), problem: null })),
      // A single published course is the one: chosen already, at its latest version.
      tap(({ list }) => {
        if (list.length === 1) this.choose(list[0]);
      }),
      catchError((e: unknown) => of({ list: [] as CourseSummary[], problem: problemOf(e) })),
      startWith({ list: null as CourseSummary[] | null, problem: null as ProblemDetails | null }),
    ),
    { requireSync: true },
  );

  protected readonly course = new FormGroup({
    courseId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    courseVersion: new FormControl<number | null>(null, { validators: [Validators.required] }),
  });
  protected readonly details = new FormGroup(
    {
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(160)],
      }),
      territoryId: new FormControl<string | null>(this.onlyTerritory(), {
        validators: [Validators.required],
      }),
      startsOn: new FormControl(today(), { nonNullable: true, validators: [Validators.required] }),
      endsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: datesInOrder },
  );

  /** Both steps, for the form element (submit handling). */
  protected readonly form = new FormGroup({ course: this.course, details: this.details });

  private readonly courseId = toSignal(this.course.controls.courseId.valueChanges, { initialValue: '' });
  protected readonly chosen = computed(() =>
    (this.courses().list ?? []).find((c) => c.id === this.courseId()),
  );
  /** Every published version of the chosen course, newest first. */
  protected readonly versions = computed(() => {
    const latest = this.chosen()?.latestVersion ?? 0;
    return Array.from({ length: latest }, (_, i) => latest - i);
  });

  protected courseChosen(): void {
    this.course.controls.courseVersion.setValue(this.chosen()?.latestVersion ?? null);
  }

  private choose(course: CourseSummary): void {
    this.course.setValue({ courseId: course.id, courseVersion: course.latestVersion });
  }

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected next(): void {
    if (this.course.invalid) {
      this.course.markAllAsTouched();
      return;
    }
    this.goTo(2);
  }

  protected back(): void {
    this.goTo(1);
  }

  protected create(): void {
    if (this.details.invalid || this.course.invalid) {
      this.details.markAllAsTouched();
      return;
    }
    const c = this.course.getRawValue();
    const d = this.details.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.cohorts
      .create({
        courseId: c.courseId,
        courseVersion: c.courseVersion as number,
        name: d.name.trim(),
        territoryId: d.territoryId as string,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
      })
      .subscribe({
        next: (cohort) => {
          this.busy.set(false);
          this.created.emit(cohort);
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.problem.set(problemOf(e));
        },
      });
  }

  /** The trainer's territory when they have only one: most cohorts go there. */
  private onlyTerritory(): string | null {
    const scope = this.scope();
    return scope.length === 1 ? scope[0] : null;
  }

  /**
   * Moves to a step and puts the focus where the trainer goes on: step 1's heading, step 2's name
   * field (described by the step's heading, so screen readers still announce the step).
   */
  private goTo(step: 1 | 2): void {
    this.step.set(step);
    const target = step === 2 ? 'input[formcontrolname="name"]' : '.tc-step-title';
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(target)?.focus(), {
      injector: this.injector,
    });
  }
}
