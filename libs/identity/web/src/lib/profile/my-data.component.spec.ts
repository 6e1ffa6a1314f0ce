import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { DataExport } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { DATA_EXPORTS_API, MyDataComponent } from './my-data.component';

const en = {
  privacy: { myDataButton: 'Download my data' },
  profile: {
    myData: {
      title: 'My data',
      intro: 'One archive.',
      privacyLink: 'What is kept',
      preparing: 'Being prepared…',
      requests: 'My requests',
      requestedAt: 'Asked on {{ date }}',
      download: 'Download the archive ({{ size }})',
      expiresAt: 'Valid until {{ date }}',
      status: { pending: 'Pending', ready: 'Ready', failed: 'Failed', expired: 'Expired' },
    },
  },
};

const pending: DataExport = {
  id: '0b6f6a3e-5d2c-4a59-9f0e-2b1f3f6c9a10',
  status: 'pending',
  requestedAt: '2026-12-07T09:00:00.000Z',
  readyAt: null,
  expiresAt: null,
  bytes: null,
  archiveUrl: null,
};
const ready: DataExport = {
  ...pending,
  status: 'ready',
  readyAt: '2026-12-07T09:00:05.000Z',
  expiresAt: '2026-12-14T09:00:05.000Z',
  bytes: 2.5 * 1024 * 1024,
  archiveUrl: `${DATA_EXPORTS_API}/${pending.id}/archive`,
};

describe('MyDataComponent', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [
        MyDataComponent,
        TranslocoTestingModule.forRoot({
          langs: { en },
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
        { provide: LanguageService, useValue: { lang: signal('en'), use: () => undefined } },
      ],
    });
  });
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  it('asks for an archive, reads the list again while it is prepared, then offers it with its size', async () => {
    const fixture = TestBed.createComponent(MyDataComponent);
    const http = TestBed.inject(HttpTestingController);
    const el = fixture.nativeElement as HTMLElement;
    http.expectOne(DATA_EXPORTS_API).flush({ items: [] });
    fixture.detectChanges();
    const ask = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Download my data'));
    ask?.click();
    const post = http.expectOne((r) => r.url === DATA_EXPORTS_API && r.method === 'POST');
    expect(post.request.body).toEqual({ confirm: 'export' });
    post.flush(pending);
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Being prepared…');
    expect(ask?.disabled).toBe(true);

    jest.advanceTimersByTime(2000);
    http.expectOne((r) => r.url === DATA_EXPORTS_API && r.method === 'GET').flush({ items: [ready] });
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('');
    expect(el.textContent).toContain('Ready');
    expect(el.textContent).toContain('Download the archive (2.5 MB)');
    // Nothing pending: no more reading.
    jest.advanceTimersByTime(10_000);
    http.expectNone(DATA_EXPORTS_API);
  });
});
