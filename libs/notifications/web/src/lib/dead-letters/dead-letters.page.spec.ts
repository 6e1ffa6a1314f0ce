import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { DeadLetter, DeadLetterPage } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { DeadLettersPage } from './dead-letters.page';

const API = '/api/v1/admin/jobs/dead-letters';
const dead = (id: string, over: Partial<DeadLetter> = {}): DeadLetter => ({
  id,
  queue: 'notifications.deliver',
  createdAt: '2026-12-06T08:00:00.000Z',
  failedAt: '2026-12-06T09:00:00.000Z',
  attempts: 6,
  error: 'SMTP refused …@…: mailbox full',
  ids: { notificationId: 'b0000000-0000-4000-8000-000000000002' },
  withheld: ['email'],
  ...over,
});

describe('DeadLettersPage', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        DeadLettersPage,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              jobs: {
                title: 'Failed background jobs',
                retry: 'Retry',
                retried: 'Job queued again:',
                more: 'Older failures',
                empty: 'No failed job.',
                attempts: '{{ count }} attempt(s)',
                withheld: 'Fields not shown:',
                noError: 'No error message.',
              },
            },
          },
          translocoConfig: {
            availableLangs: ['en'],
            defaultLang: 'en',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { lang: signal('en') } },
      ],
    });
    const fixture = TestBed.createComponent(DeadLettersPage);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
  }

  it('lists the failures with their queue, attempts, error and ids, then older ones by the cursor', () => {
    const { fixture, http, el } = setup();
    const first = http.expectOne((r) => r.url === API);
    expect(first.request.params.get('limit')).toBe('50');
    first.flush({ items: [dead('d1')], nextCursor: '1765000000000000_d1' } satisfies DeadLetterPage);
    fixture.detectChanges();
    const text = el.textContent ?? '';
    expect(text).toContain('notifications.deliver');
    expect(text).toContain('6 attempt(s)');
    expect(text).toContain('SMTP refused …@…: mailbox full');
    expect(text).toContain('notificationId');
    expect(text).toContain('b0000000-0000-4000-8000-000000000002');
    expect(text).toContain('Fields not shown: email');

    const more = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Older failures'));
    more!.click();
    const second = http.expectOne((r) => r.url === API && r.params.get('cursor') === '1765000000000000_d1');
    second.flush({ items: [dead('d2', { error: null, ids: {}, withheld: [] })], nextCursor: null });
    fixture.detectChanges();
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.textContent).toContain('No error message.');
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Older failures'))).toBe(
      false,
    );
    http.verify();
  });

  it('queues one again: it leaves the list and the page says where it went', () => {
    const { fixture, http, el } = setup();
    http.expectOne((r) => r.url === API).flush({ items: [dead('d1'), dead('d2')], nextCursor: null });
    fixture.detectChanges();
    const retry = [...el.querySelectorAll('button')].filter((b) => b.textContent?.includes('Retry'));
    retry[0]!.click();
    const post = http.expectOne(`${API}/d1/retry`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({});
    post.flush({ jobId: 'j1', queue: 'notifications.deliver' });
    fixture.detectChanges();
    expect(el.querySelectorAll('li')).toHaveLength(1);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Job queued again:');

    // Retried meanwhile by another admin: gone (404), so it leaves the list too, and the problem shows.
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Retry'))!.click();
    http
      .expectOne(`${API}/d2/retry`)
      .flush(
        { type: 'not-found', title: 'Not Found', status: 404 },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(el.querySelectorAll('li')).toHaveLength(0);
    expect(el.textContent).toContain('No failed job.');
    http.verify();
  });
});
