import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AnnouncementPage } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { AnnouncementEditorPage } from './announcement-editor.page';

const LIST = '/api/v1/cohorts/coh-1/announcements';
const PAGE: AnnouncementPage = {
  items: [],
  nextCursor: null,
  canManage: true,
  cohortName: 'Oujda 2026',
  locales: ['fr', 'ar'],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('writing an announcement', () => {
  let fixture: ComponentFixture<AnnouncementEditorPage>;
  let http: HttpTestingController;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        AnnouncementEditorPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
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
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AnnouncementEditorPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.detectChanges();
    await settle();
    http.expectOne((r) => r.url === LIST && r.method === 'GET').flush(PAGE);
    await settle();
    fixture.detectChanges();
    host = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    el.value = value;
    el.dispatchEvent(new Event('input'));
  };

  it('offers one title and one markdown body per language of the course, the Arabic one right to left', () => {
    const fieldsets = [...host.querySelectorAll('fieldset')];
    expect(fieldsets.map((f) => f.getAttribute('lang'))).toEqual(['fr', 'ar']);
    expect(fieldsets[1]!.querySelector('input')!.getAttribute('dir')).toBe('rtl');
    expect(fieldsets.every((f) => f.querySelector('tc-markdown-editor textarea'))).toBe(true);
  });

  it('posts what was written, scheduled and pinned, then goes back to the list', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const [fr, ar] = [...host.querySelectorAll('fieldset')];
    type(ar!.querySelector('input')!, 'اجتماع');
    type(ar!.querySelector('textarea')!, 'يوم **الخميس**');
    type(host.querySelector('input[type="datetime-local"]') as HTMLInputElement, '2030-01-02T09:30');
    (host.querySelector('mat-checkbox input') as HTMLInputElement).click();
    fixture.detectChanges();
    expect(fr!.querySelector('input')!.value).toBe('');
    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const posted = http.expectOne((r) => r.url === LIST && r.method === 'POST');
    expect(posted.request.body).toEqual({
      title: { ar: 'اجتماع' },
      body: { ar: 'يوم **الخميس**' },
      pinned: true,
      publishAt: new Date('2030-01-02T09:30').toISOString(),
    });
    posted.flush({});
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', 'coh-1', 'announcements']);
    // The preview asked the server's renderer (debounced), as the lesson editor does.
    http.match('/api/v1/catalog/render').forEach((r) => r.flush({ html: '' }));
  });

  it("shows the server's field error beside the field", async () => {
    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    http
      .expectOne((r) => r.url === LIST && r.method === 'POST')
      .flush(
        {
          type: 'about:blank',
          title: 'Invalid request',
          status: 400,
          code: 'validation',
          errors: [{ field: 'title', code: 'announcement-empty', message: 'Write a title' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    fixture.detectChanges();
    expect(host.querySelector('tc-problem-message [role="alert"]')).not.toBeNull();
  });
});
