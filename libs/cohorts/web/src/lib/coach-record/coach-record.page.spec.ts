import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CoachRecord, Locale } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CoachRecordPage, attemptsByQuiz } from './coach-record.page';

const i18n = (lang: Locale) =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8'));

const quiz = (
  key: string,
  title: string,
  over: Partial<CoachRecord['modules'][number]['lessons'][number]> = {},
) => ({
  key,
  kind: 'quiz' as const,
  title: { fr: title },
  startedAt: null,
  completedAt: null,
  attempts: 0,
  bestPercent: null,
  passMark: 70,
  ...over,
});

const RECORD: CoachRecord = {
  cohortId: 'k-1',
  cohortName: 'Oujda — hiver 2027',
  courseTitle: { fr: 'Le numérique au service des territoires' },
  courseVersion: 1,
  defaultLocale: 'fr',
  enrolmentId: 'e-1',
  displayName: 'Salma Ouazzani',
  territory: { name: { fr: 'Berkane', ar: 'بركان', en: 'Berkane' }, code: 'MA-BER' },
  enrolmentStatus: 'active',
  enrolledAt: '2027-01-10T08:00:00Z',
  completedAt: null,
  lastActivityAt: '2027-01-12T09:00:00Z',
  lessonsDone: 2,
  lessonsTotal: 4,
  modules: [
    {
      key: 'm1',
      title: { fr: 'Les bases' },
      dueOn: '2027-01-31',
      overdue: true,
      lessons: [
        {
          key: 'l1',
          kind: 'text',
          title: { fr: 'Lire un tableau' },
          startedAt: '2027-01-11T09:00:00Z',
          completedAt: '2027-01-11T09:30:00Z',
          attempts: 0,
          bestPercent: null,
          passMark: null,
        },
        {
          key: 'l2',
          kind: 'text',
          title: { fr: 'Écrire un message' },
          startedAt: '2027-01-11T10:00:00Z',
          completedAt: null,
          attempts: 0,
          bestPercent: null,
          passMark: null,
        },
        quiz('q1', 'Quiz des bases', {
          startedAt: '2027-01-12T08:00:00Z',
          completedAt: '2027-01-12T09:00:00Z',
          attempts: 2,
          bestPercent: 90,
        }),
      ],
    },
    {
      key: 'm2',
      title: { fr: 'Aller plus loin' },
      dueOn: null,
      overdue: false,
      lessons: [quiz('q2', 'Quiz final')],
    },
  ],
  quizAttempts: [
    {
      lessonKey: 'q1',
      attemptNumber: 1,
      answeredAt: '2027-01-12T08:00:00Z',
      score: 4,
      maxScore: 10,
      percent: 40,
      passed: false,
      courseVersion: 1,
    },
    {
      lessonKey: 'q1',
      attemptNumber: 2,
      answeredAt: '2027-01-12T09:00:00Z',
      score: 9,
      maxScore: 10,
      percent: 90,
      passed: true,
      courseVersion: 1,
    },
    {
      lessonKey: 'q-old',
      attemptNumber: 1,
      answeredAt: '2027-01-11T08:00:00Z',
      score: 1,
      maxScore: 2,
      percent: 50,
      passed: false,
      courseVersion: 1,
    },
  ],
  selfAssessment: {
    competences: [
      {
        code: '1.1',
        title: { fr: 'Naviguer, rechercher et filtrer', ar: 'التصفح والبحث', en: 'Browsing' },
        start: 3,
        end: null,
      },
      { code: '2.1', title: { fr: 'Interagir', ar: 'التفاعل', en: 'Interacting' }, start: null, end: null },
    ],
    levels: [3].map((level) => ({
      level,
      name: { fr: 'Intermédiaire', ar: 'متوسط', en: 'Intermediate' },
      description: { fr: '', ar: '', en: '' },
    })),
  },
};

async function render(lang: Locale, answer: (http: HttpTestingController) => void) {
  TestBed.configureTestingModule({
    imports: [
      CoachRecordPage,
      TranslocoTestingModule.forRoot({
        langs: { [lang]: i18n(lang) },
        translocoConfig: { availableLangs: [lang], defaultLang: lang },
      }),
    ],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  TestBed.inject(LanguageService).use(lang);
  const fixture = TestBed.createComponent(CoachRecordPage);
  fixture.componentRef.setInput('id', 'k-1');
  fixture.componentRef.setInput('enrolmentId', 'e-1');
  fixture.detectChanges();
  await fixture.whenStable();
  answer(TestBed.inject(HttpTestingController));
  fixture.detectChanges();
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const ok = (http: HttpTestingController) =>
  http.expectOne({ method: 'GET', url: '/api/v1/cohorts/k-1/enrolments/e-1' }).flush(RECORD);
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('CoachRecordPage', () => {
  it('shows the coach, each lesson with when it was done, and the quizzes’ best scores', async () => {
    const el = await render('fr', ok);
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Salma Ouazzani');
    expect(squash(el.querySelector('.tc-facts')?.textContent)).toContain('Berkane (MA-BER)');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/cohorts/k-1');
    const lessons = [...el.querySelectorAll('.tc-lessons li')].map((li) =>
      [...li.children].map((c) => squash(c.textContent)),
    );
    expect(lessons[0]).toEqual([
      'Texte',
      'Lire un tableau',
      expect.stringMatching(/^Faite le 11 janv\. 2027/),
    ]);
    expect(lessons[1]?.[2]).toMatch(/^Commencée le .*, pas terminée$/);
    expect(lessons[2]?.[3]).toBe('Meilleur score : 90 % (2 tentative(s)) ; seuil : 70 %');
    expect(lessons[3]).toEqual(['Quiz', 'Quiz final', 'Pas commencée', 'Pas encore tenté']);
    expect(
      [...(el.querySelector('.tc-module .tc-meta')?.children ?? [])].map((c) => squash(c.textContent)),
    ).toEqual(['2/3 faites', 'À terminer le 31 janv. 2027', 'En retard']);
  });

  it('lists every attempt by quiz, with a quiz no longer in the course named by its key', async () => {
    const el = await render('fr', ok);
    const quizzes = [...el.querySelectorAll('.tc-quiz')];
    expect(quizzes.map((q) => squash(q.querySelector('h3')?.textContent))).toEqual([
      'Quiz des bases',
      'Quiz retiré du cours (q-old)',
    ]);
    const rows = [...quizzes[0]!.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => squash(c.textContent)),
    );
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['1', '4/10 (40 %)', 'Non réussi'],
      ['2', '9/10 (90 %)', 'Réussi'],
    ]);
  });

  it('shows the self-assessment at the start and the end; no field tasks section, the platform has none', async () => {
    const el = await render('fr', ok);
    const rows = [...el.querySelectorAll('.tc-ratings tbody tr')].map((r) =>
      [...r.children].map((c) => squash(c.textContent)),
    );
    expect(rows).toEqual([
      ['1.1 Naviguer, rechercher et filtrer', '3 · Intermédiaire', '—Non évalué'],
      ['2.1 Interagir', '—Non évalué', '—Non évalué'],
    ]);
    // A dash to the eye, the words to a screen reader.
    const unrated = el.querySelector('.tc-ratings tbody td:last-child');
    expect(unrated?.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    expect(unrated?.querySelector('.tc-visually-hidden')?.textContent?.trim()).toBe('Non évalué');
    expect([...el.querySelectorAll('h2')].map((h) => h.textContent?.trim())).toEqual([
      'Leçons',
      'Tentatives aux quiz',
      'Auto-évaluation DigComp',
    ]);
  });

  it('speaks Arabic, the French cohort name set apart from the sentence around it', async () => {
    const el = await render('ar', ok);
    expect(el.querySelector('.tc-sub')?.textContent).toContain(
      'المسار في فوج «\u2068Oujda — hiver 2027\u2069»',
    );
    expect(squash(el.querySelector('.tc-facts')?.textContent)).toContain('بركان (MA-BER)');
    // A Latin name keeps the page's right-to-left alignment, its own direction isolated.
    expect(el.querySelector('h1 bdi')?.textContent).toBe('Salma Ouazzani');
  });

  it('says why when the coach cannot be shown', async () => {
    const el = await render('fr', (http) =>
      http
        .expectOne('/api/v1/cohorts/k-1/enrolments/e-1')
        .flush(
          { type: 'about:blank', title: 'Not Found', status: 404, code: 'not-found' },
          { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    expect(el.querySelector('h1')).toBeNull();
    expect(el.querySelector('tc-problem-message')).not.toBeNull();
  });
});

describe('attemptsByQuiz', () => {
  it('follows the course’s order, whatever the order of the attempts', () => {
    const groups = attemptsByQuiz(RECORD.modules, [
      { ...RECORD.quizAttempts[0]!, lessonKey: 'q2' },
      ...RECORD.quizAttempts,
    ]);
    expect(groups.map((g) => g.key)).toEqual(['q1', 'q2', 'q-old']);
  });
});
