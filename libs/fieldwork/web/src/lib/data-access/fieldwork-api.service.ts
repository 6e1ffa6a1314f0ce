import { HttpClient, type HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CompetenceArea,
  CreateFieldCommentRequest,
  CreateMaturityCheckRequest,
  CreateMilestoneRequest,
  FieldComment,
  LearnerCourse,
  MaturityCheck,
  Milestone,
  MyEnrolment,
  OrganisationList,
  OrganisationLog,
  SaveOrganisationRequest,
  SavedOrganisation,
  SaveVisitRequest,
  ShareOrganisationRequest,
  SupervisedCoachList,
  Territory,
  TerritoryDetail,
  Visit,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1/fieldwork';
const seg = encodeURIComponent;

/** Options a send carries (the outbox marks whose session it belongs to). */
export interface SendOptions {
  context?: HttpContext;
}

/**
 * The field log's HTTP calls, one method a route. Every write carries the id the device made, so a
 * resend is the same record.
 */
@Injectable({ providedIn: 'root' })
export class FieldworkApiService {
  private readonly http = inject(HttpClient);

  organisations(coachId?: string): Observable<OrganisationList> {
    const params = coachId ? new HttpParams().set('coachId', coachId) : undefined;
    return this.http.get<OrganisationList>(`${API}/organisations`, { params });
  }

  log(id: string): Observable<OrganisationLog> {
    return this.http.get<OrganisationLog>(`${API}/organisations/${seg(id)}`);
  }

  coaches(): Observable<SupervisedCoachList> {
    return this.http.get<SupervisedCoachList>(`${API}/coaches`);
  }

  saveOrganisation(body: SaveOrganisationRequest, options: SendOptions = {}): Observable<SavedOrganisation> {
    return this.http.put<SavedOrganisation>(`${API}/organisations/${seg(body.id)}`, body, options);
  }

  deleteOrganisation(id: string, options: SendOptions = {}): Observable<void> {
    return this.http.delete<void>(`${API}/organisations/${seg(id)}`, options);
  }

  /** A young entrepreneur withdrew their agreement: the record is anonymised (online only). */
  withdrawConsent(id: string): Observable<void> {
    return this.http.post<void>(`${API}/organisations/${seg(id)}/consent-withdrawal`, {});
  }

  createCheck(
    id: string,
    body: CreateMaturityCheckRequest,
    options: SendOptions = {},
  ): Observable<MaturityCheck> {
    return this.http.post<MaturityCheck>(`${API}/organisations/${seg(id)}/checks`, body, options);
  }

  saveVisit(id: string, body: SaveVisitRequest, options: SendOptions = {}): Observable<Visit> {
    return this.http.put<Visit>(`${API}/organisations/${seg(id)}/visits/${seg(body.id)}`, body, options);
  }

  deleteVisit(id: string, visitId: string, options: SendOptions = {}): Observable<void> {
    return this.http.delete<void>(`${API}/organisations/${seg(id)}/visits/${seg(visitId)}`, options);
  }

  createMilestone(
    id: string,
    body: CreateMilestoneRequest,
    options: SendOptions = {},
  ): Observable<Milestone> {
    return this.http.post<Milestone>(`${API}/organisations/${seg(id)}/milestones`, body, options);
  }

  deleteMilestone(id: string, milestoneId: string, options: SendOptions = {}): Observable<void> {
    return this.http.delete<void>(`${API}/organisations/${seg(id)}/milestones/${seg(milestoneId)}`, options);
  }

  comment(id: string, body: CreateFieldCommentRequest, options: SendOptions = {}): Observable<FieldComment> {
    return this.http.post<FieldComment>(`${API}/organisations/${seg(id)}/comments`, body, options);
  }

  askToShare(id: string, options: SendOptions = {}): Observable<unknown> {
    return this.http.post(`${API}/organisations/${seg(id)}/share-requests`, {}, options);
  }

  share(id: string, body: ShareOrganisationRequest, options: SendOptions = {}): Observable<unknown> {
    return this.http.post(`${API}/organisations/${seg(id)}/shares`, body, options);
  }

  unshare(id: string, coachId: string, options: SendOptions = {}): Observable<void> {
    return this.http.delete<void>(`${API}/organisations/${seg(id)}/shares/${seg(coachId)}`, options);
  }

  // ---------------------------------------------------------------- other domains' reads, by their API

  /** DigComp 2.2 areas and competences (the catalog's reference data). */
  competences(): Observable<CompetenceArea[]> {
    return this.http.get<CompetenceArea[]>('/api/v1/competences');
  }

  /** The coach's enrolments (what the learner home lists). */
  enrolments(): Observable<MyEnrolment[]> {
    return this.http.get<MyEnrolment[]>('/api/v1/me/enrolments');
  }

  /** One enrolment's course as the coach follows it (its modules and lessons). */
  enrolment(enrolmentId: string): Observable<LearnerCourse> {
    return this.http.get<LearnerCourse>(`/api/v1/enrolments/${seg(enrolmentId)}`);
  }

  territory(id: string): Observable<TerritoryDetail> {
    return this.http.get<TerritoryDetail>(`/api/v1/territories/${seg(id)}`);
  }

  territoryChildren(parentId: string): Observable<Territory[]> {
    return this.http.get<Territory[]>('/api/v1/territories', {
      params: new HttpParams().set('parentId', parentId),
    });
  }
}
