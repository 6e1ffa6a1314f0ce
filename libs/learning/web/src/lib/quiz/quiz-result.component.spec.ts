import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CoachQuiz, LearnerCourse, QuizAttemptResult } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { Subject } from 'rxjs';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { QuizComponent } from './quiz.component';

/** The application's own texts, so the specs read what a coach reads. */
function texts(lang: 'fr' | 'ar'): Record<string, unknown> {
  return JSON.parse(
    readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'),
  );
}

/** Five questions, the last worth two points: six points in all. */
function quiz(extra: Partial<CoachQuiz> = {}): CoachQuiz {
  return {
    passMark: 50,
    maxAttempts: 3,
    allowImprove: false,
    questions: ['q1', 'q2', 'q3', 'q4', 'q5'].map((key, i) => ({
      key,
      type: 'single' as const,
      prompt: `Question ${key}`,
      points: i === 4 ? 2 : 1,
      options: [
        { key: 'a', text: 'A' },
        { key: 'b', text: 'B' },
      ],
    })),
    ...extra,
  };
}

function result(extra: Partial<QuizAttemptResult> = {}): QuizAttemptResult {
  return {
    attemptId: 'at-1',
    attemptNumber: 1,
    score: 6,
    maxScore: 6,
    percent: 100,
    passed: true,
    passMark: 50,
    attemptsLeft: 2,
    bestPercent: 100,
    questions: [],
    answersRevealed: false,
    ...extra,
  };
}

describe('QuizComponent: the result says the score in words and what comes next', () => {
  let fixture: ComponentFixture<QuizComponent>;
  let host: HTMLElement;
  let graded: Subject<unknown>;

  async function render(
    options: {
      quiz?: CoachQuiz;
      lang?: 'fr' | 'ar';
      state?: LearnerCourse['quizzes'][string] | null;
      submit?: () => Promise<QuizAttemptResult | null>;
    } = {},
  ): Promise<void> {
    const lang = options.lang ?? 'fr';
    graded = new Subject();
    TestBed.configureTestingModule({
      imports: [
        QuizComponent,
        TranslocoTestingModule.forRoot({
          langs: { [lang]: texts(lang) },
          translocoConfig: { defaultLang: lang, availableLangs: [lang] },
        }),
      ],
      providers: [
        { provide: LanguageService, useValue: { lang: signal(lang) } },
        {
          provide: ProgressSyncService,
          useValue: {
            pendingAttempts: signal([]),
            graded,
            submitAttempt: options.submit ?? (() => Promise.resolve(null)),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(QuizComponent);
    fixture.componentRef.setInput('enrolmentId', 'enr-1');
    fixture.componentRef.setInput('lessonKey', 'quiz-1');
    fixture.componentRef.setInput('quiz', options.quiz ?? quiz());
    fixture.componentRef.setInput('state', options.state ?? null);
    fixture.componentRef.setInput('locale', lang);
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  /** A graded attempt arriving, as the outbox announces it. */
  async function graded_(r: QuizAttemptResult): Promise<void> {
    graded.next({ attempt: { enrolmentId: 'enr-1', lessonKey: 'quiz-1' }, result: r });
    await fixture.whenStable();
  }

  const buttons = () => [...host.querySelectorAll('button')].map((b) => b.textContent?.trim());
  const text = (selector: string) => host.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  it('after a pass, offers no retry when the trainer does not allow improving, and says the lesson is done', async () => {
    await render();
    await graded_(result());
    expect(buttons()).not.toContain('Réessayer');
    expect(text('.tc-next')).toBe(
      'Quiz réussi : la leçon est terminée. Vous pouvez passer à la suite du cours.',
    );
    expect(text('.tc-result')).not.toContain('Tentatives restantes');
  });

  it('after a pass, offers to try again for a better score when the trainer allows it', async () => {
    await render({ quiz: quiz({ allowImprove: true }) });
    await graded_(result({ score: 4, percent: 66 }));
    expect(buttons()).toContain('Réessayer');
    expect(text('.tc-next')).toBe(
      'Vous pouvez réessayer pour améliorer votre score : c’est le meilleur score qui compte.',
    );
    expect(text('.tc-result')).toContain('Tentatives restantes : 2');
  });

  it('after a failure, offers a retry while attempts are left, and says what to do when none is', async () => {
    await render();
    await graded_(result({ score: 2, percent: 33, passed: false, bestPercent: 33 }));
    expect(buttons()).toContain('Réessayer');
    expect(text('.tc-next')).toBe('Relisez la leçon si besoin, puis réessayez.');

    fixture.destroy();
    TestBed.resetTestingModule();
    await render();
    await graded_(result({ score: 0, percent: 0, passed: false, bestPercent: 0, attemptsLeft: 0 }));
    expect(buttons()).not.toContain('Réessayer');
    expect(text('.tc-next')).toBe('Vous n’avez plus de tentative : parlez-en à votre formateur·rice.');
  });

  it('a quiz passed before shows no form to answer again unless improving is allowed', async () => {
    const state = { attempts: 1, bestPercent: 100, passed: true, attemptsLeft: 2 };
    await render({ state });
    expect(host.querySelector('form')).toBeNull();
    expect(text('.tc-rules')).not.toContain('Tentatives restantes');

    fixture.destroy();
    TestBed.resetTestingModule();
    await render({ state, quiz: quiz({ allowImprove: true }) });
    expect(host.querySelector('form')).not.toBeNull();
  });

  it('when the quiz was passed meanwhile (another tab), says so instead of showing an error', async () => {
    const refused = new HttpErrorResponse({
      status: 409,
      error: {
        type: 'https://coaching-territorial.example.org/problems/quiz-already-passed',
        title: 'Quiz already passed',
        status: 409,
      },
    });
    await render({ submit: () => Promise.reject(refused) });
    for (const radio of host.querySelectorAll<HTMLInputElement>('input[type="radio"][value="a"]'))
      radio.click();
    host.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    expect(text('.tc-next')).toBe(
      'Quiz réussi : la leçon est terminée. Vous pouvez passer à la suite du cours.',
    );
    expect(host.querySelector('form')).toBeNull();
    expect(host.textContent).not.toContain('Quiz already passed');
  });

  it('gives the score in points, with the verdict and the pass mark; each question’s points when not all 1', async () => {
    await render();
    const points = [...host.querySelectorAll('.tc-points')].map((p) => p.textContent?.trim());
    expect(points).toEqual(['1 point', '1 point', '1 point', '1 point', '2 points']);
    await graded_(result({ score: 4, percent: 66 }));
    expect(text('.tc-score')).toBe('4 points sur 6 (66 %) — réussi. Seuil de réussite : 50 %.');
  });

  it('says a single point in the singular, and a failure as such', async () => {
    await render();
    await graded_(result({ score: 1, percent: 16, passed: false, bestPercent: 16 }));
    expect(text('.tc-score')).toBe('1 point sur 6 (16 %) — pas réussi. Seuil de réussite : 50 %.');
  });

  it('shows no points beside the questions when every question is worth one point', async () => {
    const ones = quiz();
    ones.questions = ones.questions.map((q) => ({ ...q, points: 1 }));
    await render({ quiz: ones });
    expect(host.querySelectorAll('.tc-points')).toHaveLength(0);
  });

  it('in Arabic: the score in words and the next step', async () => {
    await render({ lang: 'ar' });
    expect(text('.tc-points')).toBe('النقاط: 1');
    await graded_(result({ score: 4, percent: 66 }));
    expect(text('.tc-score')).toBe('النقاط: 4 من 6 (66٪) — ناجح. عتبة النجاح: 50٪.');
    expect(text('.tc-next')).toBe('نجحت في الاختبار واكتمل هذا الدرس. يمكنك متابعة الدورة.');
    expect(buttons()).not.toContain('إعادة المحاولة');
  });
});
