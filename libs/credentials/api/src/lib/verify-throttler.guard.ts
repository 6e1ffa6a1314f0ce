import { Injectable } from '@nestjs/common';
import { PerPersonThrottlerGuard, type PerPersonLimit } from '@tc/identity/api';

/**
 * Thirty verifications a minute per caller (per IP when signed out, as a verifier usually is): checking
 * a credential canonicalises its JSON-LD and checks a signature, work a stranger should not be able to
 * ask of the server without bound. Plenty for a person or an employer's tool checking credentials one
 * by one; a 429 problem with `Retry-After` beyond it.
 */
@Injectable()
export class VerifyThrottlerGuard extends PerPersonThrottlerGuard {
  protected readonly perPerson: PerPersonLimit = { name: 'credential-verify', limit: 30, windowSeconds: 60 };
}
