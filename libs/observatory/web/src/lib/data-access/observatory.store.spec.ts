import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CompletionReport, ObservatoryGroupBy, ObservatoryScope } from '@tc/shared/contracts';
import { ObservatoryStore } from './observatory.store';
import { EMPTY_QUERY } from './query';

const SCOPE: ObservatoryScope = {
  territories: [
    { id: 'ma', code: 'MA', name: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' }, drillable: true },
  ],
  courses: [],
  k: 5,
};

function report(
  territoryId: string,
  groupBy: ObservatoryGroupBy,
  drillable: boolean,
  enrolled?: number,
): CompletionReport {
  const territory = {
    id: territoryId,
    code: territoryId,
    name: { fr: territoryId, ar: territoryId, en: territoryId },
    drillable,
  };
  return {
    filters: { territoryId, groupBy, from: null, to: null, courseId: null },
    territory,
    breadcrumb: [territory],
    course: null,
    k: 5,
    rows: [],
    page: { offset: 0, limit: 50, total: 0 },
    total:
      enrolled === undefined
        ? null
        : { key: 'total', label: null, enrolled, started: 0, completed: 0, certified: 0, withdrawn: 0 },
    suppressedCells: 0,
    generatedAt: '2026-11-29T00:00:00Z',
  };
}

describe('ObservatoryStore', () => {
  function setup() {
    TestBed.configureTestingModule({
      providers: [ObservatoryStore, provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(ObservatoryStore);
    const completion = (groupBy: string): TestRequest =>
      http.expectOne((r) => r.url.endsWith('/completion') && r.params.get('groupBy') === groupBy);
    // Field practice is asked for with the competences (when the territory changes): answered empty.
    const competences = (): TestRequest => {
      http.match((r) => r.url.endsWith('/practice')).forEach((r) => r.flush({ cohorts: [] }));
      return http.expectOne((r) => r.url.endsWith('/competences'));
    };
    return { http, store, completion, competences };
  }

  it('waits for the scope, then shows the top territory by its children', () => {
    const { http, store, completion, competences } = setup();
    store.loadScope();
    store.load(EMPTY_QUERY);
    http.expectNone((r) => r.url.endsWith('/completion'));
    http.expectOne('/api/v1/observatory/scope').flush(SCOPE);
    const overview = completion('territory');
    expect(overview.request.params.get('territoryId')).toBe('ma');
    overview.flush(report('ma', 'territory', true));
    competences().flush({ areas: [] });
    // One request serves the overview and the detail.
    expect(store.detail()).toBe(store.overview());
    expect(store.loading()).toBe(false);
    http.verify();
  });

  it('shows the cohorts of a leaf territory when no grouping is chosen', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'ouj' });
    completion('territory').flush(report('ouj', 'territory', false));
    competences().flush({ areas: [] });
    expect(store.loading()).toBe(true);
    completion('cohort').flush(report('ouj', 'cohort', false));
    expect(store.detail()?.filters.groupBy).toBe('cohort');
    expect(store.overview()?.filters.groupBy).toBe('territory');
    expect(store.loading()).toBe(false);
    http.verify();
  });

  it('keeps the territory grouping while the territory has children, even when cohorts were asked', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'oriental', groupBy: 'cohort' });
    completion('territory').flush(report('oriental', 'territory', true));
    competences().flush({ areas: [] });
    http.expectNone((r) => r.url.endsWith('/completion') && r.params.get('groupBy') === 'cohort');
    expect(store.detail()?.filters.groupBy).toBe('territory');
    expect(store.loading()).toBe(false);
    http.verify();
  });

  it('shows the cohorts of a leaf even when territories were asked', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'ouj', groupBy: 'territory' });
    completion('territory').flush(report('ouj', 'territory', false));
    competences().flush({ areas: [] });
    completion('cohort').flush(report('ouj', 'cohort', false));
    expect(store.detail()?.filters.groupBy).toBe('cohort');
    http.verify();
  });

  it('fetches what the parent of an empty territory has', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'jerada' });
    const empty = report('jerada', 'territory', false, 0);
    const oriental = { ...empty.territory, id: 'oriental', drillable: true };
    completion('territory').flush({ ...empty, breadcrumb: [oriental, empty.territory] });
    competences().flush({ areas: [] });
    completion('cohort').flush(report('jerada', 'cohort', false, 0));
    expect(store.parent()).toEqual({ territory: oriental, enrolled: undefined });
    const parent = completion('territory');
    expect(parent.request.params.get('territoryId')).toBe('oriental');
    parent.flush(report('oriental', 'territory', true, 240));
    expect(store.parent()).toEqual({ territory: oriental, enrolled: 240 });
    http.verify();
  });

  it('asks for no parent when the territory has coaches', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'ouj' });
    const full = report('ouj', 'territory', false, 12);
    completion('territory').flush({
      ...full,
      breadcrumb: [{ ...full.territory, id: 'oriental' }, full.territory],
    });
    competences().flush({ areas: [] });
    completion('cohort').flush(report('ouj', 'cohort', false, 12));
    expect(store.parent()).toBeNull();
    http.verify();
  });

  it('reloads only the detail when only the grouping changes', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'ma' });
    completion('territory').flush(report('ma', 'territory', true));
    competences().flush({ areas: [] });
    store.load({ ...EMPTY_QUERY, territoryId: 'ma', groupBy: 'gender' });
    completion('gender').flush(report('ma', 'gender', true));
    http.expectNone((r) => r.url.endsWith('/competences'));
    expect(store.detail()?.filters.groupBy).toBe('gender');
    // The same query again asks for nothing.
    store.load({ ...EMPTY_QUERY, territoryId: 'ma', groupBy: 'gender' });
    http.verify();
  });

  it('cancels the requests of an older query', () => {
    const { http, store, completion } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'ma' });
    const first = completion('territory');
    store.load({ ...EMPTY_QUERY, territoryId: 'oriental' });
    expect(first.cancelled).toBe(true);
    http.match((r) => r.url.endsWith('/competences'));
    completion('territory').flush(report('oriental', 'territory', true));
    expect(store.overview()?.territory.id).toBe('oriental');
  });

  it('keeps the problem and no stale figures when a report fails, and retries', () => {
    const { http, store, completion, competences } = setup();
    store.scope.set(SCOPE);
    store.load({ ...EMPTY_QUERY, territoryId: 'elsewhere' });
    completion('territory').flush(
      { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Outside your scope' },
      { status: 403, statusText: 'Forbidden' },
    );
    competences().flush({ areas: [] });
    expect(store.problem()?.status).toBe(403);
    expect(store.overview()).toBeNull();
    store.retry();
    completion('territory').flush(report('elsewhere', 'territory', true));
    competences().flush({ areas: [] });
    expect(store.problem()).toBeNull();
    http.verify();
  });

  it('asks for the field practice with the months and the course shown, not again for a grouping', () => {
    const { http, store, completion, competences } = setup();
    store.loadScope();
    http.expectOne('/api/v1/observatory/scope').flush(SCOPE);
    store.load(EMPTY_QUERY);
    const practice = http.expectOne((r) => r.url.endsWith('/practice'));
    expect(practice.request.params.get('territoryId')).toBe('ma');
    expect(practice.request.params.get('offset')).toBe('0');
    expect(practice.request.params.has('from')).toBe(false);
    expect(practice.request.params.has('courseId')).toBe(false);
    practice.flush({ territory: SCOPE.territories[0], cohorts: [] });
    completion('territory').flush(report('ma', 'territory', true));
    competences().flush({ areas: [] });
    expect(store.practice()?.territory.id).toBe('ma');
    // A grouping changes nothing of it.
    store.load({ ...EMPTY_QUERY, groupBy: 'course' });
    http.expectNone((r) => r.url.endsWith('/practice'));
    http.match(() => true).forEach((r) => r.flush({}));

    // Months and a course: asked again with them, as completion is.
    store.load({ ...EMPTY_QUERY, from: '2026-01', to: '2026-03', courseId: 'course-1' });
    const filtered = http.expectOne((r) => r.url.endsWith('/practice'));
    expect(filtered.request.params.get('territoryId')).toBe('ma');
    expect(filtered.request.params.get('from')).toBe('2026-01');
    expect(filtered.request.params.get('to')).toBe('2026-03');
    expect(filtered.request.params.get('courseId')).toBe('course-1');
    expect(filtered.request.params.get('offset')).toBe('0');
    expect(filtered.request.params.has('groupBy')).toBe(false);
    const completionFiltered = http.expectOne(
      (r) => r.url.endsWith('/completion') && r.params.get('groupBy') === 'territory',
    );
    expect(completionFiltered.request.params.get('from')).toBe('2026-01');
    const filters = { territoryId: 'ma', from: '2026-01', to: '2026-03', courseId: 'course-1' };
    filtered.flush({ territory: SCOPE.territories[0], filters, cohorts: [] });
    http.match(() => true).forEach((r) => r.flush({}));
    expect(store.practice()?.filters).toEqual(filters);

    // Another page keeps them; dropping the window asks without it.
    store.loadPractice(filters, 20);
    const next = http.expectOne((r) => r.url.endsWith('/practice'));
    expect(next.request.params.get('offset')).toBe('20');
    expect(next.request.params.get('from')).toBe('2026-01');
    expect(next.request.params.get('courseId')).toBe('course-1');
    next.flush({ territory: SCOPE.territories[0], filters, cohorts: [] });
    store.load({ ...EMPTY_QUERY, courseId: 'course-1' });
    const unwindowed = http.expectOne((r) => r.url.endsWith('/practice'));
    expect(unwindowed.request.params.has('from')).toBe(false);
    expect(unwindowed.request.params.get('courseId')).toBe('course-1');
  });
});
