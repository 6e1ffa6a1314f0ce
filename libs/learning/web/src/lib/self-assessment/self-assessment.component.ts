import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AssessmentPhase, ProblemDetails, SelfAssessment } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { rememberSkip, wasSkipped } from '../data-access/assessment-skips';
import { formatNumber } from '../data-access/dates';
import { LearningService } from '../data-access/learning.service';

let nextId = 0;

/**
 * The DigComp self-assessment: offered once at the start of a course (unless rated or skipped) and
 * again once it is completed. One competence at a time (a phone screen), its 8 levels as radio buttons.
 */
@Component({
  selector: 'tc-self-assessment',
  imports: [TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './self-assessment.component.html',
  styleUrl: './self-assessment.component.scss',
})
export class SelfAssessmentComponent {
  private readonly api = inject(LearningService);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  protected readonly lang = inject(LanguageService).lang;
  readonly enrolmentId = input.required<string>();
  /** Whether the course is completed (the end rating opens). */
  readonly completed = input(false);

  protected readonly id = `tc-sa-${nextId++}`;
  protected readonly data = signal<SelfAssessment | null>(null);
  /** Skips made on this page (localStorage is read once per phase). */
  private readonly skipped = signal<Partial<Record<AssessmentPhase, boolean>>>({});
  protected readonly open = signal(false);
  protected readonly step = signal(0);
  protected readonly ratings = signal<Record<string, number>>({});
  protected readonly saving = signal(false);
  protected readonly saved = signal<AssessmentPhase | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);

  /** The phase to offer now, if any. */
  protected readonly phase = computed<AssessmentPhase | null>(() => {
    const d = this.data();
    if (!d || !d.competences.length) return null;
    const id = this.enrolmentId();
    const skipped = (p: AssessmentPhase) => this.skipped()[p] || wasSkipped(this.storage, id, p);
    if (!Object.keys(d.start).length && !skipped('start') && !this.completed()) return 'start';
    if ((d.endAvailable || this.completed()) && !Object.keys(d.end).length && !skipped('end')) return 'end';
    return null;
  });
  protected readonly competence = computed(() => this.data()?.competences[this.step()] ?? null);
  protected readonly count = computed(() => this.data()?.competences.length ?? 0);

  constructor() {
    effect(() => {
      const id = this.enrolmentId();
      this.completed();
      // Absent (404) or failing: the course works without it, nothing is shown.
      this.api
        .selfAssessment(id)
        .subscribe({ next: (d) => this.data.set(d), error: () => this.data.set(null) });
    });
  }

  protected n(value: number): string {
    return formatNumber(value, this.lang());
  }

  protected begin(): void {
    this.open.set(true);
    this.step.set(0);
    this.ratings.set({});
  }

  protected rate(code: string, level: number): void {
    this.ratings.update((r) => ({ ...r, [code]: level }));
  }

  protected move(delta: number): void {
    this.step.update((s) => Math.min(Math.max(0, s + delta), this.count() - 1));
  }

  protected skip(): void {
    const phase = this.phase();
    if (!phase) return;
    rememberSkip(this.storage, this.enrolmentId(), phase);
    this.skipped.update((s) => ({ ...s, [phase]: true }));
    this.open.set(false);
    // Recorded on the server too (an empty rating); the offer is gone either way.
    this.api.rate(this.enrolmentId(), phase, {}).subscribe({ error: () => undefined });
  }

  protected save(event: Event): void {
    event.preventDefault();
    const phase = this.phase();
    if (!phase || this.saving()) return;
    this.saving.set(true);
    this.problem.set(null);
    this.api.rate(this.enrolmentId(), phase, this.ratings()).subscribe({
      next: (d) => {
        this.saving.set(false);
        this.open.set(false);
        this.saved.set(phase);
        this.data.set(d);
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }
}
