import { createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { Role } from '@tc/shared/contracts';

export const PUBLIC_ROUTE = 'tc:public';
export const ROUTE_ROLES = 'tc:roles';
export const SIGNED_IN = 'tc:signed-in';

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Any signed-in person may call this route, whatever their roles. */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

/**
 * Only people holding one of these roles (in any territory) may call this route. Whether the role's
 * territory covers the resource is the service's business, with {@link AuthPrincipal.scopesFor}.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** A role a person holds, with the territory it covers (its materialized path covers the subtree). */
export interface ScopedRole {
  assignmentId: string;
  role: Role;
  territoryId: string;
  territoryPath: string;
}

/** The signed-in person, as the auth guard puts it on the request. */
export interface AuthPrincipal {
  userId: string;
  email: string;
  roles: ScopedRole[];
}

export function hasRole(principal: AuthPrincipal, role: Role): boolean {
  return principal.roles.some((r) => r.role === role);
}

/** The materialized paths this person covers with the given role. */
export function scopesFor(principal: AuthPrincipal, role: Role): string[] {
  return principal.roles.filter((r) => r.role === role).map((r) => r.territoryPath);
}

/** Whether one of the person's `role` assignments covers the territory at `territoryPath`. */
export function coversTerritory(principal: AuthPrincipal, role: Role, territoryPath: string): boolean {
  return scopesFor(principal, role).some((scope) => territoryPath.startsWith(scope));
}

export interface RequestWithPrincipal {
  principal?: AuthPrincipal;
}

/** The signed-in person; the route must not be public. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthPrincipal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) {
    throw new UnauthorizedException('Sign-in required');
  }
  return request.principal;
});
