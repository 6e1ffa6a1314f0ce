import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CoachQuiz, Quiz } from '@tc/shared/contracts';
import { QuizPreviewComponent } from './quiz-preview.component';

/** As authored: a single choice worth 2 points, a multiple choice, a short answer; 70% to pass. */
const key: Quiz = {
  passMark: 70,
  maxAttempts: 2,
  revealAnswers: 'never',
  questions: [
    {
      key: 'q1',
      type: 'single',
      prompt: { fr: 'Qui vote le budget ?', ar: 'من يصوت على الميزانية؟' },
      points: 2,
      options: [
        { key: 'a', text: { fr: 'Le conseil' }, correct: true, feedback: { fr: 'Oui, en séance.' } },
        { key: 'b', text: { fr: 'Le ministère' }, correct: false, feedback: { fr: 'Non, il contrôle.' } },
      ],
      acceptedAnswers: [],
      explanation: { fr: 'Le conseil communal vote le budget.' },
    },
    {
      key: 'q2',
      type: 'multiple',
      prompt: { fr: 'Recettes ?' },
      points: 1,
      options: [
        { key: 'a', text: { fr: 'Taxes' }, correct: true },
        { key: 'b', text: { fr: 'Dotations' }, correct: true },
        { key: 'c', text: { fr: 'Salaires' }, correct: false },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q3',
      type: 'short_answer',
      prompt: { fr: 'Sigle ?' },
      points: 1,
      options: [],
      acceptedAnswers: ['TVA', 'taxe sur la valeur ajoutée'],
    },
  ],
};

/** What the coach receives of it, in Arabic with French fallbacks: no key, no feedback. */
const coach: CoachQuiz = {
  passMark: 70,
  maxAttempts: 2,
  questions: [
    {
      key: 'q1',
      type: 'single',
      prompt: 'من يصوت على الميزانية؟',
      locale: 'ar',
      points: 2,
      options: [
        { key: 'a', text: 'Le conseil', locale: 'fr' },
        { key: 'b', text: 'Le ministère', locale: 'fr' },
      ],
    },
    {
      key: 'q2',
      type: 'multiple',
      prompt: 'Recettes ?',
      locale: 'fr',
      points: 1,
      options: [
        { key: 'a', text: 'Taxes', locale: 'fr' },
        { key: 'b', text: 'Dotations', locale: 'fr' },
        { key: 'c', text: 'Salaires', locale: 'fr' },
      ],
    },
    { key: 'q3', type: 'short_answer', prompt: 'Sigle ?', locale: 'fr', points: 1, options: [] },
  ],
};

describe('QuizPreviewComponent: a quiz the trainer can take', () => {
  let fixture: ComponentFixture<QuizPreviewComponent>;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        QuizPreviewComponent,
        TranslocoTestingModule.forRoot({ langs: { fr: {} }, translocoConfig: { defaultLang: 'fr' } }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(QuizPreviewComponent);
    fixture.componentRef.setInput('quiz', coach);
    fixture.componentRef.setInput('key', key);
    fixture.componentRef.setInput('locale', 'ar');
    fixture.componentRef.setInput('defaultLocale', 'fr');
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const inputs = (question: number) =>
    host.querySelectorAll<HTMLInputElement>(`li:nth-child(${question}) input`);
  const verdicts = () =>
    [...host.querySelectorAll('.tc-verdict')].map((v) => v.classList.contains('tc-right'));
  const submit = async () => {
    host.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };

  it('shows neither the key nor any feedback before the answers are submitted', () => {
    expect(host.querySelectorAll('input[type="radio"]')).toHaveLength(2);
    expect(host.querySelectorAll('input[type="checkbox"]')).toHaveLength(3);
    expect(host.textContent).not.toContain('Oui, en séance.');
    expect(host.querySelector('.tc-badge')).toBeNull();
    expect(host.querySelector('.tc-result')).toBeNull();
  });

  it('grades as the server does: points per question, the key, every feedback, the explanation', async () => {
    inputs(1)[1]?.click(); // the ministry: wrong, 0 of 2
    inputs(2)[0]?.click();
    inputs(2)[1]?.click(); // both right ones: 1 of 1
    const text = inputs(3)[0] as HTMLInputElement;
    text.value = '  tva ';
    text.dispatchEvent(new Event('input')); // accepted whatever the case: 1 of 1
    await fixture.whenStable();
    await submit();

    expect(verdicts()).toEqual([false, true, true]);
    // 2 of 4 points: 50 %, under the 70 % mark.
    expect(host.querySelector('.tc-result')?.classList).toContain('tc-failed');
    expect(host.querySelector('[role="status"]')?.textContent).toContain('courses.preview.quiz.failed');
    // The key: the council, marked; the two right receipts.
    const keyed = [...host.querySelectorAll('.tc-key label > span[lang]')].map((c) => c.textContent);
    expect(keyed).toEqual(['Le conseil', 'Taxes', 'Dotations']);
    // Each option's feedback, in French where Arabic has none, said to be French.
    const feedback = [...host.querySelectorAll('.tc-feedback [lang]')];
    expect(feedback.map((f) => [f.textContent, f.getAttribute('lang')])).toEqual([
      ['Oui, en séance.', 'fr'],
      ['Non, il contrôle.', 'fr'],
    ]);
    expect(host.querySelector('.tc-explanation')?.textContent).toContain('Le conseil communal vote');
    expect(host.textContent).toContain('TVA');
    // Answers are locked until the trainer starts again.
    expect(host.querySelector('fieldset')?.disabled).toBe(true);
  });

  it('counts an unanswered question as wrong, says so, and starts again blank', async () => {
    inputs(1)[0]?.click();
    inputs(2)[0]?.click();
    inputs(2)[1]?.click();
    await submit();
    expect(verdicts()).toEqual([true, true, false]);
    expect(host.querySelector('.tc-result')?.classList).toContain('tc-passed'); // 3 of 4: 75 %
    expect(host.querySelectorAll('.tc-verdict')[2]?.textContent).toContain('courses.preview.quiz.unanswered');

    [...host.querySelectorAll<HTMLButtonElement>('button')].at(-1)?.click();
    await fixture.whenStable();
    expect(host.querySelector('.tc-result')).toBeNull();
    expect([...host.querySelectorAll<HTMLInputElement>('input')].some((i) => i.checked)).toBe(false);
    expect(host.querySelector('fieldset')?.disabled).toBe(false);
  });

  it('records nothing: no request leaves the browser', async () => {
    inputs(1)[0]?.click();
    await submit();
    TestBed.inject(HttpTestingController).verify();
  });
});
