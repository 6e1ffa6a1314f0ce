import { Injectable } from '@nestjs/common';
import { PerPersonThrottlerGuard, type PerPersonLimit } from '@tc/identity/api';

/**
 * Ten tries at a join code per person in 15 minutes: enough for someone typing a code they were given,
 * too few to find one by guessing (codes are 10 characters of 31). A right code counts as a try too
 * (the throttler counts before the code is looked at), and is refused like a wrong one until the window
 * has passed: once the limit is reached, nothing more can be learnt from the answers.
 */
@Injectable()
export class JoinCodeThrottlerGuard extends PerPersonThrottlerGuard {
  protected readonly perPerson: PerPersonLimit = { name: 'join-code', limit: 10, windowSeconds: 15 * 60 };
}
