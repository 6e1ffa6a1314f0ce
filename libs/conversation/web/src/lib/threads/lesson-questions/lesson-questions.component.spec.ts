import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { MyEnrolment, ThreadPage } from '@tc/shared/contracts';
import { MemoryConversationStore, copyKey } from '../../offline/conversation-store';
import { pageProviders, settle, summary, translocoTesting } from '../testing';
import { LessonQuestionsComponent } from './lesson-questions.component';

const ENROLMENTS = '/api/v1/me/enrolments';
const LIST = '/api/v1/cohorts/coh-1/threads';

const enrolments = [
  { enrolmentId: 'enr-0', cohortId: 'coh-0' },
  { enrolmentId: 'enr-1', cohortId: 'coh-1' },
] as MyEnrolment[];

function page(extra: Partial<ThreadPage> = {}): ThreadPage {
  return {
    items: [summary('t-1', { answered: true })],
    nextCursor: null,
    canModerate: false,
    cohortName: 'Cohorte Nord',
    ...extra,
  };
}

describe("a lesson's questions block", () => {
  let fixture: ComponentFixture<LessonQuestionsComponent>;
  let http: HttpTestingController;
  let host: HTMLElement;
  let store: MemoryConversationStore;

  async function open(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [LessonQuestionsComponent, translocoTesting()],
      providers: pageProviders(store),
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LessonQuestionsComponent);
    fixture.componentRef.setInput('enrolmentId', 'enr-1');
    fixture.componentRef.setInput('lessonKey', 'l-1');
    fixture.detectChanges();
    await settle();
    host = fixture.nativeElement as HTMLElement;
  }

  async function render(): Promise<void> {
    await settle();
    fixture.detectChanges();
  }

  beforeEach(() => {
    store = new MemoryConversationStore();
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it("lists the lesson's threads in the coach's cohort, links to all, and offers to ask about it", async () => {
    await open();
    http.expectOne(ENROLMENTS).flush(enrolments);
    await settle();
    const list = http.expectOne((r) => r.url === LIST);
    expect(list.request.params.get('lessonKey')).toBe('l-1');
    list.flush(page());
    await render();
    expect(host.querySelector('h2')?.textContent?.trim()).toBe('Questions sur cette leçon');
    expect(host.querySelector('section')?.getAttribute('aria-labelledby')).toBe(
      'tc-lesson-questions-heading',
    );
    const link = host.querySelector('li a');
    expect(link?.getAttribute('href')).toBe('/cohorts/coh-1/threads/t-1');
    expect(host.querySelector('li')?.textContent).toContain('Répondue');
    expect([...host.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain(
      '/cohorts/coh-1/threads?lesson=l-1',
    );
    expect(host.querySelector('tc-ask-question h3')?.textContent?.trim()).toBe('Poser une question');
  });

  it('offline, shows what was kept at the last visit', async () => {
    await store.keep('u-1', copyKey('cohort-of', 'enrolments'), enrolments);
    await store.keep('u-1', copyKey('threads', 'coh-1', 'l-1'), page({ items: [summary('t-7')] }));
    await open();
    http.expectOne(ENROLMENTS).error(new ProgressEvent('error'), { status: 0 });
    await settle();
    http.expectOne((r) => r.url === LIST).error(new ProgressEvent('error'), { status: 0 });
    await render();
    expect(host.querySelector('li a')?.getAttribute('href')).toBe('/cohorts/coh-1/threads/t-7');
  });

  it('says nobody asked yet', async () => {
    await open();
    http.expectOne(ENROLMENTS).flush(enrolments);
    await settle();
    http.expectOne((r) => r.url === LIST).flush(page({ items: [] }));
    await render();
    expect(host.querySelector('li.tc-muted')?.textContent?.trim()).toBe('Aucune');
  });
});
