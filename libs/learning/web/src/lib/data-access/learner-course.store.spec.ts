import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Injector, effect, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LearnerCourseStore } from './learner-course.store';
import { SYNC_USER } from './progress-sync/sync-tokens';
import { learner } from './testing';

const COURSE_URL = '/api/v1/enrolments/enr-1';

describe('LearnerCourseStore.ensure from an effect (as the learner pages call it)', () => {
  let store: LearnerCourseStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SYNC_USER, useValue: signal('u-1') },
      ],
    });
    store = TestBed.inject(LearnerCourseStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** What the lesson page does: an effect on the enrolment and language. */
  function page(lang = signal<'fr' | 'ar'>('fr')) {
    effect(() => store.ensure('enr-1', lang()), { injector: TestBed.inject(Injector) });
    TestBed.tick();
    return lang;
  }

  async function settle() {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      TestBed.tick();
    }
  }

  it('asks once when the enrolment is gone (404), shows the problem, and does not ask again by itself', async () => {
    page();
    http
      .expectOne((r) => r.url === COURSE_URL)
      .flush({ status: 404, title: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(store.entries()['enr-1']).toMatchObject({
      course: null,
      loading: false,
      problem: { status: 404 },
    });
    http.expectNone((r) => r.url === COURSE_URL);
  });

  it('asks once when the server fails (503) and nothing is kept offline', async () => {
    page();
    http
      .expectOne((r) => r.url === COURSE_URL)
      .flush({ status: 503, title: 'Unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(store.entries()['enr-1']?.problem?.status).toBe(503);
    http.expectNone((r) => r.url === COURSE_URL);
  });

  it('asks again when the language changes, and the retry button (reload) asks again', async () => {
    const lang = page();
    http.expectOne((r) => r.url === COURSE_URL).flush(learner());
    await settle();
    expect(store.entries()['enr-1']?.course?.enrolmentId).toBe('enr-1');

    lang.set('ar');
    TestBed.tick();
    const ar = http.expectOne((r) => r.url === COURSE_URL);
    expect(ar.request.params.get('locale')).toBe('ar');
    ar.flush({ status: 404, title: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    http.expectNone((r) => r.url === COURSE_URL);

    store.reload('enr-1');
    http.expectOne((r) => r.url === COURSE_URL).flush(learner());
    await settle();
    expect(store.entries()['enr-1']).toMatchObject({ locale: 'ar', loading: false, problem: null });
  });
});
