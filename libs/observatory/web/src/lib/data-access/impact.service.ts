import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  type ExportFormat,
  type ImpactQuery,
  type ImpactReport,
  type Locale,
  type OrganisationKind,
  type OrganisationSector,
} from '@tc/shared/contracts';
import { type Observable, map } from 'rxjs';
import { type DownloadedFile, filenameOf } from './observatory.service';
import { isMonth } from './query';

const API = '/api/v1/observatory/impact';

/**
 * The impact view's filters as the URL holds them (`?territoryId=&from=&to=&sector=&kind=&womenLed=`),
 * so that drilling down works with back and forward and a view can be shared as a link. `null` means
 * "not chosen": the top of the caller's scope, open months, every sector, kind and leadership.
 */
export interface ImpactPageQuery {
  territoryId: string | null;
  from: string | null;
  to: string | null;
  sector: OrganisationSector | null;
  kind: OrganisationKind | null;
  womenLed: boolean | null;
}

export const EMPTY_IMPACT_QUERY: ImpactPageQuery = {
  territoryId: null,
  from: null,
  to: null,
  sector: null,
  kind: null,
  womenLed: null,
};

type Params = Readonly<Record<string, unknown>>;

/** Reads the filters from query parameters, dropping what is malformed; months in the wrong order are swapped. */
export function impactQueryFromParams(params: Params): ImpactPageQuery {
  const territoryId = params['territoryId'];
  const sector = params['sector'];
  const kind = params['kind'];
  const womenLed = params['womenLed'];
  let from = isMonth(params['from']) ? params['from'] : null;
  let to = isMonth(params['to']) ? params['to'] : null;
  if (from && to && from > to) [from, to] = [to, from];
  return {
    territoryId: typeof territoryId === 'string' && /^[\w-]{1,100}$/.test(territoryId) ? territoryId : null,
    from,
    to,
    sector: (ORGANISATION_SECTORS as readonly unknown[]).includes(sector)
      ? (sector as OrganisationSector)
      : null,
    kind: (ORGANISATION_KINDS as readonly unknown[]).includes(kind) ? (kind as OrganisationKind) : null,
    womenLed: womenLed === 'true' ? true : womenLed === 'false' ? false : null,
  };
}

/** The query parameters of a view: only what is chosen, so that URLs stay short. */
export function paramsFromImpactQuery(query: ImpactPageQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['territoryId', 'from', 'to', 'sector', 'kind', 'womenLed'] as const) {
    const value = query[key];
    if (value !== null && value !== '') params[key] = String(value);
  }
  return params;
}

/** The API's query: what is chosen, nothing else. */
export function impactApiQuery(query: ImpactPageQuery): ImpactQuery {
  const api: ImpactQuery = {};
  if (query.territoryId) api.territoryId = query.territoryId;
  if (query.from) api.from = query.from;
  if (query.to) api.to = query.to;
  if (query.sector) api.sector = query.sector;
  if (query.kind) api.kind = query.kind;
  if (query.womenLed !== null) api.womenLed = query.womenLed;
  return api;
}

function impactParams(query: ImpactQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** The observatory's impact view: counts of the field log only, scoped by the server to the caller's territories. */
@Injectable({ providedIn: 'root' })
export class ImpactService {
  private readonly http = inject(HttpClient);

  impact(query: ImpactQuery, lang: Locale): Observable<ImpactReport> {
    return this.http.get<ImpactReport>(API, { params: impactParams(query).set('lang', lang) });
  }

  /** The same report as a CSV or XLSX file for funders, its headings and names in the interface's language. */
  download(query: ImpactQuery, format: ExportFormat, lang: Locale): Observable<DownloadedFile> {
    return this.http
      .get(`${API}/export`, {
        params: impactParams(query).set('format', format).set('lang', lang),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([]),
          filename: filenameOf(res.headers.get('Content-Disposition')) ?? `observatory-impact.${format}`,
        })),
      );
  }
}
