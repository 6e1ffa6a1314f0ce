import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, UpgradePreview, VersionChange } from '@tc/shared/contracts';
import { CohortStore } from '../data-access/cohort.store';
import { VersionUpgradeComponent } from './version-upgrade.component';

const fr = {
  cohorts: {
    version: 'version {{ number }}',
    upgrade: {
      open: 'Voir ce que change la version {{ number }}',
      previewTitle: 'De la version {{ from }} à la version {{ to }} : ce qui change',
      confirm: 'Passer à la version {{ number }}',
      done: 'La cohorte est passée de la version {{ from }} à la version {{ to }}',
      noChange: 'Aucun changement.',
      inModule: 'Module :',
      modules: { added: 'Modules ajoutés ({{ count }})', removed: 'Modules retirés ({{ count }})' },
      lessons: {
        added: 'Leçons ajoutées ({{ count }})',
        removed: 'Leçons retirées ({{ count }})',
        changed: 'Leçons modifiées ({{ count }})',
      },
      affected: {
        title: 'Qui est concerné',
        coaches: '{{ count }} coach(s) actif(s) suivront la version {{ to }}',
        finished: '{{ count }} ont terminé la version {{ from }}',
        losingLessons: '{{ count }} ont terminé des leçons retirées',
        deadlineDropped: 'Échéance supprimée :',
      },
    },
  },
};

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  courseVersion: 1,
  newerVersions: [2],
  modules: [],
  deadlines: [],
} as unknown as Cohort;

/** One lesson added to an existing module: lessons, not modules. */
const oneLessonAdded: VersionChange = {
  added: [
    { key: 'm1-l9', title: { fr: 'Nouvelle leçon' }, moduleKey: 'm1', moduleTitle: { fr: 'Module 1' } },
  ],
  removed: [],
  changed: [],
  modulesAdded: [],
  modulesRemoved: [],
};

describe('VersionUpgradeComponent', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        VersionUpgradeComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), CohortStore],
    });
    const store = TestBed.inject(CohortStore);
    store.set(cohort);
    const fixture = TestBed.createComponent(VersionUpgradeComponent);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    return { fixture, store, el, button, http: TestBed.inject(HttpTestingController) };
  }

  it('shows what would change and for whom before anything moves; an added lesson is a lesson', async () => {
    const { fixture, el, button, http } = setup();
    button('Voir ce que change la version 2').click();
    const req = http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/upgrade-preview');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.get('version')).toBe('2');
    req.flush({
      from: 1,
      to: 2,
      changes: oneLessonAdded,
      coaches: 12,
      finished: 3,
      losingLessons: 0,
      deadlinesDropped: [],
    } satisfies UpgradePreview);
    fixture.detectChanges();
    await fixture.whenStable();

    const text = el.textContent ?? '';
    expect(text).toContain('Leçons ajoutées (1)');
    expect(text).not.toContain('Modules ajoutés');
    expect(text).toContain('Nouvelle leçon');
    expect(text).toContain('12 coach(s) actif(s) suivront la version 2');
    expect(text).toContain('3 ont terminé la version 1');
    expect(text).not.toContain('leçons retirées');
    // Nothing moved yet.
    http.expectNone('/api/v1/cohorts/k-1/upgrade');
    expect(document.activeElement?.id).toBe('tc-upgrade-preview-h');
    http.verify();
  });

  it('moves on confirmation; the report appears here and takes the focus', async () => {
    const { fixture, store, el, button, http } = setup();
    button('Voir ce que change la version 2').click();
    http
      .expectOne((r) => r.url === '/api/v1/cohorts/k-1/upgrade-preview')
      .flush({
        from: 1,
        to: 2,
        changes: oneLessonAdded,
        coaches: 1,
        finished: 0,
        losingLessons: 0,
        deadlinesDropped: [],
      } satisfies UpgradePreview);
    fixture.detectChanges();

    button('Passer à la version 2').click();
    const req = http.expectOne('/api/v1/cohorts/k-1/upgrade');
    expect(req.request.body).toEqual({ version: 2 });
    req.flush({ cohort: { ...cohort, courseVersion: 2, newerVersions: [] }, changes: oneLessonAdded });
    fixture.detectChanges();
    await fixture.whenStable();

    expect(store.cohort()?.courseVersion).toBe(2);
    const report = el.querySelector('#tc-upgrade-report-h');
    expect(report?.textContent).toContain('La cohorte est passée de la version 1 à la version 2');
    expect(document.activeElement).toBe(report);
    expect(el.textContent).toContain('Leçons ajoutées (1)');
    http.verify();
  });
});
