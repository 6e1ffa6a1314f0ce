import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Component, input } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type {
  CompletionReport,
  ObservatoryGroupBy,
  ObservatoryScope,
  ObservatoryTerritory,
  PracticeReport,
} from '@tc/shared/contracts';
import { ChartComponent } from '../chart/chart.component';
import { ObservatoryPage } from './observatory.page';

/** ECharts needs a canvas: a stand-in draws nothing. */
@Component({ selector: 'tc-chart', template: '' })
class FakeChart {
  readonly options = input<unknown>();
  readonly label = input<string>();
  readonly height = input(280);
}

const FR = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../../../apps/web/public/i18n/fr.json'), 'utf8'),
) as Record<string, unknown>;

const place = (id: string, fr: string, drillable: boolean): ObservatoryTerritory => ({
  id,
  code: '',
  name: { fr, ar: fr, en: fr },
  drillable,
});
const MOROCCO = place('ma', 'Maroc', true);
const ORIENTAL = place('oriental', "L'Oriental", true);
const JERADA = place('jerada', 'Jerada', false);
/** Field practice in Oujda-Angad: one cohort, its passes below k. */
const PRACTICE: PracticeReport = {
  filters: { territoryId: 'ouj', from: null, to: null, courseId: null },
  territory: place('ouj', 'Oujda-Angad', false),
  course: null,
  breadcrumb: [],
  k: 5,
  territories: [],
  cohorts: [
    {
      key: 'c1',
      label: { fr: 'Cohorte Oujda 1' },
      handedIn: 9,
      reviewed: 8,
      passed: null,
      medianDaysToReview: 4,
    },
  ],
  cohortPage: { offset: 0, limit: 20, total: 1 },
  total: { key: 'total', label: null, handedIn: 9, reviewed: 8, passed: null, medianDaysToReview: 4 },
  suppressedCells: 1,
  generatedAt: '2026-12-06T00:00:00Z',
};
const OUJDA = place('ouj', 'Oujda-Angad', false);
const SCOPE: ObservatoryScope = { territories: [MOROCCO], courses: [], k: 5 };

function report(
  territory: ObservatoryTerritory,
  groupBy: ObservatoryGroupBy,
  enrolled: number,
  rows: CompletionReport['rows'] = [],
): CompletionReport {
  return {
    filters: { territoryId: territory.id, groupBy, from: null, to: null, courseId: null },
    territory,
    breadcrumb: territory === MOROCCO ? [MOROCCO] : [MOROCCO, ORIENTAL, territory],
    course: null,
    k: 5,
    rows,
    page: { offset: 0, limit: 50, total: rows.length },
    total: { key: 'total', label: null, enrolled, started: 0, completed: 0, certified: 0, withdrawn: 0 },
    suppressedCells: 0,
    generatedAt: '2026-11-29T00:00:00Z',
  };
}

describe('ObservatoryPage', () => {
  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'observatory', component: ObservatoryPage }]),
      ],
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: FR },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    TestBed.overrideComponent(ObservatoryPage, {
      remove: { imports: [ChartComponent] },
      add: { imports: [FakeChart] },
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne('/api/v1/observatory/scope').flush(SCOPE);
    const completion = (territoryId: string, groupBy: string) =>
      http.expectOne(
        (r) =>
          r.url.endsWith('/completion') &&
          r.params.get('territoryId') === territoryId &&
          r.params.get('groupBy') === groupBy,
      );
    const competences = () =>
      http
        .match((r) => r.url.endsWith('/competences') || r.url.endsWith('/practice'))
        .forEach((r) => r.flush(r.request.url.endsWith('/practice') ? PRACTICE : { areas: [] }));
    const el = () => {
      harness.detectChanges();
      return harness.routeNativeElement as HTMLElement;
    };
    return { http, completion, competences, el, harness };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says plainly that nothing runs in an empty territory, and links back up with the parent’s count', async () => {
    const { completion, competences, el } = await open('/observatory?territoryId=jerada');
    completion('jerada', 'territory').flush(report(JERADA, 'territory', 0));
    completion('jerada', 'cohort').flush(report(JERADA, 'cohort', 0));
    competences();
    completion('oriental', 'territory').flush(report(ORIENTAL, 'territory', 240));
    const page = el();
    expect(page.querySelector('.tc-nothing-yet h2')?.textContent).toContain('Jerada : aucune cohorte');
    const back = page.querySelector('.tc-nothing-yet a') as HTMLAnchorElement;
    expect(back.textContent?.trim()).toBe("Revenir à L'Oriental");
    expect(back.getAttribute('href')).toBe('/observatory?territoryId=oriental');
    expect(page.querySelector('.tc-nothing-yet-count')?.textContent).toContain('240');
    // No dashboard of zeros and dashes.
    expect(page.querySelector('.tc-summary')).toBeNull();
    expect(page.querySelector('tc-completion-table')).toBeNull();
    expect(page.querySelector('#tc-competences-title')).toBeNull();
  });

  it('says why a leaf shows its cohorts', async () => {
    const { completion, competences, el } = await open('/observatory?territoryId=ouj&groupBy=cohort');
    completion('ouj', 'territory').flush(report(OUJDA, 'territory', 12));
    completion('ouj', 'cohort').flush(report(OUJDA, 'cohort', 12));
    competences();
    const page = el();
    expect(page.querySelector('.tc-leaf-note')?.textContent).toContain(
      "Oujda-Angad n'a pas de subdivision : le tableau présente donc ses cohortes.",
    );
    expect(page.querySelector('.tc-nothing-yet')).toBeNull();
    expect(page.querySelector('tc-completion-table')).not.toBeNull();
    // Field practice below: its title, the cohort's funnel and the median in French.
    expect(page.querySelector('#tc-practice-title')?.textContent).toContain('Pratique de terrain');
    const cohort = page.querySelector('[data-testid="practice-cohorts"] tbody tr')?.textContent ?? '';
    expect(cohort.replace(/\s+/g, ' ')).toMatch(/Cohorte Oujda 1 9 8 < 5.* 4 jours/);
    // Its own downloads, and the note that it follows the months.
    const section = page.querySelector('[aria-labelledby="tc-practice-title"]');
    expect(
      section?.querySelector('[role="group"][aria-label="Télécharger la pratique de terrain"]'),
    ).not.toBeNull();
    expect(section?.textContent).toContain('Chaque étape compte dans le mois où elle a eu lieu');
  });

  it('keeps the territory grouping and its drill-down links in a region', async () => {
    const { completion, competences, el } = await open('/observatory?territoryId=oriental&groupBy=cohort');
    const jerada = {
      key: 'jerada',
      label: JERADA.name,
      drillable: false,
      enrolled: 0,
      started: 0,
      completed: 0,
    };
    completion('oriental', 'territory').flush(report(ORIENTAL, 'territory', 240, [jerada]));
    competences();
    const page = el();
    expect((page.querySelector('#tc-obs-groupby') as HTMLSelectElement).value).toBe('territory');
    expect(page.querySelector('.tc-leaf-note')).toBeNull();
    const links = Array.from(page.querySelectorAll('tc-completion-table a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toContain('/observatory?territoryId=jerada&groupBy=cohort');
  });
});
