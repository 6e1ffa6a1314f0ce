import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AssessmentPhase, ProblemDetails, SelfAssessment } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import {
  type Ratings,
  clearDraft,
  minutesInWords,
  minutesToRate,
  ratedCount,
  readDraft,
  resumeStep,
  writeDraft,
} from '../data-access/assessment-draft';
import { rememberSkip, wasSkipped } from '../data-access/assessment-skips';
import { formatNumber } from '../data-access/dates';
import { LearningService } from '../data-access/learning.service';

let nextId = 0;

/**
 * The DigComp self-assessment: offered once at the start of a course (unless rated or skipped) and
 * again once it is completed. Closed, a short card saying how long it takes and how far the coach
 * got; opened on demand, one competence at a time (a phone screen), its 8 levels as radio buttons
 * with their descriptions cut to one line unless chosen or asked for in full. Ratings are kept on
 * the device as they are given, so the coach resumes where they stopped, and dropped once saved.
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
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
  protected readonly saving = signal(false);
  protected readonly saved = signal<AssessmentPhase | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** Every level description in full, not only the chosen one's. */
  protected readonly fullDescriptions = signal(false);

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
  /** The competence codes in the order they are rated (the server's). */
  private readonly codes = computed(() => this.data()?.competences.map((c) => c.code) ?? [], {
    equal: (a, b) => a.join() === b.join(),
  });
  /** The ratings of the phase offered: those kept on this device, then those given here. */
  protected readonly ratings = linkedSignal<Ratings>(() => {
    const phase = this.phase();
    return phase ? readDraft(this.storage, this.enrolmentId(), phase, this.codes()) : {};
  });
  protected readonly rated = computed(() => ratedCount(this.codes(), this.ratings()));
  protected readonly competence = computed(() => this.data()?.competences[this.step()] ?? null);
  protected readonly count = computed(() => this.codes().length);
  /** "5 minutes", at about 20 seconds a competence. */
  protected readonly duration = computed(() => minutesInWords(minutesToRate(this.count()), this.lang()));

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

  /** Opens at the first competence not rated yet (the first one on a first visit). */
  protected begin(): void {
    this.open.set(true);
    this.saved.set(null);
    this.goTo(resumeStep(this.codes(), this.ratings()));
  }

  /** Closes the form; what was rated stays on the device for later. */
  protected later(): void {
    this.open.set(false);
    this.problem.set(null);
    this.focusAfterRender('.tc-assessment-open');
  }

  protected rate(code: string, level: number): void {
    const phase = this.phase();
    if (!phase) return;
    this.ratings.update((r) => ({ ...r, [code]: level }));
    writeDraft(this.storage, this.enrolmentId(), phase, this.ratings());
  }

  protected move(delta: number): void {
    this.goTo(Math.min(Math.max(0, this.step() + delta), this.count() - 1));
  }

  protected skip(): void {
    const phase = this.phase();
    if (!phase) return;
    rememberSkip(this.storage, this.enrolmentId(), phase);
    clearDraft(this.storage, this.enrolmentId(), phase);
    this.skipped.update((s) => ({ ...s, [phase]: true }));
    this.open.set(false);
    // Recorded on the server too (an empty rating); the offer is gone either way.
    this.api.rate(this.enrolmentId(), phase, {}).subscribe({ error: () => undefined });
  }

  /** Enter in the form: the next competence, or saving on the last one. */
  protected submit(event: Event): void {
    event.preventDefault();
    if (this.step() < this.count() - 1) this.move(1);
    else this.save();
  }

  private save(): void {
    const phase = this.phase();
    if (!phase || this.saving()) return;
    this.saving.set(true);
    this.problem.set(null);
    this.api.rate(this.enrolmentId(), phase, this.ratings()).subscribe({
      next: (d) => {
        clearDraft(this.storage, this.enrolmentId(), phase);
        this.saving.set(false);
        this.open.set(false);
        this.saved.set(phase);
        this.data.set(d);
        this.focusAfterRender('.tc-assessment-saved');
      },
      error: (e: unknown) => {
        // The ratings stay on the device (offline, they are sent when the coach tries again).
        this.saving.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  /**
   * Shows a competence and puts the focus on its heading (screen readers say which one), the card
   * scrolled to the top of the screen: its levels and "next" then fit on a phone's screen.
   */
  private goTo(step: number): void {
    this.step.set(step);
    afterNextRender(
      () => {
        const host = this.host.nativeElement;
        host.querySelector<HTMLElement>('.tc-assessment-step')?.focus({ preventScroll: true });
        host.querySelector('.tc-assessment')?.scrollIntoView?.({ block: 'start' });
      },
      { injector: this.injector },
    );
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
