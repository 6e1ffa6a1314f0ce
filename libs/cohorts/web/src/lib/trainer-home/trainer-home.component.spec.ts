import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { today } from '@tc/shared/ui';
import { TrainerHomeComponent } from './trainer-home.component';
import { addDays } from './trainer-home';
import { cohort, course } from './trainer-home.fixtures';

describe('TrainerHomeComponent', () => {
  let http: HttpTestingController;
  let host: HTMLElement;
  let detectChanges: () => Promise<void>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TrainerHomeComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TrainerHomeComponent);
    host = fixture.nativeElement as HTMLElement;
    detectChanges = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    };
  });

  afterEach(() => http.verify());

  const links = (labelledBy: string) =>
    [...host.querySelectorAll(`ul[aria-labelledby="${labelledBy}"] a`)].map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);

  it('links each open cohort, each draft to its editor, and what waits this week', async () => {
    await detectChanges();
    http
      .expectOne('/api/v1/cohorts')
      .flush([
        cohort('k-1', { name: 'Oriental', endsOn: addDays(today(), 2) }),
        cohort('k-2', { name: 'Souss', status: 'closed' }),
      ]);
    http
      .expectOne((r) => r.url === '/api/v1/courses' && r.params.get('scope') === 'mine')
      .flush([course('c-1', { latestVersion: null, title: { fr: 'Brouillon' } }), course('c-2')]);
    await detectChanges();

    expect(links('tc-mine-h')).toEqual([['Oriental', '/cohorts/k-1']]);
    expect(links('tc-drafts-h')).toEqual([['Brouillon', '/courses/c-1']]);
    expect(links('tc-waiting-h')).toEqual([['Oriental', '/cohorts/k-1']]);
    expect(host.textContent).toContain('cohorts.home.wait.endsSoon');
    expect(host.querySelector('.tc-counts')?.textContent).toContain('cohorts.home.counts');
    // A new cohort is one click away: the wizard opens with the list.
    expect(
      [...host.querySelectorAll('.tc-actions a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]),
    ).toEqual([
      ['cohorts.create.open', '/cohorts?create='],
      ['cohorts.home.allCohorts', '/cohorts'],
      ['cohorts.home.allCourses', '/courses'],
    ]);
  });

  it('says so when a list fails, rather than showing empty lists', async () => {
    await detectChanges();
    http
      .expectOne('/api/v1/cohorts')
      .flush(
        { title: 'Down', status: 503 },
        { status: 503, statusText: 'Down', headers: { 'content-type': 'application/problem+json' } },
      );
    // The other list is dropped with it.
    expect(http.expectOne((r) => r.url === '/api/v1/courses').cancelled).toBe(true);
    await detectChanges();
    expect(host.querySelector('[role="alert"], tc-problem-message')?.textContent).toBeTruthy();
    expect(host.querySelector('ul')).toBeNull();
  });
});
