import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CoachAnnouncements } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { AnnouncementsCardComponent } from './announcements-card.component';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

async function render(answer: CoachAnnouncements | 'offline'): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    imports: [
      AnnouncementsCardComponent,
      TranslocoTestingModule.forRoot({
        langs: { fr: { conversation: { card: { title: 'Annonces', unread: '{{ count }} non lue(s)' } } } },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: LanguageService, useValue: { lang: signal('fr') } },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(AnnouncementsCardComponent);
  fixture.detectChanges();
  const req = http.expectOne('/api/v1/announcements/unread');
  if (answer === 'offline') req.error(new ProgressEvent('error'), { status: 0 });
  else req.flush(answer);
  await settle();
  fixture.detectChanges();
  http.verify();
  return fixture.nativeElement as HTMLElement;
}

describe("the coach's announcements card", () => {
  it('links each cohort with something unread to its list, with the newest title', async () => {
    const host = await render({
      items: [
        {
          cohortId: 'coh-1',
          cohortName: 'Oujda 2026',
          unread: 2,
          latest: {
            id: 'a1',
            cohortId: 'coh-1',
            title: { ar: 'اجتماع الخميس' },
            bodyHtml: { ar: '<p>نص</p>' },
            pinned: false,
            publishAt: '2026-12-06T10:00:00.000Z',
            scheduled: false,
            createdAt: '2026-12-06T10:00:00.000Z',
            editedAt: null,
            authorName: 'Nadia',
            read: false,
            readBy: null,
          },
        },
      ],
    });
    const link = host.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/cohorts/coh-1/announcements');
    expect(link.querySelector('strong')?.textContent?.trim()).toBe('اجتماع الخميس');
    expect(link.querySelector('strong')?.getAttribute('dir')).toBe('rtl');
    expect(link.textContent).toContain('2 non lue(s)');
  });

  it('shows nothing when all is read, nor when the server cannot be reached', async () => {
    expect((await render({ items: [] })).querySelector('section')).toBeNull();
    TestBed.resetTestingModule();
    expect((await render('offline')).querySelector('section')).toBeNull();
  });
});
