import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ObservatoryGroupBy, ObservatoryScope } from '@tc/shared/contracts';
import { EMPTY_QUERY, type ObservatoryQuery } from '../data-access/query';
import { FilterBarComponent } from './filter-bar.component';

const MOROCCO = { id: 'ma', code: 'MA', name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' }, drillable: true };
const SCOPE: ObservatoryScope = {
  territories: [MOROCCO],
  courses: [
    { id: 'c2', title: { fr: 'Outils numériques' } },
    { id: 'c1', title: { fr: 'Le numérique au service des territoires' } },
  ],
  k: 5,
};

describe('FilterBarComponent', () => {
  function render(
    query: ObservatoryQuery,
    groupBy: ObservatoryGroupBy = 'territory',
    scope = SCOPE,
    drillable = true,
  ) {
    TestBed.configureTestingModule({
      imports: [
        FilterBarComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: { observatory: { filters: { groupBy: 'Regrouper par', course: 'Cours' } } } },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
          preloadLangs: true,
        }),
      ],
    });
    const fixture = TestBed.createComponent(FilterBarComponent);
    fixture.componentRef.setInput('scope', scope);
    fixture.componentRef.setInput('query', query);
    fixture.componentRef.setInput('groupBy', groupBy);
    fixture.componentRef.setInput('drillable', drillable);
    const emitted: ObservatoryQuery[] = [];
    fixture.componentInstance.changed.subscribe((q) => emitted.push(q));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const select = (id: string) => el.querySelector(`#${id}`) as HTMLSelectElement;
    const choose = (id: string, value: string) => {
      select(id).value = value;
      select(id).dispatchEvent(new Event('change'));
    };
    return { el, select, choose, emitted };
  }

  it('labels every control', () => {
    const { el } = render(EMPTY_QUERY);
    for (const control of Array.from(el.querySelectorAll('select, input'))) {
      expect(el.querySelector(`label[for="${control.id}"]`)).not.toBeNull();
    }
  });

  it('shows the grouping on screen and the courses by title', () => {
    const { select } = render(EMPTY_QUERY, 'cohort', SCOPE, false);
    expect(select('tc-obs-groupby').value).toBe('cohort');
    expect(Array.from(select('tc-obs-course').options).map((o) => o.value)).toEqual(['', 'c1', 'c2']);
  });

  it('offers the per-lesson grouping only once a course is chosen', () => {
    const module = (q: ObservatoryQuery) =>
      (render(q).el.querySelector('option[value=module]') as HTMLOptionElement).disabled;
    expect(module(EMPTY_QUERY)).toBe(true);
    TestBed.resetTestingModule();
    expect(module({ ...EMPTY_QUERY, courseId: 'c1' })).toBe(false);
  });

  it('offers territories while the territory has children, cohorts only at a leaf', () => {
    const disabled = (el: HTMLElement, g: string) =>
      (el.querySelector(`option[value=${g}]`) as HTMLOptionElement).disabled;
    const region = render(EMPTY_QUERY, 'territory').el;
    expect(disabled(region, 'territory')).toBe(false);
    expect(disabled(region, 'cohort')).toBe(true);
    TestBed.resetTestingModule();
    const province = render(EMPTY_QUERY, 'cohort', SCOPE, false).el;
    expect(disabled(province, 'territory')).toBe(true);
    expect(disabled(province, 'cohort')).toBe(false);
    expect(disabled(province, 'gender')).toBe(false);
  });

  it('emits the next query when a filter changes', () => {
    const { choose, emitted } = render({ ...EMPTY_QUERY, territoryId: 'ma', from: '2026-01' });
    choose('tc-obs-groupby', 'gender');
    choose('tc-obs-course', 'c2');
    expect(emitted).toEqual([
      { ...EMPTY_QUERY, territoryId: 'ma', from: '2026-01', groupBy: 'gender' },
      { ...EMPTY_QUERY, territoryId: 'ma', from: '2026-01', courseId: 'c2' },
    ]);
  });

  it('leaves the per-lesson view when the course is cleared', () => {
    const { choose, emitted } = render({ ...EMPTY_QUERY, groupBy: 'module', courseId: 'c1' }, 'module');
    choose('tc-obs-course', '');
    expect(emitted).toEqual([{ ...EMPTY_QUERY, groupBy: 'course' }]);
  });

  it('ignores a month typed in another shape', () => {
    const { el, emitted } = render(EMPTY_QUERY);
    const from = el.querySelector('#tc-obs-from') as HTMLInputElement;
    from.type = 'text'; // as in browsers without a month picker
    from.value = 'mars';
    from.dispatchEvent(new Event('change'));
    from.value = '2026-03';
    from.dispatchEvent(new Event('change'));
    expect(emitted).toEqual([{ ...EMPTY_QUERY, from: '2026-03' }]);
  });

  it('clears the filters but the territory, and does nothing when none is set', () => {
    const first = render({
      territoryId: 'ma',
      groupBy: 'gender',
      from: '2026-01',
      to: '2026-06',
      courseId: 'c1',
    });
    const reset = first.el.querySelector('.tc-reset') as HTMLButtonElement;
    expect(reset.getAttribute('aria-disabled')).toBe('false');
    reset.click();
    expect(first.emitted).toEqual([{ ...EMPTY_QUERY, territoryId: 'ma' }]);
    TestBed.resetTestingModule();
    const second = render({ ...EMPTY_QUERY, territoryId: 'ma' });
    const idle = second.el.querySelector('.tc-reset') as HTMLButtonElement;
    expect(idle.getAttribute('aria-disabled')).toBe('true');
    idle.click();
    expect(second.emitted).toEqual([]);
  });

  it('lets the person choose among several top territories only when there are several', () => {
    expect(render(EMPTY_QUERY).el.querySelector('#tc-obs-territory')).toBeNull();
    TestBed.resetTestingModule();
    const other = {
      ...MOROCCO,
      id: 'sn',
      name: { fr: 'Sénégal', ar: 'السنغال', en: 'Senegal' },
      drillable: false,
    };
    const { choose, emitted } = render({ ...EMPTY_QUERY, from: '2026-01' }, 'territory', {
      ...SCOPE,
      territories: [MOROCCO, other],
    });
    choose('tc-obs-territory', 'sn');
    expect(emitted).toEqual([{ ...EMPTY_QUERY, from: '2026-01', territoryId: 'sn', groupBy: 'cohort' }]);
  });
});
