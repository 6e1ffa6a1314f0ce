import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PracticeReport } from '@tc/shared/contracts';
import { ChartComponent } from '../chart/chart.component';
import type { ChartContext, ChartOption } from '../chart/chart-options';
import { PracticeComponent, reviewDaysText } from './practice.component';

/** Stands for the ECharts chart: what it is given is what is tested. */
@Component({ selector: 'tc-chart', template: '' })
class FakeChart {
  readonly options = input.required<ChartOption>();
  readonly label = input.required<string>();
  readonly height = input(280);
}

const ORIENTAL = {
  id: 'or',
  code: 'MA-02',
  name: { fr: 'Oriental', ar: 'الشرق', en: 'Oriental' },
  drillable: true,
};
const names = (fr: string, ar: string) => ({ fr, ar, en: fr });

const report = (cohortPage = { offset: 0, limit: 20, total: 2 }): PracticeReport => ({
  filters: { territoryId: 'or', from: null, to: null, courseId: null },
  territory: ORIENTAL,
  course: null,
  breadcrumb: [ORIENTAL],
  k: 5,
  territories: [
    {
      key: 'ber',
      label: names('Berkane', 'بركان'),
      drillable: true,
      handedIn: 12,
      reviewed: 10,
      passed: null,
      medianDaysToReview: 2.5,
    },
    {
      key: 'ouj',
      label: names('Oujda-Angad', 'وجدة أنكاد'),
      drillable: true,
      handedIn: 7,
      reviewed: 6,
      passed: 6,
      medianDaysToReview: 31,
    },
  ],
  cohorts: [
    {
      key: 'c1',
      label: { fr: 'Cohorte A' },
      handedIn: 12,
      reviewed: 10,
      passed: null,
      medianDaysToReview: 2.5,
    },
    { key: 'c2', label: { fr: 'Cohorte B' }, handedIn: 0, reviewed: 0, passed: 0, medianDaysToReview: null },
  ],
  cohortPage,
  total: { key: 'total', label: null, handedIn: 19, reviewed: 16, passed: 7, medianDaysToReview: 4 },
  suppressedCells: 2,
  generatedAt: '2026-12-06T05:00:00.000Z',
});

function render(value: PracticeReport) {
  TestBed.configureTestingModule({
    imports: [
      PracticeComponent,
      TranslocoTestingModule.forRoot({
        langs: {
          fr: {
            observatory: {
              practice: { beyond: '> 30 j', total: 'Total' },
              suppression: { hidden: 'moins de {{ k }} coachs', hiddenRounds: 'moins de {{ k }} rendus' },
            },
          },
        },
        translocoConfig: {
          availableLangs: ['fr'],
          defaultLang: 'fr',
          missingHandler: { logMissingKey: false },
        },
        preloadLangs: true,
      }),
    ],
  });
  TestBed.overrideComponent(PracticeComponent, {
    remove: { imports: [ChartComponent] },
    add: { imports: [FakeChart] },
  });
  const fixture = TestBed.createComponent(PracticeComponent);
  const ctx: ChartContext = { dir: 'rtl', lang: 'ar', suppressed: '< 5', reducedMotion: false, narrow: true };
  fixture.componentRef.setInput('report', value);
  fixture.componentRef.setInput('chartContext', ctx);
  fixture.detectChanges();
  const rows = (testId: string) =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll(`[data-testid="${testId}"] tr`)].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
  const charts = fixture.debugElement
    .queryAll(By.directive(FakeChart))
    .map((d) => d.componentInstance as FakeChart);
  return { fixture, rows, charts };
}

describe('PracticeComponent', () => {
  it('shows the funnel and the median per territory with the total, "< 5" where hidden', () => {
    const { rows } = render(report());
    const [, berkane, oujda, total] = rows('practice-territories');
    expect(berkane?.slice(0, 3)).toEqual(['Berkane', '12', '10']);
    expect(berkane?.[3]).toMatch(/^< 5/);
    // A hidden cell counts hand-ins, not coaches, and says so to screen readers.
    expect(berkane?.[3]).toContain('moins de 5 rendus');
    expect(berkane?.[4]).toMatch(/^2,5\sjours$/);
    expect(oujda?.[4]).toBe('> 30 j');
    expect(total?.slice(0, 4)).toEqual(['Total', '19', '16', '7']);
  });

  it('shows the cohorts, a cohort without reviews without a median', () => {
    const { rows } = render(report());
    const [, a, b] = rows('practice-cohorts');
    expect(a?.slice(0, 3)).toEqual(['Cohorte A', '12', '10']);
    expect(a?.[3]).toMatch(/^< 5/);
    expect(b?.slice(0, 4)).toEqual(['Cohorte B', '0', '0', '0']);
    expect(b?.[4]).not.toMatch(/\d/);
  });

  it('charts handed in, reviewed and passed per territory, hidden cells left out', () => {
    const { charts } = render(report());
    const series = charts[0]?.options().series as { data: (number | null | { value: number | null })[] }[];
    expect(series).toHaveLength(3);
    const values = series.map((s) => s.data.map((d) => (d !== null && typeof d === 'object' ? d.value : d)));
    expect(values[0]).toEqual([12, 7]);
    expect(values[2]?.[1]).toBe(6);
  });

  it('asks for the next page of cohorts', () => {
    const { fixture } = render(report({ offset: 0, limit: 20, total: 45 }));
    const asked: number[] = [];
    fixture.componentInstance.pageChange.subscribe((o) => asked.push(o));
    const next = (fixture.nativeElement as HTMLElement).querySelector(
      '.tc-pager button',
    ) as HTMLButtonElement;
    next.click();
    expect(asked).toEqual([20]);
  });

  it('writes more than 30 days as such, and a middle of two days with its decimal', () => {
    expect(reviewDaysText(31, 'en', '> 30 d')).toBe('> 30 d');
    expect(reviewDaysText(4, 'en', '> 30 d')).toBe('4 days');
    expect(reviewDaysText(2.5, 'en', '> 30 d')).toBe('2.5 days');
  });
});
