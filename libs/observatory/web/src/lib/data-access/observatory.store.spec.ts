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

function report(territoryId: string, groupBy: ObservatoryGroupBy, drillable: boolean): CompletionReport {
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
    total: null,
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
    const competences = (): TestRequest => http.expectOne((r) => r.url.endsWith('/competences'));
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
});
