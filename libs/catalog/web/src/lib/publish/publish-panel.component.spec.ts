import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CourseDraft, CourseVersion } from '@tc/shared/contracts';
import { CourseDraftStore } from '../data-access/course-draft.store';
import { PublishPanelComponent } from './publish-panel.component';

/** Offered in French and Arabic; the Arabic has the course title and nothing else. */
const draft: CourseDraft = {
  id: 'c-1',
  slug: 'budget',
  defaultLocale: 'fr',
  locales: ['fr', 'ar'],
  title: { fr: 'Le budget', ar: 'الميزانية' },
  summary: {},
  estimatedMinutes: null,
  coverImageHash: null,
  competences: [],
  status: 'active',
  ownerId: 'u-1',
  coAuthors: [],
  latestVersion: null,
  hasUnpublishedChanges: true,
  updatedAt: '2026-01-01T00:00:00Z',
  modules: [
    {
      id: 'm-1',
      key: 'm1',
      title: { fr: 'Les recettes' },
      lessons: [
        {
          id: 'l-1',
          key: 'l1',
          kind: 'text',
          title: { fr: 'Les taxes' },
          competences: [],
          estimatedMinutes: null,
          body: { fr: 'Texte' },
          media: null,
          quiz: null,
        },
      ],
    },
  ],
};

function version(locales: CourseDraft['locales']): CourseVersion {
  return {
    courseId: 'c-1',
    number: 1,
    contentHash: 'h',
    publishedAt: '2026-01-02T00:00:00Z',
    publishedBy: 'u-1',
    publishedByName: 'Amina',
    content: { ...draft, locales, modules: [] },
  };
}

describe('PublishPanelComponent: how complete each offered language is, asked before publishing', () => {
  let fixture: ComponentFixture<PublishPanelComponent>;
  let host: HTMLElement;
  let http: HttpTestingController;
  let store: CourseDraftStore;

  async function render(course: CourseDraft): Promise<void> {
    TestBed.configureTestingModule({
      imports: [
        PublishPanelComponent,
        TranslocoTestingModule.forRoot({ langs: { fr: {} }, translocoConfig: { defaultLang: 'fr' } }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CourseDraftStore],
    });
    store = TestBed.inject(CourseDraftStore);
    store.set(course);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublishPanelComponent);
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne('/api/v1/courses/c-1/versions').flush([]);
    await fixture.whenStable();
  }

  const buttons = () => [...host.querySelectorAll<HTMLButtonElement>('button')];
  /** Button texts, as the testing translations give them (the key after the language). */
  const labels = () => buttons().map((b) => b.textContent?.trim().replace(/^fr\./, ''));
  const click = async (text: string) => {
    buttons()
      .find((b) => b.textContent?.trim().endsWith(text))
      ?.click();
    await fixture.whenStable();
  };
  const publishRequest = () => http.expectOne((r) => r.url === '/api/v1/courses/c-1/publish');

  it('shows each language’s count and the lessons lacking texts, then asks', async () => {
    await render(draft);
    expect(host.textContent).not.toContain('courses.publish.languages.title');
    await click('courses.publish.open');
    // Arabic: 1 of 4 texts (course title; module title, lesson title and text missing).
    const bar = host.querySelector('progress');
    expect([bar?.value, bar?.max]).toEqual([1, 4]);
    const places = [...host.querySelectorAll('.tc-places li')].map((li) => li.textContent ?? '');
    expect(places).toHaveLength(2);
    expect(places[0]).toContain('Les recettes');
    expect(places[1]).toContain('Les taxes');
    expect(places[1]).toContain('courses.publish.languages.parts.body');
    expect(host.querySelector('.tc-places a')?.getAttribute('href')).toBe('/courses/c-1#module-m-1');
    expect(host.textContent).toContain('courses.publish.languages.ask');
    expect(labels()).toEqual(['courses.publish.anyway', 'courses.publish.stopOffering.ar', 'common.cancel']);
  });

  it('publishes anyway: the same request as ever, and the confirmation names the fallback', async () => {
    await render(draft);
    await click('courses.publish.open');
    await click('courses.publish.anyway');
    const request = publishRequest();
    expect(request.request.params.has('stopOffering')).toBe(false);
    request.flush(version(['fr', 'ar']));
    await fixture.whenStable();
    const done = host.querySelector('[role="status"]')?.textContent ?? '';
    expect(done).toContain('courses.publish.done');
    expect(done).toContain('courses.publish.doneFallback');
    expect(done).not.toContain('courses.publish.doneDropped');
  });

  it('stops offering Arabic, then publishes: one request, the draft no longer offers it', async () => {
    await render(draft);
    await click('courses.publish.open');
    await click('courses.publish.stopOffering.ar');
    const request = publishRequest();
    expect(request.request.params.get('stopOffering')).toBe('ar');
    request.flush(version(['fr']));
    await fixture.whenStable();
    expect(store.draft()?.locales).toEqual(['fr']);
    const done = host.querySelector('[role="status"]')?.textContent ?? '';
    expect(done).toContain('courses.publish.doneDropped');
    expect(done).not.toContain('courses.publish.doneFallback');
    http.expectOne('/api/v1/courses/c-1/versions').flush([]);
  });

  it('asks nothing more when every offered language is complete', async () => {
    const complete: CourseDraft = {
      ...draft,
      modules: [
        {
          ...draft.modules[0]!,
          title: { fr: 'Les recettes', ar: 'المداخيل' },
          lessons: [
            {
              ...draft.modules[0]!.lessons[0]!,
              title: { fr: 'Les taxes', ar: 'الرسوم' },
              body: { fr: 'T', ar: 'ن' },
            },
          ],
        },
      ],
    };
    await render(complete);
    await click('courses.publish.open');
    expect(host.querySelector('progress')?.value).toBe(4);
    expect(host.querySelector('.tc-places')).toBeNull();
    expect(host.textContent).not.toContain('courses.publish.languages.ask');
    expect(labels()).toEqual(['courses.publish.confirm', 'common.cancel']);
  });
});
