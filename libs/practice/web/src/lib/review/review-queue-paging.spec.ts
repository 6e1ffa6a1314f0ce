import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ReviewQueueItem, ReviewQueuePage } from '@tc/shared/contracts';
import { ReviewQueuePage as QueuePageComponent } from './review-queue.page';

const QUEUE = '/api/v1/cohorts/coh-1/practice/queue';

function item(n: number): ReviewQueueItem {
  return {
    submissionId: `sub-${n}`,
    enrolmentId: `enr-${n}`,
    coachName: `Coach ${n}`,
    moduleKey: 'm1',
    lessonKey: 'task-1',
    lessonTitle: { fr: 'Vitrine' },
    round: 1,
    status: 'waiting',
    handedInAt: `2026-12-0${n}T10:00:00.000Z`,
    fileCount: 1,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('a cohort’s review queue: waiting first, a page at a time', () => {
  let fixture: ComponentFixture<QueuePageComponent>;
  let http: HttpTestingController;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [QueuePageComponent, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QueuePageComponent);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/v1/cohorts/coh-1').flush({ id: 'coh-1', name: 'Oujda 2026', modules: [] });
    host = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  it('asks for the waiting hand-ins, shows the counts, and the next page follows the cursor', async () => {
    const first = http.expectOne((r) => r.url === QUEUE);
    expect(first.request.params.get('status')).toBe('waiting');
    expect(first.request.params.has('cursor')).toBe(false);
    const page1: ReviewQueuePage = {
      items: [item(1), item(2)],
      nextCursor: 'c-2',
      counts: { waiting: 3, returned: 1, passed: 0 },
    };
    first.flush(page1);
    await settle();
    fixture.detectChanges();
    expect([...host.querySelectorAll('.tc-item strong')].map((e) => e.textContent)).toEqual([
      'Coach 1',
      'Coach 2',
    ]);
    expect([...host.querySelectorAll('.tc-count')].map((e) => e.textContent?.trim())).toEqual([
      '3',
      '1',
      '0',
    ]);

    (host.querySelector('button.tc-button-secondary') as HTMLButtonElement).click();
    await settle();
    const second = http.expectOne((r) => r.url === QUEUE);
    expect(second.request.params.get('cursor')).toBe('c-2');
    second.flush({ ...page1, items: [item(3)], nextCursor: null });
    await settle();
    fixture.detectChanges();
    expect([...host.querySelectorAll('.tc-item strong')].map((e) => e.textContent)).toEqual([
      'Coach 1',
      'Coach 2',
      'Coach 3',
    ]);
    // The last page: no more button.
    expect(host.querySelector('button.tc-button-secondary')).toBeNull();
  });

  it('a status from the URL is asked for instead', async () => {
    http
      .expectOne((r) => r.url === QUEUE)
      .flush({ items: [], nextCursor: null, counts: { waiting: 0, returned: 0, passed: 0 } });
    fixture.componentRef.setInput('status', 'returned');
    fixture.detectChanges();
    await settle();
    const req = http.expectOne((r) => r.url === QUEUE);
    expect(req.request.params.get('status')).toBe('returned');
    req.flush({ items: [], nextCursor: null, counts: { waiting: 0, returned: 0, passed: 0 } });
    await settle();
    fixture.detectChanges();
    expect(host.textContent).toContain('practice.queue.empty.returned');
  });
});
