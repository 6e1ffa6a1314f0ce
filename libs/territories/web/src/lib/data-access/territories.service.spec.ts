import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Territory } from '@tc/shared/contracts';
import { TerritoriesService } from './territories.service';

describe('TerritoriesService', () => {
  let service: TerritoriesService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(TerritoriesService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for the children of a territory with ?parentId', () => {
    let result: Territory[] = [];
    service.children('t-1').subscribe((list) => (result = list));
    const req = http.expectOne((r) => r.url === '/api/v1/territories' && r.params.get('parentId') === 't-1');
    expect(req.request.method).toBe('GET');
    const child: Territory = {
      id: 't-2',
      parentId: 't-1',
      level: 'province',
      code: 'MA-BER',
      name: { fr: 'Berkane', ar: 'بركان', en: 'Berkane' },
      childCount: 0,
    };
    req.flush([child]);
    expect(result).toEqual([child]);
  });

  it('moves a territory with PATCH parentId', () => {
    service.update('t-2', { parentId: 't-9' }).subscribe();
    const req = http.expectOne('/api/v1/territories/t-2');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ parentId: 't-9' });
    req.flush({});
  });
});
