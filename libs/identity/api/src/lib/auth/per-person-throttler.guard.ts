import type { RequestWithPrincipal } from '@tc/shared/api';
import { SignInThrottlerGuard } from './sign-in-throttler.guard';

/** How many calls a signed-in person may make to a route in a window, under a throttler's name. */
export interface PerPersonLimit {
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Limits a signed-in route per person (the caller's account, from any IP), counted where the sign-in
 * limits are counted (in Redis when configured, shared by every API process) and refused the same way:
 * a 429 problem with `Retry-After`. The throttler counts before the handler runs, so every call counts,
 * whatever it turns out to be. A route's guard extends this one with its own {@link PerPersonLimit}; it
 * runs after the authentication guard, which has put the caller on the request.
 */
export abstract class PerPersonThrottlerGuard extends SignInThrottlerGuard {
  protected abstract readonly perPerson: PerPersonLimit;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    const { name, limit, windowSeconds } = this.perPerson;
    this.throttlers = [
      {
        name,
        limit,
        ttl: windowSeconds * 1000,
        getTracker: (req) => {
          const principal = (req as RequestWithPrincipal).principal;
          return principal ? `user:${principal.userId}` : `ip:${String(req['ip'])}`;
        },
      },
    ];
  }
}
