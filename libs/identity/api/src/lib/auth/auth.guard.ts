import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@tc/shared/contracts';
import { PUBLIC_ROUTE, ROUTE_ROLES, SIGNED_IN, type RequestWithPrincipal } from '@tc/shared/api';
import { PrincipalService } from '../principal.service';

interface HttpRequestLike extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessRule {
  isPublic: boolean;
  roles: Role[] | undefined;
  signedIn: boolean;
}

/**
 * The one guard of the API, installed globally. Every route must declare who may call it with
 * `@Public()`, `@SignedIn()` or `@Roles(...)`; a route that declares nothing is refused (secure by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly rules = new WeakMap<object, WeakMap<object, AccessRule>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly principals: PrincipalService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles, signedIn } = this.ruleOf(context);
    if (isPublic) return true;
    if (!roles && !signedIn) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares no access rule; refused`,
      );
      throw new ForbiddenException('This route declares no access rule.');
    }
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const { userId, sessionId } = await this.verifyBearer(request.headers['authorization']);
    const principal = await this.principals.load(userId, sessionId);
    if (!principal) throw new UnauthorizedException('Your session is no longer valid; sign in again.');
    request.principal = principal;
    if (roles && !principal.roles.some((r) => roles.includes(r.role))) {
      throw new ForbiddenException(`This needs one of these roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  /** A route's rule is fixed by its decorators: read once per handler and class, not on every request. */
  private ruleOf(context: ExecutionContext): AccessRule {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.rules.get(handler);
    if (!byClass) this.rules.set(handler, (byClass = new WeakMap()));
    let rule = byClass.get(cls);
    if (!rule) {
      const targets = [handler, cls];
      rule = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets),
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets),
        signedIn: !!this.reflector.getAllAndOverride<boolean>(SIGNED_IN, targets),
      };
      byClass.set(cls, rule);
    }
    return rule;
  }

  /**
   * The user and the session an access token was issued for. A token without a session (issued before
   * sessions were named in tokens) is refused like an expired one: the person signs in again.
   */
  private async verifyBearer(
    header: string | string[] | undefined,
  ): Promise<{ userId: string; sessionId: string }> {
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(.+)$/i.exec(value ?? '');
    if (!match?.[1]) throw new UnauthorizedException('Sign-in required.');
    try {
      const payload = await this.jwt.verifyAsync<{ sub: unknown; sid: unknown; typ: unknown }>(match[1]);
      if (
        payload.typ !== 'access' ||
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        !UUID.test(payload.sid)
      )
        throw new Error('not an access token of a session');
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      throw new UnauthorizedException('Your access token is invalid or expired.');
    }
  }
}
