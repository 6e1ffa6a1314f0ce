import { HttpErrorResponse } from '@angular/common/http';
import { signal, type WritableSignal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { LearnerCourse, MyEnrolment } from '@tc/shared/contracts';
import { HomeSectionProgress } from '@tc/identity/web';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, of, throwError } from 'rxjs';
import { type CourseEntry, LearnerCourseStore } from '../data-access/learner-course.store';
import { LearningService } from '../data-access/learning.service';
import { OfflineLibrary } from '../data-access/offline-library';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { learner } from '../data-access/testing';
import { CoachTodayComponent } from './coach-today.component';

function enrolment(id: string, extra: Partial<MyEnrolment> = {}): MyEnrolment {
  return {
    enrolmentId: id,
    cohortId: `co-${id}`,
    cohortName: `Cohorte ${id}`,
    courseId: 'c-1',
    courseVersion: 1,
    courseTitle: { fr: `Cours ${id}` },
    status: 'active',
    startsOn: '2026-01-05',
    endsOn: '2026-06-30',
    lessonsDone: 1,
    lessonsTotal: 4,
    ...extra,
  };
}

const done = { state: 'completed', lastActivityAt: '2026-03-01T10:00:00.000Z' } as const;

interface Setup {
  enrolments: () => Observable<MyEnrolment[]>;
  courses?: Record<string, LearnerCourse>;
  kept?: MyEnrolment[] | null;
  pending?: number;
  /** Enrolments whose course is still being read. */
  loading?: string[];
  /** What the home page gives its sections. */
  progress?: HomeSectionProgress;
}

let fixture: ComponentFixture<CoachTodayComponent>;
let storeEntries: WritableSignal<Record<string, CourseEntry>>;

async function render(setup: Setup): Promise<HTMLElement> {
  const entries = signal(
    Object.fromEntries(
      Object.entries(setup.courses ?? {}).map(([id, course]) => [
        id,
        { course, locale: 'fr', loading: false, problem: null } as CourseEntry,
      ]),
    ),
  );
  for (const id of setup.loading ?? []) {
    entries.update((all) => ({ ...all, [id]: { course: null, locale: 'fr', loading: true, problem: null } }));
  }
  storeEntries = entries;
  TestBed.configureTestingModule({
    imports: [
      CoachTodayComponent,
      TranslocoTestingModule.forRoot({
        langs: {
          fr: {
            common: { loading: 'Chargement…' },
            learning: {
              today: { title: 'Prochaine étape', continueTo: 'Continuer : {{ lesson }}' },
              home: { title: 'Mes cours', withdrawn: 'Retiré·e', empty: 'Aucun cours.', join: 'Rejoindre' },
              offline: {
                waiting: 'En attente de synchronisation : {{ count }}',
                allSynced: 'Tout est synchronisé',
              },
              deadline: {
                overdue: 'En retard',
                wasDueFor: '{{ module }} : à terminer le {{ date }}',
                dueFor: '{{ module }} : à terminer le {{ date }}',
              },
              progress: { label: 'Progression dans {{ name }}', lessons: '{{ done }} / {{ total }} leçons' },
            },
          },
        },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal('fr') } },
      { provide: LearningService, useValue: { myEnrolments: setup.enrolments } },
      { provide: LearnerCourseStore, useValue: { entries, ensure: jest.fn() } },
      {
        provide: OfflineLibrary,
        useValue: {
          keepEnrolments: jest.fn().mockResolvedValue(undefined),
          enrolments: jest.fn().mockResolvedValue(setup.kept ?? null),
        },
      },
      {
        provide: ProgressSyncService,
        useValue: { pending: signal(setup.pending ?? 0), counted: signal(true) },
      },
      ...(setup.progress ? [{ provide: HomeSectionProgress, useValue: setup.progress }] : []),
    ],
  });
  fixture = TestBed.createComponent(CoachTodayComponent);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('CoachTodayComponent (a coach on the home page)', () => {
  it('leads in one tap to the next lesson, says the next deadline and what waits to sync', async () => {
    const course = learner({
      lessons: { ...learner().lessons, l1: done },
      deadlines: { m1: '2020-01-31', m2: '2099-02-28' },
      nextLessonKey: 'l2',
      lessonsDone: 1,
    });
    const host = await render({
      enrolments: () => of([enrolment('enr-1')]),
      courses: { 'enr-1': course },
      pending: 3,
    });

    const go = host.querySelector('a.tc-continue');
    expect(text(go)).toBe('Continuer : Lesson l2');
    expect(go?.getAttribute('href')).toBe('/learn/enr-1/lessons/l2');
    // Overdue said in words, with the module.
    const deadline = text(host.querySelector('tc-deadline-badge'));
    expect(deadline).toContain('En retard');
    expect(deadline).toContain('Module 1 : à terminer le');
    expect(text(host.querySelector('.tc-sync'))).toBe('En attente de synchronisation : 3');
  });

  it('shows the list only once every active course has answered, so nothing moves after', async () => {
    const course = learner({ nextLessonKey: 'l2' });
    const host = await render({ enrolments: () => of([enrolment('enr-1')]), loading: ['enr-1'] });
    expect(host.querySelector('ul')).toBeNull();
    expect(text(host.querySelector('[role="status"]'))).toBe('Chargement…');

    storeEntries.set({ 'enr-1': { course, locale: 'fr', loading: false, problem: null } });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(host.querySelector('a.tc-continue')).not.toBeNull();
    expect(host.querySelectorAll('ul li')).toHaveLength(1);
  });

  it('makes each enrolment a link to its course page, withdrawn ones included', async () => {
    const host = await render({
      enrolments: () => of([enrolment('enr-1'), enrolment('enr-2', { status: 'withdrawn' })]),
      courses: { 'enr-1': learner() },
    });
    const links = [...host.querySelectorAll('li a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/learn/enr-1', '/learn/enr-2']);
    expect(text(links[0])).toContain('Cohorte enr-1');
    expect(text(links[1])).toContain('Cours enr-2');
    expect(text(host.querySelector('li'))).toContain('0 / 4 leçons');
  });

  it('resumes the unfinished course touched last, and says when nothing waits to sync', async () => {
    const older = learner({
      enrolmentId: 'enr-1',
      lessons: {
        ...learner().lessons,
        l1: { state: 'completed', lastActivityAt: '2026-02-01T08:00:00.000Z' },
      },
      nextLessonKey: 'l2',
    });
    const recent = learner({
      enrolmentId: 'enr-2',
      lessons: { ...learner().lessons, l1: done, l2: done },
      nextLessonKey: 'quiz',
    });
    const finished = learner({
      enrolmentId: 'enr-3',
      completedAt: '2026-03-02T00:00:00.000Z',
      nextLessonKey: null,
    });
    const host = await render({
      enrolments: () => of([enrolment('enr-3'), enrolment('enr-1'), enrolment('enr-2')]),
      courses: { 'enr-1': older, 'enr-2': recent, 'enr-3': finished },
    });
    expect(host.querySelector('a.tc-continue')?.getAttribute('href')).toBe('/learn/enr-2/lessons/quiz');
    expect(host.querySelector('tc-deadline-badge')).toBeNull();
    expect(text(host.querySelector('.tc-sync'))).toBe('Tout est synchronisé');
  });

  it('offline, shows the enrolments remembered on this device', async () => {
    const host = await render({
      enrolments: () => throwError(() => new HttpErrorResponse({ status: 0 })),
      kept: [enrolment('enr-1')],
      courses: { 'enr-1': learner() },
      pending: 1,
    });
    expect(host.querySelector('li a')?.getAttribute('href')).toBe('/learn/enr-1');
    expect(host.querySelector('a.tc-continue')?.getAttribute('href')).toBe('/learn/enr-1/lessons/l1');
    expect(text(host.querySelector('.tc-sync'))).toBe('En attente de synchronisation : 1');
    expect(host.querySelector('tc-problem-message')?.textContent?.trim()).toBeFalsy();
  });

  it('tells the home page once it drew all it will draw, so the sections below it show only then', async () => {
    const progress = new HomeSectionProgress();
    await render({ enrolments: () => of([enrolment('enr-1')]), loading: ['enr-1'], progress });
    expect(progress.settled()).toBe(false);

    storeEntries.set({ 'enr-1': { course: learner(), locale: 'fr', loading: false, problem: null } });
    await fixture.whenStable();
    expect(progress.settled()).toBe(true);
  });

  it('counts a list that could not be read as whole: its problem is what it shows', async () => {
    const progress = new HomeSectionProgress();
    const host = await render({
      enrolments: () => throwError(() => new HttpErrorResponse({ status: 500 })),
      progress,
    });
    expect(host.querySelector('tc-problem-message')?.textContent?.trim()).toBeTruthy();
    expect(progress.settled()).toBe(true);
  });
});
