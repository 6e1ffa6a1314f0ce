import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type Locale,
  type ProblemDetails,
  QUESTION_TYPES,
  type QuestionType,
  type Quiz,
  type QuizQuestion,
} from '@tc/shared/contracts';
import { LanguageService, ProblemTexts } from '@tc/shared/ui';
import { hasText, withText } from '../data-access/localized-text';
import { LocaleTabDirective, LocaleTabsComponent } from '../ui/locale-tabs.component';
import {
  addOption,
  changeType,
  hasFreeOptions,
  lacksKey,
  moved,
  newQuestion,
  questionIssues,
  removeOption,
  setCorrect,
} from './quiz-rules';

let nextId = 0;

/**
 * Builds a quiz: pass mark, attempts, when answers are revealed; questions of four types, texts per
 * locale in tabs, the correct answers marked. Rules (fixed true/false options, exactly one correct
 * answer for single choice) live in quiz-rules.ts.
 */
@Component({
  selector: 'tc-quiz-builder',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    LocaleTabsComponent,
    LocaleTabDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quiz-builder.component.html',
  styleUrl: './quiz-builder.component.scss',
})
export class QuizBuilderComponent {
  readonly quiz = model.required<Quiz>();
  readonly locales = input.required<readonly Locale[]>();
  readonly defaultLocale = input.required<Locale>();
  /** A 400 problem of the lesson's save: errors under `quiz.` are shown where they belong. */
  readonly problem = input<ProblemDetails | null>(null);

  protected readonly types = QUESTION_TYPES;
  /** The page's language: messages inside a content language's tab keep the page's direction. */
  protected readonly ui = inject(LanguageService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly idPrefix = `tc-quiz-${nextId++}`;
  protected readonly improveHelpId = `${this.idPrefix}-improve-help`;
  protected readonly unlimited = computed(() => this.quiz().maxAttempts === null);
  protected readonly missing = computed(() => {
    const d = this.defaultLocale();
    const texts = this.quiz().questions.flatMap((q) => [q.prompt, ...q.options.map((o) => o.text)]);
    return this.locales().filter((l) =>
      texts.some((t) => (l === d ? !hasText(t, l) : hasText(t, d) && !hasText(t, l))),
    );
  });

  protected error(field: string): string | null {
    return this.problemTexts.field(this.problem(), `quiz.${field}`);
  }

  /** Every server error inside question `i`, each named by its field inside the question. */
  protected questionErrors(i: number): string[] {
    const prefix = `quiz.questions[${i}]`;
    return (this.problem()?.errors ?? [])
      .filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`))
      .map((e) => this.problemTexts.located({ ...e, field: e.field.slice(prefix.length + 1) }));
  }

  /** What is still wrong with a question, but its missing key: said beside its options instead. */
  protected issues(q: QuizQuestion): string[] {
    return questionIssues(q, this.defaultLocale()).filter((issue) => issue !== 'noCorrect');
  }

  protected lacksKey(q: QuizQuestion): boolean {
    return lacksKey(q);
  }

  protected keyErrorId(questionKey: string, locale: Locale): string {
    return `${this.idPrefix}-${questionKey}-${locale}-key`;
  }

  protected freeOptions(q: QuizQuestion): boolean {
    return hasFreeOptions(q);
  }

  protected setPassMark(value: string): void {
    const n = Math.min(100, Math.max(0, Math.round(Number(value) || 0)));
    this.quiz.update((z) => ({ ...z, passMark: n }));
  }

  protected setUnlimited(unlimited: boolean): void {
    this.quiz.update((z) => ({ ...z, maxAttempts: unlimited ? null : (z.maxAttempts ?? 3) }));
  }

  protected setMaxAttempts(value: string): void {
    const n = Math.max(1, Math.round(Number(value) || 1));
    this.quiz.update((z) => ({ ...z, maxAttempts: n }));
  }

  protected setReveal(value: Quiz['revealAnswers']): void {
    this.quiz.update((z) => ({ ...z, revealAnswers: value }));
  }

  /** Off: a coach who passed cannot answer again. On: answering again (within the attempts) may raise the best score. */
  protected setAllowImprove(allow: boolean): void {
    this.quiz.update((z) => ({ ...z, allowImprove: allow }));
  }

  protected add(type: QuestionType): void {
    this.quiz.update((z) => ({
      ...z,
      questions: [
        ...z.questions,
        newQuestion(
          type,
          z.questions.map((q) => q.key),
          this.locales(),
        ),
      ],
    }));
  }

  protected remove(index: number): void {
    this.quiz.update((z) => ({ ...z, questions: z.questions.filter((_, i) => i !== index) }));
  }

  protected move(index: number, delta: number): void {
    this.quiz.update((z) => ({ ...z, questions: moved(z.questions, index, delta) }));
  }

  protected setType(index: number, type: QuestionType): void {
    this.edit(index, (q) => changeType(q, type, this.locales()));
  }

  protected setPoints(index: number, value: string): void {
    this.edit(index, (q) => ({ ...q, points: Math.min(100, Math.max(1, Math.round(Number(value) || 1))) }));
  }

  protected setPrompt(index: number, locale: Locale, value: string): void {
    this.edit(index, (q) => ({ ...q, prompt: withText(q.prompt, locale, value) }));
  }

  protected setExplanation(index: number, locale: Locale, value: string): void {
    this.edit(index, (q) => ({ ...q, explanation: withText(q.explanation, locale, value) }));
  }

  protected setOptionText(index: number, key: string, locale: Locale, value: string): void {
    this.edit(index, (q) => ({
      ...q,
      options: q.options.map((o) => (o.key === key ? { ...o, text: withText(o.text, locale, value) } : o)),
    }));
  }

  protected setFeedback(index: number, key: string, locale: Locale, value: string): void {
    this.edit(index, (q) => ({
      ...q,
      options: q.options.map((o) =>
        o.key === key ? { ...o, feedback: withText(o.feedback, locale, value) } : o,
      ),
    }));
  }

  protected setCorrect(index: number, key: string, correct: boolean): void {
    this.edit(index, (q) => setCorrect(q, key, correct));
  }

  protected addOption(index: number): void {
    this.edit(index, addOption);
  }

  protected removeOption(index: number, key: string): void {
    this.edit(index, (q) => removeOption(q, key));
  }

  protected setAnswer(index: number, at: number, value: string): void {
    this.edit(index, (q) => ({
      ...q,
      acceptedAnswers: q.acceptedAnswers.map((a, i) => (i === at ? value : a)),
    }));
  }

  protected addAnswer(index: number): void {
    this.edit(index, (q) => ({ ...q, acceptedAnswers: [...q.acceptedAnswers, ''] }));
  }

  protected removeAnswer(index: number, at: number): void {
    this.edit(index, (q) => ({ ...q, acceptedAnswers: q.acceptedAnswers.filter((_, i) => i !== at) }));
  }

  protected correctKey(q: QuizQuestion): string | null {
    return q.options.find((o) => o.correct)?.key ?? null;
  }

  private edit(index: number, change: (q: QuizQuestion) => QuizQuestion): void {
    this.quiz.update((z) => ({ ...z, questions: z.questions.map((q, i) => (i === index ? change(q) : q)) }));
  }
}
