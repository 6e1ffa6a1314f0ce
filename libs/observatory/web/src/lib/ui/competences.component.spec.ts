import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CompetenceReport } from '@tc/shared/contracts';
import { ChartComponent } from '../chart/chart.component';
import { type ChartContext, type ChartOption, barChartHeight } from '../chart/chart-options';
import { CompetencesComponent } from './competences.component';

/** Stands for the ECharts chart: what it is given is what is tested. */
@Component({ selector: 'tc-chart', template: '' })
class FakeChart {
  readonly options = input.required<ChartOption>();
  readonly label = input.required<string>();
  readonly height = input(280);
}

const MOROCCO = { id: 'ma', code: 'MA', name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' }, drillable: true };
const title = (fr: string) => ({ fr, ar: fr, en: fr });

const report: CompetenceReport = {
  filters: { territoryId: 'ma', from: null, to: null, courseId: null },
  territory: MOROCCO,
  breadcrumb: [MOROCCO],
  k: 5,
  areas: [
    {
      code: '1',
      title: title('Maîtrise de l’information et des données'),
      completions: 300,
      competences: [
        {
          code: '1.1',
          title: title(
            'Naviguer, rechercher et filtrer des données, des informations et des contenus numériques',
          ),
          assessed: 40,
          before: 3.2,
          after: 5.1,
          gain: 1.9,
        },
        {
          code: '1.2',
          title: title('Évaluer des données, des informations et des contenus numériques'),
          assessed: 30,
          before: 2.8,
          after: 4.4,
          gain: 1.6,
        },
      ],
    },
    { code: '2', title: title('Communication et collaboration'), completions: 120, competences: [] },
  ],
  suppressedCells: 0,
  generatedAt: '2026-11-29T05:00:00.000Z',
};

function render(ctx: ChartContext) {
  TestBed.configureTestingModule({
    imports: [
      CompetencesComponent,
      TranslocoTestingModule.forRoot({
        langs: { fr: {} },
        translocoConfig: {
          availableLangs: ['fr'],
          defaultLang: 'fr',
          missingHandler: { logMissingKey: false },
        },
        preloadLangs: true,
      }),
    ],
  });
  TestBed.overrideComponent(CompetencesComponent, {
    remove: { imports: [ChartComponent] },
    add: { imports: [FakeChart] },
  });
  const fixture = TestBed.createComponent(CompetencesComponent);
  fixture.componentRef.setInput('report', report);
  fixture.componentRef.setInput('chartContext', ctx);
  fixture.detectChanges();
  return fixture.debugElement.queryAll(By.directive(FakeChart)).map((d) => d.componentInstance as FakeChart);
}

type NameLabel = { inside?: boolean; overflow?: string };

describe('CompetencesComponent', () => {
  const phone: ChartContext = {
    dir: 'rtl',
    lang: 'ar',
    suppressed: '< 5',
    reducedMotion: false,
    narrow: true,
  };

  it('writes the competence names in full above their bars on a phone, with room for them', () => {
    const [areas, levels] = render(phone);
    expect([areas.height(), levels.height()]).toEqual([
      barChartHeight(2, 1, true),
      barChartHeight(2, 2, true),
    ]);
    const names = (levels.options().yAxis as { axisLabel: NameLabel }).axisLabel;
    expect([names.inside, names.overflow]).toEqual([true, 'break']);
  });

  it('draws the charts as before on wider pages', () => {
    const [areas, levels] = render({ ...phone, narrow: false });
    expect([areas.height(), levels.height()]).toEqual([barChartHeight(2, 1), barChartHeight(2, 2)]);
    const names = (levels.options().yAxis as { axisLabel: NameLabel }).axisLabel;
    expect([names.inside, names.overflow]).toEqual([undefined, 'truncate']);
  });
});
