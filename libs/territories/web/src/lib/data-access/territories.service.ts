import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateTerritoryRequest,
  Territory,
  TerritoryDetail,
  TerritorySearchQuery,
  UpdateTerritoryRequest,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const BASE = '/api/v1/territories';

/** The territory tree API: roots, children, one territory with its ancestors, admin edits. */
@Injectable({ providedIn: 'root' })
export class TerritoriesService {
  private readonly http = inject(HttpClient);

  roots(): Observable<Territory[]> {
    return this.http.get<Territory[]>(BASE);
  }

  children(parentId: string): Observable<Territory[]> {
    return this.http.get<Territory[]>(BASE, { params: new HttpParams().set('parentId', parentId) });
  }

  get(id: string): Observable<TerritoryDetail> {
    return this.http.get<TerritoryDetail>(`${BASE}/${encodeURIComponent(id)}`);
  }

  /** Territories whose name or code holds `q` (at least 2 characters), each with its ancestors. */
  search(query: TerritorySearchQuery): Observable<TerritoryDetail[]> {
    let params = new HttpParams().set('q', query.q);
    if (query.within) params = params.set('within', query.within);
    return this.http.get<TerritoryDetail[]>(`${BASE}/search`, { params });
  }

  create(request: CreateTerritoryRequest): Observable<Territory> {
    return this.http.post<Territory>(BASE, request);
  }

  update(id: string, request: UpdateTerritoryRequest): Observable<Territory> {
    return this.http.patch<Territory>(`${BASE}/${encodeURIComponent(id)}`, request);
  }
}
