export const PUSH_OPTIONS = Symbol('PUSH_OPTIONS');

export interface PushOptions {
  /**
   * `VAPID_PUBLIC_KEY` and `VAPID_PRIVATE_KEY` (base64url, as web-push's `generateVAPIDKeys` gives);
   * null: generated once and kept in `push_vapid_keys`.
   */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** `VAPID_SUBJECT`: who runs this server, for the push services (a `mailto:` or `https:` URL). */
  subject: string;
  /**
   * Accept `http://` endpoints on this machine (127.0.0.1, localhost): a local push service in specs
   * and development only; the config refuses it in production.
   */
  allowLoopbackEndpoints: boolean;
  /** How long a push service keeps a message for a device that is offline, seconds. */
  ttlSeconds: number;
}

export const DEFAULT_PUSH_OPTIONS: PushOptions = {
  vapidKeys: null,
  subject: 'mailto:no-reply@localhost',
  allowLoopbackEndpoints: false,
  ttlSeconds: 24 * 3600,
};
