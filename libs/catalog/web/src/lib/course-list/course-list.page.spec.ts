import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CourseSummary } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CourseListPage, slugFrom } from './course-list.page';

function course(overrides: Partial<CourseSummary>): CourseSummary {
  return {
    id: 'c-1',
    slug: 'budget',
    title: { fr: 'Le budget communal', ar: 'الميزانية الجماعية' },
    defaultLocale: 'fr',
    locales: ['fr', 'ar'],
    status: 'active',
    ownerId: 'u-1',
    ownerName: 'Amina',
    latestVersion: null,
    hasUnpublishedChanges: true,
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('CourseListPage', () => {
  let fixture: ComponentFixture<CourseListPage>;

  async function render(lang: 'fr' | 'ar' | 'en', courses: CourseSummary[]): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [
        CourseListPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {}, ar: {}, en: {} },
          translocoConfig: { availableLangs: ['fr', 'ar', 'en'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(LanguageService).use(lang);
    fixture = TestBed.createComponent(CourseListPage);
    await fixture.whenStable();
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === '/api/v1/courses' && r.params.get('scope') === 'mine')
      .flush(courses);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const titles = (host: HTMLElement) =>
    [...host.querySelectorAll('.tc-course-title')].map((a) => a.textContent?.trim());

  it('shows titles in the interface language, else in the course default', async () => {
    const host = await render('ar', [
      course({}),
      course({ id: 'c-2', slug: 'eau', title: { fr: 'L’eau potable' } }),
    ]);
    expect(titles(host)).toEqual(['الميزانية الجماعية', 'L’eau potable']);
    expect(host.querySelector('a.tc-course-title')?.getAttribute('href')).toBe('/courses/c-1');
  });

  it('shows the latest version and the unpublished-changes badge only where they apply', async () => {
    const host = await render('fr', [
      course({ latestVersion: 3, hasUnpublishedChanges: false }),
      course({ id: 'c-2', latestVersion: null, hasUnpublishedChanges: true }),
    ]);
    const cards = [...host.querySelectorAll('.tc-courses li')].map((li) => li.textContent ?? '');
    expect(cards[0]).toContain('courses.version.number');
    expect(cards[0]).not.toContain('courses.version.unpublished');
    expect(cards[1]).toContain('courses.version.never');
    expect(cards[1]).toContain('courses.version.unpublished');
  });

  it('says so when there is no course', async () => {
    const host = await render('fr', []);
    expect(host.textContent).toContain('courses.list.empty');
    expect(titles(host)).toEqual([]);
  });

  it('proposes the slug from the title until the trainer types one', async () => {
    const host = await render('fr', []);
    (host.querySelector('.tc-head button') as HTMLButtonElement).click();
    await fixture.whenStable();
    const input = (selector: string) => host.querySelector<HTMLInputElement>(selector) as HTMLInputElement;
    const type = (el: HTMLInputElement, value: string) => {
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    type(input('#tc-new-course input[lang="fr"]'), 'L’eau potable à Oujda');
    await fixture.whenStable();
    expect(input('input[formcontrolname="slug"]').value).toBe('l-eau-potable-a-oujda');
    type(input('input[formcontrolname="slug"]'), 'eau-oujda');
    type(input('#tc-new-course input[lang="fr"]'), 'L’eau potable');
    await fixture.whenStable();
    expect(input('input[formcontrolname="slug"]').value).toBe('eau-oujda');
  });

  it('makes slugs of Latin letters and digits only, accents dropped, Arabic left out', () => {
    expect(slugFrom('  Économie sociale & solidaire (2026) ')).toBe('economie-sociale-solidaire-2026');
    expect(slugFrom('ميزانية الجماعة')).toBe('');
    expect(slugFrom('x'.repeat(100))).toHaveLength(80);
  });

  it('duplicates a course from its row and opens the copy in the editor', async () => {
    const host = await render('fr', [course({}), course({ id: 'c-2', slug: 'eau' })]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const buttons = host.querySelectorAll<HTMLButtonElement>('button.tc-duplicate');
    expect(buttons).toHaveLength(2);
    buttons[1]?.click();
    await fixture.whenStable();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/v1/courses/c-2/duplicate');
    expect(req.request.method).toBe('POST');
    req.flush({ id: 'c-9' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/courses', 'c-9']);
  });
});
