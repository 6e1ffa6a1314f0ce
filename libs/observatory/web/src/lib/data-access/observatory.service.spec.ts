import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ObservatoryService, filenameOf } from './observatory.service';

describe('ObservatoryService', () => {
  function setup() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    return { api: TestBed.inject(ObservatoryService), http: TestBed.inject(HttpTestingController) };
  }

  it('asks for a completion report with the filters that are set', () => {
    const { api, http } = setup();
    api
      .completion(
        { territoryId: 't1', groupBy: 'month', from: '2026-01', to: null, courseId: null },
        { offset: 100, limit: 50 },
      )
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/observatory/completion');
    expect(req.request.params.toString()).toBe(
      'territoryId=t1&groupBy=month&from=2026-01&offset=100&limit=50',
    );
    req.flush({});
    http.verify();
  });

  it('asks for the competences without a grouping', () => {
    const { api, http } = setup();
    api.competences({ territoryId: 't1', from: null, to: '2026-06', courseId: 'c1' }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/observatory/competences');
    expect(req.request.params.toString()).toBe('territoryId=t1&to=2026-06&courseId=c1');
    req.flush({});
    http.verify();
  });

  it('downloads the table on screen as a file named by the server', async () => {
    const { api, http } = setup();
    const file = firstValueFrom(
      api.download(
        'completion',
        { territoryId: 't1', groupBy: 'cohort', from: null, to: null, courseId: null },
        'xlsx',
        'ar',
      ),
    );
    const req = http.expectOne((r) => r.url === '/api/v1/observatory/completion');
    expect(req.request.params.toString()).toBe('territoryId=t1&groupBy=cohort&format=xlsx&lang=ar');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['PK']), {
      headers: {
        'Content-Disposition': `attachment; filename="obs.xlsx"; filename*=UTF-8''observatoire-oujda%C3%A9.xlsx`,
      },
    });
    expect((await file).filename).toBe('observatoire-oujdaé.xlsx');
    http.verify();
  });

  it('names the file itself when the server does not', async () => {
    const { api, http } = setup();
    const file = firstValueFrom(
      api.download('competences', { territoryId: 't1', from: null, to: null, courseId: null }, 'csv', 'fr'),
    );
    const req = http.expectOne((r) => r.url === '/api/v1/observatory/competences');
    expect(req.request.params.toString()).toBe('territoryId=t1&format=csv&lang=fr');
    req.flush(new Blob(['a;b']));
    expect((await file).filename).toBe('observatory-competences.csv');
    http.verify();
  });
});

describe('filenameOf', () => {
  it('reads plain, quoted and RFC 5987 names', () => {
    expect(filenameOf('attachment; filename=report.csv')).toBe('report.csv');
    expect(filenameOf('attachment; filename="my report.csv"')).toBe('my report.csv');
    expect(filenameOf("attachment; filename*=UTF-8''r%C3%A9gion.xlsx")).toBe('région.xlsx');
  });

  it('falls back on the plain name when the extended one is malformed, and has none without a header', () => {
    expect(filenameOf(`attachment; filename="a.csv"; filename*=UTF-8''%E0%A4%A.csv`)).toBe('a.csv');
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('inline')).toBeNull();
  });
});
