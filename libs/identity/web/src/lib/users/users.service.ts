import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionLink,
  AdminActionRequest,
  AssignRoleRequest,
  ChangeRoleRequest,
  InviteUserRequest,
  InviteUserResponse,
  ListUsersQuery,
  RoleImpact,
  RoleImpactQuery,
  SignInLockout,
  UserList,
  UserSummary,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const BASE = '/api/v1/users';

/** The admin's user management API. */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(query: ListUsersQuery): Observable<UserList> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<UserList>(BASE, { params });
  }

  get(id: string): Observable<UserSummary> {
    return this.http.get<UserSummary>(`${BASE}/${encodeURIComponent(id)}`);
  }

  invite(request: InviteUserRequest): Observable<InviteUserResponse> {
    return this.http.post<InviteUserResponse>(`${BASE}/invitations`, request);
  }

  assignRole(id: string, request: AssignRoleRequest): Observable<UserSummary> {
    return this.http.post<UserSummary>(`${BASE}/${encodeURIComponent(id)}/roles`, request);
  }

  /** A role's role and/or territory changed in one step. */
  changeRole(id: string, assignmentId: string, request: ChangeRoleRequest): Observable<UserSummary> {
    return this.http.patch<UserSummary>(this.assignment(id, assignmentId), request);
  }

  /** The running enrolments removing (or changing, with `query`) a coach role would leave behind. */
  roleImpact(id: string, assignmentId: string, query: RoleImpactQuery = {}): Observable<RoleImpact> {
    let params = new HttpParams();
    if (query.role) params = params.set('role', query.role);
    if (query.territoryId) params = params.set('territoryId', query.territoryId);
    return this.http.get<RoleImpact>(`${this.assignment(id, assignmentId)}/impact`, { params });
  }

  removeRole(id: string, assignmentId: string, request: AdminActionRequest = {}): Observable<UserSummary> {
    return this.http.delete<UserSummary>(this.assignment(id, assignmentId), {
      ...(request.reason ? { body: request } : {}),
    });
  }

  setEnabled(id: string, enabled: boolean, request: AdminActionRequest = {}): Observable<UserSummary> {
    return this.http.post<UserSummary>(
      `${BASE}/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`,
      request.reason ? request : null,
    );
  }

  private assignment(id: string, assignmentId: string): string {
    return `${BASE}/${encodeURIComponent(id)}/roles/${encodeURIComponent(assignmentId)}`;
  }

  lockout(id: string): Observable<SignInLockout> {
    return this.http.get<SignInLockout>(`${BASE}/${encodeURIComponent(id)}/lockout`);
  }

  clearLockout(id: string): Observable<SignInLockout> {
    return this.http.delete<SignInLockout>(`${BASE}/${encodeURIComponent(id)}/lockout`);
  }

  passwordResetLink(id: string): Observable<ActionLink> {
    return this.http.post<ActionLink>(`${BASE}/${encodeURIComponent(id)}/password-reset`, null);
  }
}
