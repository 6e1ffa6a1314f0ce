import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CsvImportReport, MyEnrolment, Roster } from '@tc/shared/contracts';
import { CohortsService } from './cohorts.service';

describe('CohortsService', () => {
  let service: CohortsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(CohortsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the published courses with ?scope=published', () => {
    service.publishedCourses().subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/courses' && r.params.get('scope') === 'published');
    expect(req.request.method).toBe('GET');
    req.flush([]);
  });

  it('creates a cohort with POST and the request as body', () => {
    const request = {
      name: 'Oriental 2026',
      courseId: 'c-1',
      courseVersion: 1,
      territoryId: 't-1',
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
    };
    let id = '';
    service.create(request).subscribe((c) => (id = c.id));
    const req = http.expectOne('/api/v1/cohorts');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(request);
    req.flush({ id: 'k-1' });
    expect(id).toBe('k-1');
  });

  it('switches the join code off with PATCH joinCode: false', () => {
    service.update('k-1', { joinCode: false }).subscribe();
    const req = http.expectOne('/api/v1/cohorts/k-1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ joinCode: false });
    req.flush({});
  });

  it('upgrades with POST …/upgrade and the version', () => {
    service.upgrade('k-1', 3).subscribe();
    const req = http.expectOne('/api/v1/cohorts/k-1/upgrade');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ version: 3 });
    req.flush({ cohort: {}, changes: { added: [], removed: [], changed: [] } });
  });

  it('sends the CSV as the raw text/csv body, dry run in the query, reporting every event', () => {
    const csv = 'email;full name;territory code;preferred language\na@example.org;A;MA-BER;fr';
    const types: HttpEventType[] = [];
    let report: CsvImportReport | null = null;
    service.importCsv('k-1', csv, true).subscribe((e) => {
      types.push(e.type);
      if (e.type === HttpEventType.Response) report = e.body;
    });
    const req = http.expectOne(
      (r) => r.url === '/api/v1/cohorts/k-1/enrolments/import' && r.params.get('dryRun') === 'true',
    );
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toBe(csv);
    expect(req.request.headers.get('Content-Type')).toBe('text/csv');
    expect(req.request.reportProgress).toBe(true);
    req.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 10 });
    req.flush({ dryRun: true, rows: 1, valid: 1, problems: [] });
    expect(types).toContain(HttpEventType.UploadProgress);
    expect(report).toEqual({ dryRun: true, rows: 1, valid: 1, problems: [] });
  });

  it('commits an import with dryRun=false', () => {
    service.importCsv('k-1', 'x', false).subscribe();
    http
      .expectOne(
        (r) => r.url === '/api/v1/cohorts/k-1/enrolments/import' && r.params.get('dryRun') === 'false',
      )
      .flush({});
  });

  it('enrols e-mails with the language of the invitations', () => {
    service.enrol('k-1', { emails: ['a@example.org'], preferredLanguage: 'ar' }).subscribe();
    const req = http.expectOne('/api/v1/cohorts/k-1/enrolments');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ emails: ['a@example.org'], preferredLanguage: 'ar' });
    req.flush({ enrolled: [], alreadyEnrolled: [], alreadyInvited: [], invited: [], invalid: [] });
  });

  it('withdraws with POST …/enrolments/:id/withdraw', () => {
    service.withdraw('k-1', 'e-7').subscribe();
    const req = http.expectOne('/api/v1/cohorts/k-1/enrolments/e-7/withdraw');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('reads the roster with only the parameters that are set', () => {
    let roster: Roster | null = null;
    service
      .roster('k-1', { sort: 'progress', order: 'desc', overdue: false, q: '  fatima ' })
      .subscribe((r) => (roster = r));
    const req = http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster');
    const p = req.request.params;
    expect(p.keys().sort()).toEqual(['order', 'overdue', 'q', 'sort']);
    expect([p.get('sort'), p.get('order'), p.get('overdue'), p.get('q')]).toEqual([
      'progress',
      'desc',
      'false',
      'fatima',
    ]);
    req.flush({ cohortId: 'k-1', rows: [], total: 0 });
    expect(roster).toEqual({ cohortId: 'k-1', rows: [], total: 0 });
  });

  it('exports the roster as a blob with format=csv, the same filters, the page language and the server’s name', () => {
    let file: { blob: Blob; filename: string } | null = null;
    service.rosterCsv('k-1', { status: 'active' }, 'ar').subscribe((f) => (file = f));
    const req = http.expectOne(
      (r) =>
        r.url === '/api/v1/cohorts/k-1/roster' &&
        r.params.get('format') === 'csv' &&
        r.params.get('status') === 'active' &&
        r.params.get('lang') === 'ar',
    );
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['name;email\n'], { type: 'text/csv' }), {
      headers: {
        'Content-Disposition': `attachment; filename="roster-2027-01-05.csv"; filename*=UTF-8''${encodeURIComponent('roster-فوج-2027-01-05.csv')}`,
      },
    });
    expect(file!.blob).toBeInstanceOf(Blob);
    expect(file!.filename).toBe('roster-فوج-2027-01-05.csv');
  });

  it('reads one coach of a cohort', () => {
    service.coachRecord('k-1', 'e-1').subscribe();
    http.expectOne({ method: 'GET', url: '/api/v1/cohorts/k-1/enrolments/e-1' }).flush({});
  });

  it('joins with the code and lists my enrolments', () => {
    let joined: MyEnrolment | null = null;
    service.join('K7M3QX9PTA').subscribe((e) => (joined = e));
    const req = http.expectOne('/api/v1/cohorts/join');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ code: 'K7M3QX9PTA' });
    req.flush({ enrolmentId: 'e-1' });
    expect(joined).toEqual({ enrolmentId: 'e-1' });

    service.myEnrolments().subscribe();
    expect(http.expectOne('/api/v1/me/enrolments').request.method).toBe('GET');
  });
});
