import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '@tc/shared/api';

/**
 * The throttler of sign-in, reset and link routes (per IP and per account). It answers a standard
 * `Retry-After` header (the library names it per throttler) and a problem the web app can translate.
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    reply.header('Retry-After', String(seconds));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-attempts',
      'Too many attempts',
      `Too many attempts. Try again in ${seconds} seconds.`,
    );
  }
}
