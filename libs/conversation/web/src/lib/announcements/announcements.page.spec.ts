import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Announcement, AnnouncementPage } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { signal } from '@angular/core';
import { AuthService } from '@tc/identity/web';
import { CONVERSATION_STORE, MemoryConversationStore, copyKey } from '../offline/conversation-store';
import { AnnouncementsPage } from './announcements.page';

const LIST = '/api/v1/cohorts/coh-1/announcements';
const EN = {
  conversation: {
    announcements: {
      readBy: 'Read by {{ count }} of {{ of }}',
      unread: 'New',
      edited: 'edited',
      pinned: 'Pinned',
      edit: 'Edit',
    },
  },
};

function announcement(id: string, extra: Partial<Announcement> = {}): Announcement {
  return {
    id,
    cohortId: 'coh-1',
    title: { fr: `Titre ${id}`, ar: `عنوان ${id}` },
    bodyHtml: { fr: `<p>Texte ${id}</p>`, ar: `<p>نص ${id}</p><script>alert(1)</script>` },
    pinned: false,
    publishAt: '2026-12-06T10:00:00.000Z',
    scheduled: false,
    createdAt: '2026-12-06T10:00:00.000Z',
    editedAt: null,
    authorName: 'Nadia',
    read: false,
    readBy: null,
    ...extra,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe("a cohort's announcements page", () => {
  let fixture: ComponentFixture<AnnouncementsPage>;
  let http: HttpTestingController;
  let host: HTMLElement;

  async function open(page: AnnouncementPage, lang: 'fr' | 'ar' = 'fr'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [
        AnnouncementsPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: EN },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { lang: signal(lang) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AnnouncementsPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.detectChanges();
    await settle();
    http.expectOne((r) => r.url === LIST).flush(page);
    await settle();
    fixture.detectChanges();
    host = fixture.nativeElement as HTMLElement;
  }

  afterEach(() => http.verify());

  it('marks what a coach had not read as read, once each, and still shows it as new', async () => {
    await open({
      items: [announcement('a1'), announcement('a2', { read: true })],
      nextCursor: null,
      canManage: false,
      cohortName: 'Oujda 2026',
      locales: ['fr', 'ar'],
    });
    const reads = http.match((r) => r.method === 'PUT');
    expect(reads.map((r) => r.request.url)).toEqual([`${LIST}/a1/read`]);
    reads.forEach((r) => r.flush(null));
    await settle();
    fixture.detectChanges();
    const sections = [...host.querySelectorAll('section.tc-announcement')];
    expect(sections.map((s) => s.querySelector('.tc-new')?.textContent?.trim() ?? null)).toEqual([
      'New',
      null,
    ]);
    expect(host.textContent).not.toContain('Read by');
    expect(host.querySelector('.tc-actions')).toBeNull();
  });

  it('shows an Arabic reader the Arabic text right to left, without what the sanitiser drops', async () => {
    await open(
      {
        items: [announcement('a1', { read: true, editedAt: '2026-12-06T11:00:00.000Z' })],
        nextCursor: null,
        canManage: false,
        cohortName: 'Oujda 2026',
        locales: ['fr', 'ar'],
      },
      'ar',
    );
    const title = host.querySelector('h2') as HTMLElement;
    expect(title.textContent?.trim()).toBe('عنوان a1');
    expect(title.getAttribute('dir')).toBe('rtl');
    const body = host.querySelector('.tc-body') as HTMLElement;
    expect(body.getAttribute('dir')).toBe('rtl');
    expect(body.innerHTML).toContain('نص a1');
    expect(body.querySelector('script')).toBeNull();
    expect(host.querySelector('.tc-edited')?.textContent?.trim()).toBe('edited');
  });

  it('shows whoever runs the cohort who read each, and the actions', async () => {
    await open({
      items: [announcement('a1', { read: null, readBy: { count: 1, of: 3 }, pinned: true })],
      nextCursor: null,
      canManage: true,
      cohortName: 'Oujda 2026',
      locales: ['fr'],
    });
    expect(http.match((r) => r.method === 'PUT')).toEqual([]);
    expect(host.textContent).toContain('Read by 1 of 3');
    expect(host.querySelector('section')?.classList).toContain('tc-pinned');
    expect(host.querySelector('.tc-actions a')?.getAttribute('href')).toBe('/a1/edit');
  });

  it('offline, shows the list kept at the last visit and marks nothing read', async () => {
    const store = new MemoryConversationStore();
    await store.keep('u-1', copyKey('announcements', 'coh-1'), {
      items: [announcement('a1')],
      nextCursor: null,
      canManage: false,
      cohortName: 'Oujda 2026',
      locales: ['fr'],
    });
    TestBed.configureTestingModule({
      imports: [
        AnnouncementsPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: EN },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { lang: signal('fr') } },
        { provide: AuthService, useValue: { me: signal({ id: 'u-1' }) } },
        { provide: CONVERSATION_STORE, useValue: store },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AnnouncementsPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.detectChanges();
    await settle();
    http.expectOne((r) => r.url === LIST).error(new ProgressEvent('error'), { status: 0 });
    await settle();
    fixture.detectChanges();
    host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('h2')?.textContent?.trim()).toBe('Titre a1');
    expect(host.querySelector('.tc-offline')).not.toBeNull();
    expect(http.match((r) => r.method === 'PUT')).toEqual([]);
  });
});
