import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CourseDraft, UpdateLessonRequest } from '@tc/shared/contracts';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { LessonEditorPage } from './lesson-editor.page';

const draft: CourseDraft = {
  id: 'c-1',
  slug: 'budget',
  defaultLocale: 'fr',
  locales: ['fr', 'ar'],
  title: { fr: 'Budget' },
  summary: {},
  estimatedMinutes: null,
  coverImageHash: null,
  competences: [],
  status: 'active',
  ownerId: 'u-1',
  coAuthors: [],
  latestVersion: null,
  hasUnpublishedChanges: true,
  updatedAt: '2026-01-01T00:00:00Z',
  modules: [
    {
      id: 'm-1',
      key: 'm1',
      title: { fr: 'Module' },
      lessons: [
        {
          id: 'l-1',
          key: 'l1',
          kind: 'quiz',
          title: { fr: 'Quiz final' },
          competences: [],
          estimatedMinutes: null,
          body: {},
          media: null,
          quiz: { passMark: 70, maxAttempts: null, revealAnswers: 'never', questions: [] },
        },
      ],
    },
  ],
};

describe('LessonEditorPage: a choice question is saved only with its key', () => {
  let fixture: ComponentFixture<LessonEditorPage>;
  let host: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        LessonEditorPage,
        TranslocoTestingModule.forRoot({ langs: { fr: {} }, translocoConfig: { defaultLang: 'fr' } }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CourseDraftStore],
    });
    TestBed.inject(CourseDraftStore).set(draft);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LessonEditorPage);
    fixture.componentRef.setInput('id', 'c-1');
    fixture.componentRef.setInput('lessonId', 'l-1');
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.match('/api/v1/competences').forEach((r) => r.flush([]));
  });

  const button = (text: string) =>
    [...host.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes(text));
  const save = async () => {
    host.querySelector<HTMLFormElement>('form.tc-form')?.requestSubmit();
    await fixture.whenStable();
  };

  it('refuses to send a new single-choice question with no option marked, says so and points at it', async () => {
    button('courses.quiz.add')?.click();
    await fixture.whenStable();
    const group = host.querySelector('[data-key-missing]');
    expect(group?.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector(`#${group?.getAttribute('aria-describedby')}`)?.textContent).toContain(
      'courses.quiz.issues.noCorrect',
    );

    await save();
    await new Promise((r) => setTimeout(r));
    http.expectNone((r) => r.method === 'PATCH');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('courses.quiz.keyMissingOne');
    expect(document.activeElement).toBe(group?.querySelector('input'));

    group?.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]?.click();
    await fixture.whenStable();
    expect(host.querySelector('[data-key-missing]')).toBeNull();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    await save();
    const sent = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/v1/courses/c-1/lessons/l-1');
    const body = sent.request.body as UpdateLessonRequest;
    expect(body.quiz?.questions[0]?.options.map((o) => o.correct)).toEqual([false, true]);
  });
});
