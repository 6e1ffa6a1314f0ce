import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  CoachQuiz,
  LearnerCourse,
  Locale,
  ProblemDetails,
  QuizAttemptResult,
} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { formatNumber } from '../data-access/dates';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import {
  EMPTY_ANSWER,
  type QuestionDraft,
  type QuizDraft,
  buildAnswers,
  isRadio,
  toggle,
  unanswered,
} from '../data-access/quiz-answers';

let nextId = 0;

/**
 * A quiz to answer: each question a fieldset (radio buttons, check boxes or a text field), graded
 * by the server. The result says passed or not against the pass mark, the attempts left, which
 * questions were right; the correct answers and feedback only when the server reveals them.
 */
@Component({
  selector: 'tc-quiz',
  imports: [TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quiz.component.html',
  styleUrl: './quiz.component.scss',
})
export class QuizComponent {
  private readonly sync = inject(ProgressSyncService);
  private readonly document = inject(DOCUMENT);
  protected readonly lang = inject(LanguageService).lang;
  readonly enrolmentId = input.required<string>();
  readonly lessonKey = input.required<string>();
  readonly quiz = input.required<CoachQuiz>();
  readonly state = input<LearnerCourse['quizzes'][string] | null>(null);
  /** The language of the quiz's texts (for the feedback the server sends). */
  readonly locale = input<Locale>('fr');
  readonly disabled = input(false);
  readonly attempted = output<QuizAttemptResult>();

  protected readonly id = `tc-quiz-${nextId++}`;
  protected readonly isRadio = isRadio;
  protected readonly draft = signal<QuizDraft>({});
  protected readonly result = signal<QuizAttemptResult | null>(null);
  protected readonly sending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly missing = signal<string[]>([]);
  /** Attempts of this quiz answered offline, waiting to be graded by the server. */
  protected readonly queued = computed(() =>
    this.sending()
      ? []
      : this.sync
          .pendingAttempts()
          .filter((a) => a.enrolmentId === this.enrolmentId() && a.lessonKey === this.lessonKey()),
  );
  private attemptId = crypto.randomUUID();
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  /** Attempts left before answering (null: unlimited). */
  protected readonly attemptsLeft = computed(() => {
    const result = this.result();
    return result ? result.attemptsLeft : (this.state()?.attemptsLeft ?? this.quiz().maxAttempts);
  });
  /** The server refused an attempt because the quiz was passed since this page showed it. */
  protected readonly passedMeanwhile = signal(false);
  /** Passed before or now: answering again is then only for improving, when the trainer allows it. */
  protected readonly everPassed = computed(() => {
    const r = this.result();
    return (
      this.passedMeanwhile() || !!this.state()?.passed || !!r?.passed || (!!r && r.bestPercent >= r.passMark)
    );
  });
  protected readonly mayAnswerAgain = computed(() => !this.everPassed() || this.quiz().allowImprove === true);
  protected readonly canAnswer = computed(
    () =>
      !this.disabled() &&
      !this.result() &&
      !this.queued().length &&
      this.attemptsLeft() !== 0 &&
      this.mayAnswerAgain(),
  );
  protected readonly canRetry = computed(() => {
    const r = this.result();
    return !!r && !this.disabled() && r.attemptsLeft !== 0 && this.mayAnswerAgain();
  });
  /** What the coach can do after this result, said in words under the score. */
  protected readonly next = computed(() => {
    const r = this.result();
    if (!r) return null;
    if (this.everPassed()) return this.canRetry() ? 'learning.quiz.nextImprove' : 'learning.quiz.nextPassed';
    return r.attemptsLeft === 0 ? 'learning.quiz.nextNoAttempt' : 'learning.quiz.nextRetry';
  });
  /** Points shown beside each question only when they differ from one point each. */
  protected readonly showPoints = computed(() => this.quiz().questions.some((q) => q.points !== 1));
  protected readonly byQuestion = computed(() => {
    const r = this.result();
    return new Map((r?.questions ?? []).map((q) => [q.key, q]));
  });

  protected answer(questionKey: string): QuestionDraft {
    return this.draft()[questionKey] ?? EMPTY_ANSWER;
  }

  protected choose(questionKey: string, optionKey: string): void {
    this.edit(questionKey, (d) => ({ ...d, choice: optionKey }));
  }

  protected tick(questionKey: string, optionKey: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.edit(questionKey, (d) => toggle(d, optionKey, on));
  }

  protected type(questionKey: string, event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.edit(questionKey, (d) => ({ ...d, text }));
  }

  protected optionText(questionKey: string, optionKey: string): string {
    const q = this.quiz().questions.find((x) => x.key === questionKey);
    return q?.options.find((o) => o.key === optionKey)?.text ?? optionKey;
  }

  /** The direction of a text in `locale`. */
  protected dir(locale: Locale): 'rtl' | 'ltr' {
    return locale === 'ar' ? 'rtl' : 'ltr';
  }

  protected n(value: number): string {
    return formatNumber(value, this.lang());
  }

  /** A key with its singular form (`…One`) when the interface language puts this count in the singular. */
  protected counted(key: string, count: number): string {
    return new Intl.PluralRules(this.lang()).select(count) === 'one' ? `${key}One` : key;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.sending() || !this.canAnswer()) return;
    const quiz = this.quiz();
    const missing = unanswered(quiz, this.draft());
    this.missing.set(missing);
    if (missing.length) {
      this.document.getElementById(`${this.id}-${missing[0]}-first`)?.focus();
      return;
    }
    this.sending.set(true);
    this.problem.set(null);
    // Through the outbox: graded now when the server is reachable, later when it is not.
    this.sync
      .submitAttempt(
        this.enrolmentId(),
        this.lessonKey(),
        this.attemptId,
        buildAnswers(quiz, this.draft()),
        this.locale(),
      )
      .then(
        (result) => {
          this.sending.set(false);
          if (result) this.show(result);
          else queueMicrotask(() => this.resultBox()?.nativeElement.focus());
        },
        (e: unknown) => {
          this.sending.set(false);
          const problem = problemOf(e);
          // Passed meanwhile (another tab, an attempt sent from the outbox): said in words, not as an error.
          if (problem.type.endsWith('/quiz-already-passed')) {
            this.passedMeanwhile.set(true);
            queueMicrotask(() => this.resultBox()?.nativeElement.focus());
          } else this.problem.set(problem);
        },
      );
  }

  constructor() {
    // An attempt queued offline, graded once it reached the server while the quiz is on screen.
    const graded = this.sync.graded.subscribe((o) => {
      if (o.attempt.enrolmentId === this.enrolmentId() && o.attempt.lessonKey === this.lessonKey()) {
        this.show(o.result);
      }
    });
    inject(DestroyRef).onDestroy(() => graded.unsubscribe());
  }

  private show(result: QuizAttemptResult): void {
    this.result.set(result);
    this.attempted.emit(result);
    queueMicrotask(() => this.resultBox()?.nativeElement.focus());
  }

  protected retry(): void {
    this.result.set(null);
    this.draft.set({});
    this.missing.set([]);
    this.problem.set(null);
    this.attemptId = crypto.randomUUID();
  }

  private edit(questionKey: string, change: (d: QuestionDraft) => QuestionDraft): void {
    this.draft.update((all) => ({ ...all, [questionKey]: change(all[questionKey] ?? EMPTY_ANSWER) }));
    if (this.missing().includes(questionKey)) {
      this.missing.set(unanswered(this.quiz(), this.draft()));
    }
  }
}
