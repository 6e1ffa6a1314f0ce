import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  PushPublicKey,
  PushSubscriptionRequest,
  PushSubscriptionsRemoved,
  PushSubscriptionSummary,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

/** The server's side of this browser's push subscription. */
@Injectable({ providedIn: 'root' })
export class PushSubscriptionsApi {
  private readonly http = inject(HttpClient);

  publicKey(): Observable<PushPublicKey> {
    return this.http.get<PushPublicKey>('/api/v1/push/public-key');
  }

  register(subscription: PushSubscriptionRequest): Observable<PushSubscriptionSummary> {
    return this.http.post<PushSubscriptionSummary>('/api/v1/me/push-subscriptions', subscription);
  }

  remove(endpoint: string): Observable<PushSubscriptionsRemoved> {
    return this.http.delete<PushSubscriptionsRemoved>('/api/v1/me/push-subscriptions', {
      body: { endpoint },
    });
  }
}
