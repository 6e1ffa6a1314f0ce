import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { LearnerCourse, SelfAssessment } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { of } from 'rxjs';
import { LearnerCourseStore } from '../data-access/learner-course.store';
import { LearningService } from '../data-access/learning.service';
import { OfflineLibrary } from '../data-access/offline-library';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { learner } from '../data-access/testing';
import { CoursePage } from './course.page';

const both = (s: string) => ({ fr: s, en: s, ar: s });
const assessment: SelfAssessment = {
  competences: [{ code: '1.1', title: both('Naviguer') }],
  levels: [{ level: 1, name: both('Fondamental'), description: both('Avec de l’aide.') }],
  start: {},
  end: {},
  endAvailable: false,
};

async function render(course: LearnerCourse): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    imports: [
      CoursePage,
      TranslocoTestingModule.forRoot({
        langs: { fr: {} },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal('fr') } },
      {
        provide: LearnerCourseStore,
        useValue: {
          entries: signal({ 'enr-1': { course, locale: 'fr', loading: false, problem: null } }),
          ensure: jest.fn(),
        },
      },
      {
        provide: LearningService,
        useValue: { selfAssessment: () => of(assessment), rate: () => of(assessment) },
      },
      { provide: OfflineLibrary, useValue: { available: false, all: signal({}), saving: signal(new Set()) } },
      {
        provide: ProgressSyncService,
        useValue: {
          online: signal(true),
          pending: signal(0),
          counted: signal(true),
          failing: signal(false),
          rejections: signal([]),
          lastSyncedAt: signal(null),
        },
      },
    ],
  });
  const fixture = TestBed.createComponent(CoursePage);
  fixture.componentRef.setInput('enrolmentId', 'enr-1');
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

/** Whether `a` comes before `b` in the page (reading order, and the order on a phone's single column). */
const before = (a: Element | null, b: Element | null) =>
  !!a && !!b && !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('CoursePage: the outline first, the self-assessment after it', () => {
  beforeEach(() => localStorage.clear());

  it('puts "continue" and every lesson before the self-assessment offered', async () => {
    const host = await render(learner());
    const offer = host.querySelector('tc-self-assessment section');
    expect(offer).not.toBeNull();
    const continueLink = host.querySelector('a.tc-button');
    expect(continueLink?.getAttribute('href')).toBe('/lessons/l1');
    expect(before(continueLink, offer)).toBe(true);
    const lessons = [...host.querySelectorAll('a.tc-lesson')];
    expect(lessons).toHaveLength(4);
    expect(lessons.every((l) => before(l, offer))).toBe(true);
  });
});
