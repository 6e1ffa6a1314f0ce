import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CoachQuiz, QuizAttemptResult } from '@tc/shared/contracts';
import { Subject } from 'rxjs';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { QuizComponent } from './quiz.component';

/** An Arabic page whose quiz fell back to French for some texts: each text in its own direction. */
describe('QuizComponent: texts in another language than the page', () => {
  let fixture: ComponentFixture<QuizComponent>;
  let host: HTMLElement;

  const quiz = {
    passMark: 50,
    maxAttempts: null,
    allowImprove: false,
    questions: [
      {
        key: 'q1',
        type: 'single',
        prompt: 'Qu’est-ce qu’une coopérative ?',
        locale: 'fr',
        points: 1,
        options: [
          { key: 'a', text: 'Un groupement de personnes', locale: 'fr' },
          { key: 'b', text: 'شركة مساهمة', locale: 'ar' },
        ],
      },
      {
        key: 'q2',
        type: 'short_answer',
        prompt: 'ما هو الاقتصاد التضامني؟',
        locale: 'ar',
        points: 1,
        options: [],
      },
    ],
  } as CoachQuiz;

  const result: QuizAttemptResult = {
    attemptId: 'at-1',
    attemptNumber: 1,
    score: 2,
    maxScore: 2,
    percent: 100,
    passed: true,
    passMark: 50,
    attemptsLeft: null,
    bestPercent: 100,
    questions: [
      {
        key: 'q1',
        correct: true,
        feedback: ['Exact.'],
        explanation: 'Une coopérative réunit des personnes.',
      },
      { key: 'q2', correct: true },
    ],
    answersRevealed: false,
  };

  async function render(extra: { locale?: 'fr' | 'ar'; quiz?: CoachQuiz } = {}): Promise<void> {
    TestBed.configureTestingModule({
      imports: [
        QuizComponent,
        TranslocoTestingModule.forRoot({ langs: { ar: {} }, translocoConfig: { defaultLang: 'ar' } }),
      ],
      providers: [
        {
          provide: ProgressSyncService,
          useValue: {
            pendingAttempts: signal([]),
            graded: new Subject(),
            submitAttempt: () => Promise.resolve(result),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(QuizComponent);
    fixture.componentRef.setInput('enrolmentId', 'enr-1');
    fixture.componentRef.setInput('lessonKey', 'quiz-1');
    fixture.componentRef.setInput('quiz', extra.quiz ?? quiz);
    fixture.componentRef.setInput('locale', extra.locale ?? 'fr');
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const marks = (el: Element | null | undefined) => [el?.getAttribute('lang'), el?.getAttribute('dir')];

  it('marks each prompt and option with the language and direction of its text', async () => {
    await render();
    const prompts = host.querySelectorAll('.tc-prompt');
    expect(marks(prompts[0])).toEqual(['fr', 'ltr']);
    expect(marks(prompts[1])).toEqual(['ar', 'rtl']);
    const options = host.querySelectorAll('.tc-option span');
    expect(marks(options[0])).toEqual(['fr', 'ltr']);
    expect(marks(options[1])).toEqual(['ar', 'rtl']);
    // The interface texts around them (question numbers, "your answer") stay in the page's language.
    expect(host.querySelector('.tc-questions')?.hasAttribute('lang')).toBe(false);
    expect(host.querySelector('.tc-qnum')?.closest('[lang]')).toBeNull();
    // The group's name still reads "Question 1 <prompt>", with a space between number and prompt.
    expect(host.querySelector('legend')?.textContent?.trim()).toMatch(/learning\.quiz\.question Qu’est-ce/);
  });

  it('without per-text locales (an older offline copy), uses the lesson’s locale', async () => {
    const old = {
      ...quiz,
      questions: quiz.questions.map(({ locale: _l, ...q }) => ({
        ...q,
        options: q.options.map(({ locale: _o, ...o }) => o),
      })),
    } as CoachQuiz;
    await render({ quiz: old, locale: 'fr' });
    expect(marks(host.querySelector('.tc-prompt'))).toEqual(['fr', 'ltr']);
    expect(marks(host.querySelector('.tc-option span'))).toEqual(['fr', 'ltr']);
  });

  it('marks the feedback and explanation with the language the attempt was graded in', async () => {
    await render({ locale: 'fr' });
    host.querySelector<HTMLInputElement>('input[type="radio"]')?.click();
    const text = host.querySelector<HTMLInputElement>('input[type="text"]') as HTMLInputElement;
    text.value = 'التضامن';
    text.dispatchEvent(new Event('input'));
    host.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    const verdict = host.querySelector('.tc-verdict');
    expect(verdict).not.toBeNull();
    const feedback = verdict?.querySelectorAll('p[lang]') ?? [];
    expect([...feedback].map((p) => [p.textContent?.trim(), ...marks(p)])).toEqual([
      ['Exact.', 'fr', 'ltr'],
      ['Une coopérative réunit des personnes.', 'fr', 'ltr'],
    ]);
  });
});
