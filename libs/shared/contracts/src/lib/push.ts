/**
 * Web Push: the browser subscribes with the server's VAPID public key, then hands the subscription to
 * the API, which pushes each new notification to it (when the person's settings allow push).
 */

/** `GET /api/v1/push/public-key`: the VAPID public key, base64url (`applicationServerKey`). */
export interface PushPublicKey {
  publicKey: string;
}

/** The keys of a `PushSubscription` (its `toJSON().keys`), base64url. */
export interface PushSubscriptionKeys {
  p256dh: string;
  auth: string;
}

/** `POST /api/v1/me/push-subscriptions`: what `PushSubscription.toJSON()` gives. */
export interface PushSubscriptionRequest {
  endpoint: string;
  keys: PushSubscriptionKeys;
}

/** `DELETE /api/v1/me/push-subscriptions`: the browser's endpoint (it knows no id). */
export interface PushSubscriptionRemoval {
  endpoint: string;
}

/** A registered subscription (the endpoint only: the keys stay on the server). */
export interface PushSubscriptionSummary {
  id: string;
  endpoint: string;
  createdAt: string;
}

/** `DELETE /api/v1/me/push-subscriptions`: how many were removed (0 or 1). */
export interface PushSubscriptionsRemoved {
  removed: number;
}

/** How many browsers one person may register; the oldest goes when one more is added. */
export const PUSH_SUBSCRIPTIONS_MAX = 10;
