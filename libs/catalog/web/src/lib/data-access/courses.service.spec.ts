import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CoachCourse, CourseDraft, CourseSummary, MediaUpload } from '@tc/shared/contracts';
import { CoursesService } from './courses.service';

describe('CoursesService', () => {
  let service: CoursesService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(CoursesService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists my courses with ?scope=mine', () => {
    let result: CourseSummary[] = [];
    service.list().subscribe((list) => (result = list));
    const req = http.expectOne((r) => r.url === '/api/v1/courses' && r.params.get('scope') === 'mine');
    expect(req.request.method).toBe('GET');
    req.flush([{ id: 'c-1' }]);
    expect(result).toEqual([{ id: 'c-1' }]);
  });

  it('creates a course with POST and the request as body', () => {
    const request = {
      slug: 'budget',
      title: { fr: 'Budget', ar: 'الميزانية' },
      defaultLocale: 'fr' as const,
      locales: ['fr' as const, 'ar' as const],
    };
    let created: CourseDraft | null = null;
    service.create(request).subscribe((d) => (created = d));
    const req = http.expectOne('/api/v1/courses');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(request);
    req.flush({ id: 'c-9' });
    expect(created).toEqual({ id: 'c-9' });
  });

  it('reorders modules with PUT …/modules/order and every id', () => {
    service.reorderModules('c-1', ['m-2', 'm-1']).subscribe();
    const req = http.expectOne('/api/v1/courses/c-1/modules/order');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ ids: ['m-2', 'm-1'] });
    req.flush({});
  });

  it('reorders lessons inside their module', () => {
    service.reorderLessons('c-1', 'm-1', ['l-2', 'l-1']).subscribe();
    const req = http.expectOne('/api/v1/courses/c-1/modules/m-1/lessons/order');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ ids: ['l-2', 'l-1'] });
    req.flush({});
  });

  it('moves a lesson to another module with PATCH moduleId', () => {
    service.updateLesson('c-1', 'l-1', { moduleId: 'm-2' }).subscribe();
    const req = http.expectOne('/api/v1/courses/c-1/lessons/l-1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ moduleId: 'm-2' });
    req.flush({});
  });

  it('archives and unarchives with POST', () => {
    service.setArchived('c-1', true).subscribe();
    service.setArchived('c-1', false).subscribe();
    expect(http.expectOne('/api/v1/courses/c-1/archive').request.method).toBe('POST');
    expect(http.expectOne('/api/v1/courses/c-1/unarchive').request.method).toBe('POST');
  });

  it('removes a co-author with DELETE', () => {
    service.removeCoAuthor('c-1', 'u-7').subscribe();
    expect(http.expectOne('/api/v1/courses/c-1/co-authors/u-7').request.method).toBe('DELETE');
  });

  it('publishes as is, or stopping to offer some languages first (?stopOffering)', () => {
    service.publish('c-1').subscribe();
    service.publish('c-1', ['ar', 'en']).subscribe();
    const [plain, dropping] = http.match((r) => r.url === '/api/v1/courses/c-1/publish');
    expect(plain?.request.method).toBe('POST');
    expect(plain?.request.params.has('stopOffering')).toBe(false);
    expect(dropping?.request.params.get('stopOffering')).toBe('ar,en');
  });

  it('previews a version in a locale', () => {
    let course: CoachCourse | null = null;
    service.preview('c-1', 'ar', 2).subscribe((c) => (course = c));
    const req = http.expectOne(
      (r) =>
        r.url === '/api/v1/courses/c-1/preview' &&
        r.params.get('locale') === 'ar' &&
        r.params.get('version') === '2',
    );
    req.flush({ title: 'الميزانية' });
    expect(course).toEqual({ title: 'الميزانية' });
  });

  it('previews the draft without a version parameter', () => {
    service.preview('c-1', 'fr').subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/courses/c-1/preview');
    expect(req.request.params.has('version')).toBe(false);
    req.flush({});
  });

  it('exports a version with ?version and the draft without', () => {
    service.export('c-1', 3).subscribe();
    service.export('c-1').subscribe();
    const [v3, draft] = http.match((r) => r.url === '/api/v1/courses/c-1/export');
    expect(v3.request.params.get('version')).toBe('3');
    expect(draft.request.params.has('version')).toBe(false);
  });

  it('uploads media as multipart form data in the field "file"', () => {
    const file = new File(['png'], 'cover.png', { type: 'image/png' });
    let upload: MediaUpload | null = null;
    service.upload(file).subscribe((u) => (upload = u));
    const req = http.expectOne('/api/v1/media');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('cover.png');
    req.flush({ hash: 'h1', url: '/api/v1/media/h1' });
    expect(upload).toEqual({ hash: 'h1', url: '/api/v1/media/h1' });
  });

  it('renders markdown on the server', () => {
    let html = '';
    service.render('# Titre').subscribe((r) => (html = r.html));
    const req = http.expectOne('/api/v1/catalog/render');
    expect(req.request.body).toEqual({ markdown: '# Titre' });
    req.flush({ html: '<h1>Titre</h1>' });
    expect(html).toBe('<h1>Titre</h1>');
  });

  it('fetches the competences once and shares them', () => {
    const seen: number[] = [];
    service.competences().subscribe((a) => seen.push(a.length));
    http.expectOne('/api/v1/competences').flush([{ code: '1' }, { code: '2' }]);
    service.competences().subscribe((a) => seen.push(a.length));
    http.expectNone('/api/v1/competences');
    expect(seen).toEqual([2, 2]);
  });
});
