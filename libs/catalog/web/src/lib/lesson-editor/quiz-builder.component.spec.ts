import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { QUESTION_TYPES, type QuestionType, type Quiz } from '@tc/shared/contracts';
import { QuizBuilderComponent } from './quiz-builder.component';
import { newQuestion, newQuiz } from './quiz-rules';

describe('QuizBuilderComponent', () => {
  let fixture: ComponentFixture<QuizBuilderComponent>;
  let host: HTMLElement;
  let emitted: Quiz[];

  async function render(quiz: Quiz): Promise<void> {
    TestBed.configureTestingModule({
      imports: [
        QuizBuilderComponent,
        TranslocoTestingModule.forRoot({ langs: { fr: {} }, translocoConfig: { defaultLang: 'fr' } }),
      ],
    });
    fixture = TestBed.createComponent(QuizBuilderComponent);
    const ref = fixture.componentRef;
    ref.setInput('quiz', quiz);
    ref.setInput('locales', ['fr', 'ar']);
    ref.setInput('defaultLocale', 'fr');
    emitted = [];
    fixture.componentInstance.quiz.subscribe((q) => emitted.push(q));
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  /** The "add a question" buttons come in the order of QUESTION_TYPES. */
  function addButton(type: QuestionType): HTMLButtonElement {
    return host.querySelectorAll<HTMLButtonElement>('.tc-add button')[QUESTION_TYPES.indexOf(type)];
  }

  it('marking another option of a single-choice question leaves exactly that one correct', async () => {
    const question = newQuestion('single', [], ['fr', 'ar']);
    await render({ ...newQuiz(), questions: [question] });
    const radios = host.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios).toHaveLength(2);
    expect([...radios].map((r) => r.checked)).toEqual([false, false]);

    radios[0].click();
    await fixture.whenStable();
    host.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]?.click();
    await fixture.whenStable();

    const last = emitted.at(-1) as Quiz;
    expect(last.questions[0].options.map((o) => o.correct)).toEqual([false, true]);
    const after = host.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect([...after].map((r) => r.checked)).toEqual([false, true]);
  });

  it('adds a true/false question with its two fixed options and no option text to type', async () => {
    await render(newQuiz());
    addButton('true_false').click();
    await fixture.whenStable();

    const quiz = emitted.at(-1) as Quiz;
    expect(quiz.questions).toHaveLength(1);
    expect(quiz.questions[0].options.map((o) => [o.key, o.correct])).toEqual([
      ['true', false],
      ['false', false],
    ]);
    expect(host.querySelectorAll('input[type="radio"]')).toHaveLength(2);
    expect(host.textContent).toContain('Vrai');
    expect(host.textContent).not.toContain('courses.quiz.optionN');
    expect(host.textContent).not.toContain('courses.quiz.addOption');
  });

  it('switching attempts to limited asks for a number and keeps it', async () => {
    await render(newQuiz());
    const box = host.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(box?.checked).toBe(true);
    box?.click();
    await fixture.whenStable();
    expect((emitted.at(-1) as Quiz).maxAttempts).toBe(3);
    expect(host.textContent).toContain('courses.quiz.maxAttempts');
  });

  it('offers to let a coach who passed answer again, off unless the trainer ticks it', async () => {
    await render(newQuiz());
    expect(host.textContent).toContain('courses.quiz.allowImprove');
    const box = host.querySelector<HTMLInputElement>('.tc-improve input[type="checkbox"]');
    expect(box?.checked).toBe(false);
    expect(box?.getAttribute('aria-describedby')).toBe(host.querySelector('.tc-improve .tc-help')?.id);
    box?.click();
    await fixture.whenStable();
    expect((emitted.at(-1) as Quiz).allowImprove).toBe(true);
  });
});
