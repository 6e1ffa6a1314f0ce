import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionLink,
  AssignRoleRequest,
  InviteUserRequest,
  InviteUserResponse,
  ListUsersQuery,
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

  removeRole(id: string, assignmentId: string): Observable<UserSummary> {
    return this.http.delete<UserSummary>(
      `${BASE}/${encodeURIComponent(id)}/roles/${encodeURIComponent(assignmentId)}`,
    );
  }

  setEnabled(id: string, enabled: boolean): Observable<UserSummary> {
    return this.http.post<UserSummary>(
      `${BASE}/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`,
      null,
    );
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
