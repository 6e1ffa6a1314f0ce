import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Component, input } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ImpactCounts, ImpactReport, ObservatoryScope } from '@tc/shared/contracts';
import { ChartComponent } from '../chart/chart.component';
import { ImpactPage } from './impact.page';

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

const SCOPE: ObservatoryScope = {
  territories: [{ id: 'oriental', code: 'MA-02', name: { fr: "L'Oriental" }, drillable: true }],
  courses: [],
  k: 5,
};

const counts = (
  organisations: number | null,
  visits: number | null,
  milestones: number | null,
  checked: number | null,
  medianGain: number | null,
): ImpactCounts => ({ organisations, visits, milestones, checked, medianGain });

/** L'Oriental: two provinces, Figuig's organisations below k; trained coaches' gains ahead. */
const REPORT: ImpactReport = {
  territory: {
    id: 'oriental',
    name: "L'Oriental",
    path: [
      { id: 'ma', name: 'Maroc' },
      { id: 'oriental', name: "L'Oriental" },
    ],
  },
  k: 5,
  totals: counts(58, 143, 61, 30, 14.5),
  byTerritory: [
    { key: 'ouj', label: 'Oujda-Angad', counts: counts(55, 130, 58, 28, 15) },
    { key: 'fig', label: 'Figuig', counts: counts(null, 13, null, null, null) },
    { key: 'direct:oriental', label: "L'Oriental", counts: counts(0, 0, 0, 0, null) },
  ],
  bySector: [{ key: 'argan', label: 'argan', counts: counts(12, 30, 9, 6, 17) }],
  byKind: [{ key: 'cooperative', label: 'cooperative', counts: counts(30, 80, 33, 16, 13) }],
  byMonth: [
    { key: '2026-10', label: '2026-10', counts: counts(20, 50, 20, 10, 12) },
    { key: '2026-11', label: '2026-11', counts: counts(38, 93, 41, 20, 16) },
  ],
  byWomenLed: [
    { key: 'true', label: 'true', counts: counts(25, 60, 30, 12, 18) },
    { key: 'false', label: 'false', counts: counts(33, 83, 31, 18, 11) },
  ],
  milestones: [
    { kind: 'whatsapp-business-catalogue', reached: 21 },
    { kind: 'website-live', reached: null },
  ],
  learningToImpact: {
    trained: counts(20, 60, 30, 12, 25),
    notYetTrained: counts(38, 83, 31, 18, 0),
  },
  asOf: '2026-12-07T04:00:00Z',
};

describe('ImpactPage', () => {
  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'observatory/impact', component: ImpactPage }]),
      ],
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: FR },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    TestBed.overrideComponent(ImpactPage, {
      remove: { imports: [ChartComponent] },
      add: { imports: [FakeChart] },
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne('/api/v1/observatory/scope').flush(SCOPE);
    const el = () => {
      harness.detectChanges();
      return harness.routeNativeElement as HTMLElement;
    };
    el();
    return { http, el, harness };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  /** What a sighted reader sees: the texts for screen readers left out, cells apart. */
  const seen = (node: Element | null | undefined) => {
    const copy = node?.cloneNode(true) as Element | undefined;
    copy?.querySelectorAll('.tc-visually-hidden').forEach((e) => e.remove());
    return Array.from(copy?.children ?? []).map(text);
  };

  it('asks for the filters in the URL, and shows the totals with hidden cells as "< 5"', async () => {
    const { http, el } = await open(
      '/observatory/impact?territoryId=oriental&from=2026-01&sector=argan&kind=cooperative&womenLed=true',
    );
    const req = http.expectOne((r) => r.url === '/api/v1/observatory/impact');
    expect(req.request.params.get('territoryId')).toBe('oriental');
    expect(req.request.params.get('from')).toBe('2026-01');
    expect(req.request.params.has('to')).toBe(false);
    expect(req.request.params.get('sector')).toBe('argan');
    expect(req.request.params.get('kind')).toBe('cooperative');
    expect(req.request.params.get('womenLed')).toBe('true');
    req.flush(REPORT);
    const page = el();
    expect(text(page.querySelector('h1'))).toBe("L'Oriental");
    const figures = Array.from(page.querySelectorAll('.tc-summary .tc-figure')).map(text);
    expect(figures[0]).toContain('Organisations accompagnées');
    expect(figures[0]).toContain('58');
    expect(figures[3]).toMatch(/Progrès médian.*\+14,5/);
    // Figuig's organisations are hidden, as every observatory table hides them.
    const rows = Array.from(page.querySelectorAll('[data-testid="impact-territories"] tbody tr')).map(seen);
    expect(rows[1]).toEqual(['Figuig', '< 5', '13', '< 5', '< 5', 'masqué']);
    // Organisations registered at the region itself: a row of their own, which does not drill down.
    expect(rows[2]).toEqual(["Organisations rattachées directement à L'Oriental", '0', '0', '0', '0', '—']);
    expect(page.querySelectorAll('[data-testid="impact-territories"] tbody a')).toHaveLength(2);
    expect(text(page.querySelector('[data-testid="impact-territories"] tbody tr + tr td'))).toContain(
      'moins de 5 — masqué pour protéger la vie privée',
    );
    // Labels of sectors, kinds, leadership and milestones in French.
    expect(text(page.querySelector('[data-testid="impact-sectors"] tbody'))).toContain('Argan');
    expect(text(page.querySelector('[data-testid="impact-kinds"] tbody'))).toContain('Coopératives');
    expect(text(page.querySelector('[data-testid="impact-women-led"] tbody'))).toContain(
      'Dirigées par des femmes',
    );
    const milestones = Array.from(page.querySelectorAll('[data-testid="impact-milestones"] tbody tr')).map(
      seen,
    );
    expect(milestones).toEqual([
      ['Catalogue WhatsApp Business', '21'],
      ['Site web en ligne', '< 5'],
    ]);
    // Every table's region is named apart from the section around it (each landmark its own name).
    const names = [
      ...Array.from(page.querySelectorAll('[role="region"]')).map((r) => r.getAttribute('aria-label')),
      ...Array.from(page.querySelectorAll('section[aria-labelledby]')).map((s) =>
        text(page.querySelector(`#${s.getAttribute('aria-labelledby')}`)),
      ),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("Par secteur d'activité — L'Oriental");
    // The month table in words.
    expect(text(page.querySelector('[data-testid="impact-months"] tbody'))).toContain('novembre 2026');
  });

  it('sets trained and not-yet-trained coaches side by side with a plain explanation', async () => {
    const { http, el } = await open('/observatory/impact');
    http.expectOne((r) => r.url === '/api/v1/observatory/impact').flush(REPORT);
    const page = el();
    const section = page.querySelector('[aria-labelledby="tc-learning-title"]');
    expect(text(section?.querySelector('h2'))).toBe("De la formation à l'impact");
    expect(text(section)).toContain('terminé au moins un cours');
    expect(text(section?.querySelector('[data-testid="learning-trained"]'))).toMatch(/Coachs formés.*\+25/);
    expect(text(section?.querySelector('[data-testid="learning-notYetTrained"]'))).toMatch(
      /Coachs pas encore formés.*Progrès médian \(points\) 0/,
    );
  });

  it('drills down into a territory, keeping the other filters, and links to the training view', async () => {
    const { http, el, harness } = await open('/observatory/impact?sector=argan');
    http.expectOne((r) => r.url === '/api/v1/observatory/impact').flush(REPORT);
    const page = el();
    const link = page.querySelector('[data-testid="impact-territories"] tbody a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/observatory/impact?territoryId=ouj&sector=argan');
    const tabs = Array.from(page.querySelectorAll('tc-observatory-tabs a')).map((a) => [
      a.getAttribute('href'),
      a.getAttribute('aria-current'),
    ]);
    expect(tabs).toEqual([
      ['/observatory', null],
      ['/observatory/impact', 'page'],
    ]);
    link.click();
    await harness.fixture.whenStable();
    const next = http.expectOne((r) => r.url === '/api/v1/observatory/impact');
    expect(next.request.params.get('territoryId')).toBe('ouj');
    expect(next.request.params.get('sector')).toBe('argan');
    next.flush({ ...REPORT, territory: { id: 'ouj', name: 'Oujda-Angad', path: REPORT.territory.path } });
    const crumbs = Array.from(el().querySelectorAll('.tc-breadcrumb li')).map((li) => [
      text(li),
      li.querySelector('a')?.getAttribute('href') ?? null,
    ]);
    expect(crumbs).toEqual([
      ['Maroc', '/observatory/impact?territoryId=ma&sector=argan'],
      ["L'Oriental", '/observatory/impact?territoryId=oriental&sector=argan'],
      ['Oujda-Angad', null],
    ]);
  });

  it('downloads the report for funders from the export route, with the filters shown', async () => {
    const { http, el } = await open('/observatory/impact?kind=association');
    http.expectOne((r) => r.url === '/api/v1/observatory/impact').flush(REPORT);
    const buttons = el().querySelectorAll<HTMLButtonElement>(
      '[role="group"][aria-label="Télécharger le rapport d\'impact"] button',
    );
    expect(buttons).toHaveLength(2);
    buttons[1]?.click();
    const file = http.expectOne((r) => r.url === '/api/v1/observatory/impact/export');
    expect(file.request.params.get('format')).toBe('xlsx');
    expect(file.request.params.get('kind')).toBe('association');
    expect(file.request.params.get('lang')).toBe('fr');
    file.flush(new Blob(['x']));
  });
});
