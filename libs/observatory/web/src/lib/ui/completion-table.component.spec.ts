import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CompletionReport } from '@tc/shared/contracts';
import { formatNumber } from '../data-access/format';
import { EMPTY_QUERY, type ObservatoryQuery } from '../data-access/query';
import { CompletionTableComponent } from './completion-table.component';

const MOROCCO = { id: 'ma', code: 'MA', name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' }, drillable: true };

const fr = {
  observatory: {
    notApplicable: 'sans objet',
    groupBy: { territory: 'Territoire', module: 'Leçon' },
    measures: {
      enrolled: 'Inscrits',
      started: 'Ont commencé',
      completed: 'Ont terminé',
      certified: 'Certifiés',
      withdrawn: 'Retirés',
      completionRate: "Taux d'achèvement",
      medianDaysToCompletion: 'Durée médiane (jours)',
      quizAttempted: 'Ont tenté le quiz',
      quizPassed: 'Ont réussi le quiz',
      quizPassRate: 'Taux de réussite au quiz',
    },
    suppression: {
      hidden: 'moins de {{ k }} coachs — masqué pour protéger la vie privée',
      short: 'masqué',
    },
    table: {
      direct: 'Cohortes rattachées directement à {{ territory }}',
      total: 'Ensemble',
      noRows: 'Aucune donnée pour ces filtres.',
      quiz: 'Quiz',
      formerLessons: 'Leçons retirées du cours',
      pages: 'Pages du tableau',
      previous: 'Page précédente',
      next: 'Page suivante',
      range: 'Lignes {{from}}–{{to}} sur {{total}}',
    },
  },
};

function byTerritory(): CompletionReport {
  return {
    filters: { territoryId: 'ma', groupBy: 'territory', from: '2026-01', to: null, courseId: null },
    territory: MOROCCO,
    breadcrumb: [MOROCCO],
    course: null,
    k: 5,
    rows: [
      {
        key: 'ma-02',
        label: { fr: "L'Oriental", ar: 'جهة الشرق', en: 'Oriental' },
        drillable: true,
        enrolled: 120,
        started: 96,
        completed: 54,
        certified: 50,
        withdrawn: 3,
        completionRate: 0.45,
        medianDaysToCompletion: 21,
      },
      {
        key: 'ma-ouj',
        label: { fr: 'Oujda-Angad' },
        drillable: false,
        enrolled: 7,
        started: 6,
        completed: null,
        certified: null,
        withdrawn: null,
        completionRate: null,
        medianDaysToCompletion: null,
      },
      {
        key: 'direct:ma',
        label: null,
        drillable: false,
        enrolled: 0,
        started: 0,
        completed: 0,
        certified: 0,
        withdrawn: 0,
        completionRate: null,
        medianDaysToCompletion: null,
      },
    ],
    page: { offset: 0, limit: null, total: 3 },
    total: {
      key: 'ma',
      label: null,
      enrolled: 127,
      started: 102,
      completed: 57,
      certified: 52,
      withdrawn: 4,
      completionRate: 0.4488,
      medianDaysToCompletion: 22,
    },
    suppressedCells: 5,
    generatedAt: '2026-11-29T05:00:00.000Z',
  };
}

function byLesson(): CompletionReport {
  return {
    ...byTerritory(),
    filters: { territoryId: 'ma', groupBy: 'module', from: null, to: null, courseId: 'c1' },
    course: { id: 'c1', title: { fr: 'Le numérique' } },
    rows: [
      {
        key: 'm1-l1',
        label: { fr: 'Introduction' },
        module: { key: 'm1', title: { fr: 'Module 1' } },
        quiz: false,
        started: 40,
        completed: 38,
      },
      {
        key: 'm1-quiz',
        label: { fr: 'Quiz du module 1' },
        module: { key: 'm1', title: { fr: 'Module 1' } },
        quiz: true,
        started: 35,
        completed: 30,
        quizAttempted: 33,
        quizPassed: null,
        quizPassRate: null,
      },
      {
        key: 'm2-l1',
        label: { fr: 'Les outils' },
        module: { key: 'm2', title: { fr: 'Module 2' } },
        quiz: false,
        started: 20,
        completed: 12,
      },
      {
        key: 'old-l9',
        label: { fr: 'Ancienne leçon' },
        module: null,
        quiz: false,
        started: 3,
        completed: null,
      },
    ],
    page: { offset: 0, limit: null, total: 3 },
    total: null,
  };
}

describe('CompletionTableComponent', () => {
  function render(report: CompletionReport, query: ObservatoryQuery = { ...EMPTY_QUERY, from: '2026-01' }) {
    TestBed.configureTestingModule({
      imports: [
        CompletionTableComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
          preloadLangs: true,
        }),
      ],
      providers: [provideRouter([])],
    });
    const fixture = TestBed.createComponent(CompletionTableComponent);
    fixture.componentRef.setInput('report', report);
    fixture.componentRef.setInput('query', query);
    fixture.componentRef.setInput('caption', 'Par territoire — Maroc');
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    const rowOf = (name: string) => rows.find((r) => r.querySelector('th')?.textContent?.includes(name));
    const cells = (row: Element | undefined) =>
      Array.from(row?.querySelectorAll('td') ?? []).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    return { el, rows, rowOf, cells };
  }

  it('marks the columns its styles keep in view and align: the names, and the figures with their headers', () => {
    const { el } = render(byTerritory());
    // The first cell of every row (head, body, total) is the column kept in view while the figures
    // scroll under it on a phone.
    for (const row of Array.from(el.querySelectorAll('thead tr, tbody tr, tfoot tr'))) {
      expect(row.firstElementChild?.classList.contains('tc-label-col')).toBe(true);
      // Every other cell, header or figure, is aligned on the end side.
      const rest = Array.from(row.children).slice(1);
      expect(rest.length).toBeGreaterThan(0);
      expect(rest.every((c) => c.classList.contains('tc-num'))).toBe(true);
    }
    // The scroller can be reached and scrolled from the keyboard, named by the table's caption.
    const scroller = el.querySelector('.tc-table-scroll');
    expect([scroller?.getAttribute('tabindex'), scroller?.getAttribute('role')]).toEqual(['0', 'region']);
    expect(scroller?.getAttribute('aria-label')).toBe('Par territoire — Maroc');
  });

  it('is a real table with a caption and column headers', () => {
    const { el } = render(byTerritory());
    expect(el.querySelector('table caption')?.textContent?.trim()).toBe('Par territoire — Maroc');
    const headers = Array.from(el.querySelectorAll('thead th')).map((th) => [
      th.getAttribute('scope'),
      th.textContent?.trim(),
    ]);
    expect(headers).toEqual([
      ['col', 'Territoire'],
      ['col', 'Inscrits'],
      ['col', 'Ont commencé'],
      ['col', 'Ont terminé'],
      ['col', 'Certifiés'],
      ['col', 'Retirés'],
      ['col', "Taux d'achèvement"],
      ['col', 'Durée médiane (jours)'],
    ]);
    expect(el.querySelectorAll('tbody th[scope=row]')).toHaveLength(3);
  });

  it('writes suppressed counts as "< 5" with the reason for screen readers and as a tooltip', () => {
    const { rowOf, cells } = render(byTerritory());
    const oujda = rowOf('Oujda-Angad');
    const [enrolled, started, completed] = cells(oujda);
    expect(enrolled).toBe('7');
    expect(started).toBe('6');
    expect(completed).toBe('< 5moins de 5 coachs — masqué pour protéger la vie privée');
    const mark = oujda?.querySelectorAll('td')[2].querySelector('[title]');
    expect(mark?.getAttribute('aria-hidden')).toBe('true');
    expect(mark?.getAttribute('title')).toBe('moins de 5 coachs — masqué pour protéger la vie privée');
    expect(mark?.textContent).toBe('< 5');
    // A suppressed rate is "hidden", not a misleading "< 5".
    expect(cells(oujda)[5]).toBe('masquémoins de 5 coachs — masqué pour protéger la vie privée');
  });

  it('writes shown figures in French', () => {
    const { rowOf, cells } = render(byTerritory());
    expect(cells(rowOf("L'Oriental")).map((c) => c?.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      '120',
      '96',
      '54',
      '50',
      '3',
      '45 %',
      '21',
    ]);
  });

  it('links each child territory to its drill-down, keeping the other filters', () => {
    const { rowOf } = render(byTerritory());
    const link = rowOf("L'Oriental")?.querySelector('a');
    expect(link?.textContent?.trim()).toBe("L'Oriental");
    expect(link?.getAttribute('href')).toBe('/?territoryId=ma-02&from=2026-01');
    // A leaf territory opens on its cohorts.
    expect(rowOf('Oujda-Angad')?.querySelector('a')?.getAttribute('href')).toBe(
      '/?territoryId=ma-ouj&groupBy=cohort&from=2026-01',
    );
  });

  it('labels the cohorts attached to the territory itself, without a link, and dashes what has no denominator', () => {
    const { rowOf, cells } = render(byTerritory());
    const direct = rowOf('Cohortes rattachées directement à Maroc');
    expect(direct).toBeTruthy();
    expect(direct?.querySelector('a')).toBeNull();
    expect(cells(direct)[5]).toBe('—sans objet');
  });

  it('ends with the total of the territory', () => {
    const { el } = render(byTerritory());
    const total = el.querySelector('tfoot tr');
    expect(total?.querySelector('th[scope=row]')?.textContent?.trim()).toBe('Ensemble');
    expect(total?.querySelectorAll('td')[0].textContent?.trim()).toBe('127');
  });

  it('groups lessons under their module in course order, with quiz columns only where they apply', () => {
    const { el, rowOf, cells } = render(byLesson());
    const groups = Array.from(el.querySelectorAll('th[scope=rowgroup]')).map((th) => th.textContent?.trim());
    expect(groups).toEqual(['Module 1', 'Module 2', 'Leçons retirées du cours']);
    const headers = Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual([
      'Leçon',
      'Ont commencé',
      'Ont terminé',
      'Ont tenté le quiz',
      'Ont réussi le quiz',
      'Taux de réussite au quiz',
    ]);
    expect(cells(rowOf('Introduction'))).toEqual(['40', '38', '—sans objet', '—sans objet', '—sans objet']);
    expect(rowOf('Quiz du module 1')?.querySelector('.tc-badge')?.textContent?.trim()).toBe('Quiz');
    expect(cells(rowOf('Quiz du module 1'))[3]).toContain('< 5');
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('tfoot')).toBeNull();
  });

  it('says when there is nothing to show', () => {
    const { el } = render({ ...byTerritory(), rows: [], total: null });
    expect(el.querySelector('tbody td')?.textContent?.trim()).toBe('Aucune donnée pour ces filtres.');
  });

  it('pages a long table: where the rows are, with links to the pages around, the other filters kept', () => {
    const cohorts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `c${i}`, label: { fr: `Cohorte ${i}` }, enrolled: 10 }));
    const report = (offset: number, rows: number, total: number): CompletionReport => ({
      ...byTerritory(),
      filters: { ...byTerritory().filters, groupBy: 'cohort' },
      rows: cohorts(rows),
      page: { offset, limit: 50, total },
      total: null,
    });
    const query = { ...EMPTY_QUERY, territoryId: 'ma', groupBy: 'cohort' as const, from: '2026-01', page: 2 };
    const middle = render(report(50, 50, 1234), query).el.querySelector('nav.tc-pager');
    expect(middle?.querySelector('span')?.textContent?.trim()).toBe(
      `Lignes 51–100 sur ${formatNumber(1234, 'fr')}`,
    );
    const [previous, next] = Array.from(middle?.querySelectorAll('a') ?? []);
    expect(previous?.getAttribute('href')).toBe('/?territoryId=ma&groupBy=cohort&from=2026-01');
    expect(next?.getAttribute('href')).toBe('/?territoryId=ma&groupBy=cohort&from=2026-01&page=3');
    TestBed.resetTestingModule();
    const last = render(report(1200, 34, 1234), { ...query, page: 25 }).el.querySelector('nav.tc-pager');
    expect(Array.from(last?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('rel'))).toEqual(['prev']);
    TestBed.resetTestingModule();
    expect(render(report(0, 12, 12), query).el.querySelector('nav.tc-pager')).toBeNull();
  });
});
