import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CoachQuiz,
  type Grade,
  type Locale,
  type LocalizedText,
  type Quiz,
  type QuizAnswers,
  grade,
} from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';

type CoachQuestion = CoachQuiz['questions'][number];

/** A text of the quiz in the preview's locale, else in the course's default (and which one it is in). */
interface Shown {
  value: string;
  locale: Locale;
}

let nextId = 0;

/**
 * A quiz of the coach's preview that the trainer can take: answer, have it graded by the same rule the
 * server grades coaches with, then read the score, each question's points, the key, every option's
 * feedback and the explanations; start again. Nothing leaves the browser: no attempt is recorded.
 */
@Component({
  selector: 'tc-quiz-preview',
  imports: [MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quiz-preview.component.html',
  styleUrl: './quiz-preview.component.scss',
  // The page's language around the quiz's own texts, which say theirs (a lesson may be in another).
  host: { '[attr.lang]': 'lang()', '[attr.dir]': 'language.dir()' },
})
export class QuizPreviewComponent {
  protected readonly language = inject(LanguageService);
  protected readonly lang = this.language.lang;
  /** The quiz as the coach receives it (texts in one locale, no answers). */
  readonly quiz = input.required<CoachQuiz>();
  /** The same quiz as authored, answers included: what grades and explains. */
  readonly key = input.required<Quiz>();
  readonly locale = input.required<Locale>();
  readonly defaultLocale = input.required<Locale>();

  protected readonly id = `tc-quiz-preview-${nextId++}`;
  /** Options chosen per question (one for single choice and true/false), typed text for short answers. */
  protected readonly chosen = linkedSignal<CoachQuiz, Record<string, readonly string[]>>({
    source: this.quiz,
    computation: () => ({}),
  });
  protected readonly typed = linkedSignal<CoachQuiz, Record<string, string>>({
    source: this.quiz,
    computation: () => ({}),
  });
  protected readonly result = linkedSignal<CoachQuiz, Grade | null>({
    source: this.quiz,
    computation: () => null,
  });
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  private readonly keyed = computed(() => new Map(this.key().questions.map((q) => [q.key, q])));

  protected readonly answers = computed<QuizAnswers>(() => {
    const answers: QuizAnswers = {};
    const chosen = this.chosen();
    const typed = this.typed();
    for (const q of this.quiz().questions) {
      if (q.type === 'short_answer') {
        const text = typed[q.key]?.trim();
        if (text) answers[q.key] = text;
        continue;
      }
      // In the options' order, whatever the order of the clicks.
      const keys = q.options.filter((o) => chosen[q.key]?.includes(o.key)).map((o) => o.key);
      if (keys.length) answers[q.key] = q.type === 'multiple' ? keys : (keys[0] as string);
    }
    return answers;
  });

  protected n(value: number): string {
    const lang = this.lang();
    return new Intl.NumberFormat(lang === 'ar' ? 'ar-MA' : lang).format(value);
  }

  protected dir(locale: Locale): 'rtl' | 'ltr' {
    return locale === 'ar' ? 'rtl' : 'ltr';
  }

  protected isChosen(questionKey: string, optionKey: string): boolean {
    return this.chosen()[questionKey]?.includes(optionKey) ?? false;
  }

  protected choose(q: CoachQuestion, optionKey: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.chosen.update((all) => {
      const before = all[q.key] ?? [];
      const next =
        q.type === 'multiple'
          ? on
            ? [...before.filter((k) => k !== optionKey), optionKey]
            : before.filter((k) => k !== optionKey)
          : [optionKey];
      return { ...all, [q.key]: next };
    });
  }

  protected type(questionKey: string, event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.typed.update((all) => ({ ...all, [questionKey]: text }));
  }

  protected typedText(questionKey: string): string {
    return this.typed()[questionKey] ?? '';
  }

  protected answered(questionKey: string): boolean {
    return this.answers()[questionKey] !== undefined;
  }

  /** Whether an option is part of the key. */
  protected isKey(questionKey: string, optionKey: string): boolean {
    return !!this.keyed()
      .get(questionKey)
      ?.options.find((o) => o.key === optionKey)?.correct;
  }

  protected feedback(questionKey: string, optionKey: string): Shown | null {
    const option = this.keyed()
      .get(questionKey)
      ?.options.find((o) => o.key === optionKey);
    return this.shown(option?.feedback);
  }

  protected explanation(questionKey: string): Shown | null {
    return this.shown(this.keyed().get(questionKey)?.explanation);
  }

  protected accepted(questionKey: string): readonly string[] {
    return this.keyed().get(questionKey)?.acceptedAnswers ?? [];
  }

  protected submit(event: Event): void {
    event.preventDefault();
    // Graded against the authored quiz, as the server grades a coach's attempt; unanswered is wrong.
    this.result.set(grade(this.key(), this.answers()));
    queueMicrotask(() => this.resultBox()?.nativeElement.focus());
  }

  protected reset(): void {
    this.chosen.set({});
    this.typed.set({});
    this.result.set(null);
  }

  private shown(text: LocalizedText | undefined): Shown | null {
    const wanted = text?.[this.locale()]?.trim();
    if (wanted) return { value: wanted, locale: this.locale() };
    const fallback = text?.[this.defaultLocale()]?.trim();
    return fallback ? { value: fallback, locale: this.defaultLocale() } : null;
  }
}
